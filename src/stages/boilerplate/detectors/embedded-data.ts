import type { Detector, Span } from './detector.js'

const MIN_BLOB_CHARS = 30
const MIN_KEY_VALUE_PAIRS = 2
const MIN_TRUNCATED_BLOB_CHARS = 200
/** Openers that start a data literal: `{"`, `[{`, `[[`, `["`, possibly with spaces between. */
const DATA_OPENER = /[[{]\s*["{[]/g
/** Dumps and assignments that wrap a data literal: PHP var_dump, JS `var x =`, `window.x =`. */
const WRAPPER_BEFORE = /(?:string\(\d+\)\s*"|(?:(?:var|let|const)\s+)?[\w$.[\]'"]{1,80}\s*=\s*)$/u
const WRAPPER_AFTER = /^\s*["';]*\s*;?/u
const PRINT_R_OPENER = /Array\s*\(\s*\[/g

/**
 * Machine data that leaked into text: JSON objects and arrays, PHP `var_dump`/`print_r`
 * output, JavaScript assignments of object literals. Returns the spans to cut so that the
 * prose around a blob stays.
 */
export const detectEmbeddedData: Detector = (block) => {
  const spans = findDataSpans(block.text)
  if (spans.length === 0) return null
  const chars = spans.reduce((n, s) => n + s.end - s.start, 0)
  return { spans, reason: `${spans.length} data blob(s), ${chars} chars` }
}

/**
 * Finds data-literal spans in text in left-to-right passes, one per kind of opener (JSON
 * literals, print_r dumps), each linear in the text length: a scan never re-enters a blob it
 * has already judged, because a balanced blob that is not data holds no data blob of its kind
 * either (its parts are shorter and have fewer key/value pairs).
 */
export function findDataSpans(text: string): Span[] {
  const spans = [...scanBlobs(text, DATA_OPENER, false), ...scanBlobs(text, PRINT_R_OPENER, true)]
  spans.sort((a, b) => a.start - b.start || a.end - b.end)
  return mergeOverlapping(spans)
}

function scanBlobs(text: string, opener: RegExp, isPrintR: boolean): Span[] {
  const spans: Span[] = []
  let from = 0
  while (from < text.length) {
    opener.lastIndex = from
    const next = opener.exec(text)
    if (next === null) break
    const start = next.index
    const end = isPrintR
      ? matchingClose(text, start + next[0].indexOf('('), '(', ')', false)
      : matchingClose(text, start, text[start] as '{' | '[', text[start] === '{' ? '}' : ']', true)
    const truncated = end === null
    const blobEnd = end ?? text.length
    if (looksLikeData(text.slice(start, blobEnd), isPrintR, truncated)) spans.push(widenToWrapper(text, start, blobEnd))
    if (truncated) break
    from = blobEnd
  }
  return spans
}

/**
 * Index just past the bracket that closes the one at `start`, honouring strings when asked;
 * null when the text ends first (a truncated blob).
 */
function matchingClose(text: string, start: number, open: string, close: string, jsonStrings: boolean): number | null {
  let depth = 0
  let inString = false
  const other = open === '{' ? ['[', ']'] : open === '[' ? ['{', '}'] : ['', '']
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (jsonStrings && c === '"') inString = true
    else if (c === open || c === other[0]) depth++
    else if (c === close || c === other[1]) {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return null
}

function looksLikeData(blob: string, isPrintR: boolean, truncated: boolean): boolean {
  // A closed print_r dump is recognisable by its shape alone (`Array (` and `[key] =>` pairs), however short.
  const minChars = truncated ? MIN_TRUNCATED_BLOB_CHARS : isPrintR ? 0 : MIN_BLOB_CHARS
  if (blob.length < minChars) return false
  const pairs = isPrintR ? countMatches(blob, /\[[^\]\n]{1,80}\]\s*=>/g) : countMatches(blob, /"\s*:\s*["{[\d\-tfn]/g)
  return pairs >= MIN_KEY_VALUE_PAIRS
}

function countMatches(text: string, pattern: RegExp): number {
  let n = 0
  pattern.lastIndex = 0
  while (pattern.exec(text) !== null) n++
  return n
}

/** Extends a blob's span over a dump or assignment prefix and a closing quote or semicolon. */
function widenToWrapper(text: string, start: number, end: number): Span {
  const before = text.slice(Math.max(0, start - 100), start)
  const prefix = WRAPPER_BEFORE.exec(before)
  const widenedStart = prefix ? start - prefix[0].length : start
  const suffix = WRAPPER_AFTER.exec(text.slice(end, end + 4))
  const widenedEnd = suffix ? end + suffix[0].length : end
  return { start: widenedStart, end: widenedEnd }
}

function mergeOverlapping(spans: Span[]): Span[] {
  const merged: Span[] = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) }
    else merged.push(span)
  }
  return merged
}
