import { createDocument, type Document, type DocumentIssue } from '../core/document.js'
import { hasNoReadableText } from './decode-bytes.js'
import { dropUnsafeKeys } from './drop-unsafe-keys.js'
import { lineErrorDocument, type JsonlLocation } from './error-document.js'
import { readError, readWarning } from './read-issues.js'

/** Deepest nesting a JSONL record may have; deeper records are `E_TOO_DEEP` (they break recursive walkers). */
export const MAX_RECORD_DEPTH = 100

/** How many dropped key paths a warning names before it only counts the rest. */
const LISTED_PATHS = 5

/** Short name of a JSON value's type for "expected X, got Y" messages. */
function describeType(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** The record id as a string, or the issue that makes it unusable. */
function readId(raw: unknown): { id: string } | { issue: DocumentIssue } {
  if (typeof raw === 'string') {
    if (raw === '') return { issue: readError('E_ID_INVALID', 'id is empty') }
    if (raw.includes('\0')) return { issue: readError('E_ID_INVALID', 'id contains a NUL character') }
    return { id: raw }
  }
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw) && !Object.is(raw, -0)) return { id: String(raw) }
    const message = `numeric id is not a safe integer (parsed as ${Object.is(raw, -0) ? '-0' : String(raw)}); larger ids, fractions, Infinity and -0 lose identity, write them as strings`
    return { issue: readError('E_ID_UNSAFE_NUMBER', message) }
  }
  return { issue: readError('E_SCHEMA', `expected id as a non-empty string or a safe integer, got ${describeType(raw)}`) }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Replaces lone UTF-16 surrogates (legal in JSON escapes, not in Unicode text) with U+FFFD. */
function replaceLoneSurrogates(text: string): { text: string; replaced: number } {
  let replaced = 0
  const fixed = text.replace(LONE_SURROGATE, () => {
    replaced++
    return '\uFFFD'
  })
  return { text: fixed, replaced }
}

function droppedKeysWarning(paths: readonly string[]): DocumentIssue {
  const listed = paths.slice(0, LISTED_PATHS).join(', ')
  const more = paths.length > LISTED_PATHS ? ` and ${paths.length - LISTED_PATHS} more` : ''
  return readWarning('W_UNSAFE_KEY_DROPPED', `dropped keys that could pollute prototypes: ${listed}${more}`)
}

/**
 * Turns one parsed JSONL value into a Document, or into a line-error document saying why not.
 *
 * Schema: an object with `id` (a non-empty string without NUL, or a safe integer, which becomes
 * its decimal string), `html` or `text` as a string (both: html is the content, text stays in
 * `extra`), optional `url` string. A present field of the wrong type is `E_SCHEMA`. Every other
 * field is kept in `extra` unchanged, except `__proto__`/`constructor`/`prototype` keys, dropped
 * at every depth (`W_UNSAFE_KEY_DROPPED`); records nested deeper than MAX_RECORD_DEPTH are
 * `E_TOO_DEEP`. Content with lone surrogates gets U+FFFD (`W_LONE_SURROGATE`); blank content is
 * `E_EMPTY`, like an empty file. Of a repeated key JSON.parse keeps the last value (the reader flags it).
 * `value` must be fresh from JSON.parse: unsafe keys are deleted in place.
 */
export function jsonlRecordToDocument(value: unknown, at: JsonlLocation, earlierIssues: readonly DocumentIssue[] = []): Document {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return lineErrorDocument(at, readError('E_SCHEMA', `expected a JSON object, got ${describeType(value)}`), { earlierIssues })
  }
  const record = value as Record<string, unknown>
  const format = typeof record.html === 'string' ? 'html' : 'text'
  const idResult = readId(record.id)
  if ('issue' in idResult) return lineErrorDocument(at, idResult.issue, { format, earlierIssues })
  const fail = (issue: DocumentIssue) => lineErrorDocument(at, issue, { id: idResult.id, format, earlierIssues })

  const scan = dropUnsafeKeys(record, MAX_RECORD_DEPTH)
  if (scan.tooDeep) return fail(readError('E_TOO_DEEP', `record nests deeper than ${MAX_RECORD_DEPTH} levels`))

  const { html, text, url } = record
  const wrongContentType = [html, text].some((v) => v !== undefined && typeof v !== 'string')
  if (wrongContentType || (typeof html !== 'string' && typeof text !== 'string')) {
    return fail(readError('E_SCHEMA', `expected html or text as a string, got html: ${describeType(html)}, text: ${describeType(text)}`))
  }
  if (url !== undefined && typeof url !== 'string') {
    return fail(readError('E_SCHEMA', `expected url as a string, got ${describeType(url)}`))
  }

  const contentKey = format
  const content = replaceLoneSurrogates(record[contentKey] as string)
  const issues: DocumentIssue[] = [...earlierIssues]
  if (scan.droppedPaths.length > 0) issues.push(droppedKeysWarning(scan.droppedPaths))
  if (content.replaced > 0) {
    issues.push(readWarning('W_LONE_SURROGATE', `${content.replaced} lone surrogate(s) in ${contentKey} replaced with U+FFFD`))
  }
  if (hasNoReadableText(content.text)) issues.push(readError('E_EMPTY', `no text: ${contentKey} is empty, whitespace or undecodable only`))

  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'id' && key !== 'url' && key !== contentKey))
  return createDocument({
    id: idResult.id,
    source: { file: at.file, line: at.line, format, ...(url !== undefined ? { url } : {}) },
    raw: content.text,
    extra,
    issues,
  })
}
