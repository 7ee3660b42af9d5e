import { decodeHTMLStrict } from 'entities'
import iconv from 'iconv-lite'

/** One in-place text fix: a rule id for provenance and a function that returns text and hit count. */
export interface TextNormalizer {
  readonly ruleId: string
  apply(text: string): { text: string; count: number }
}

/** Applies a global regex replacement and counts the matches it actually changed. */
function replaceCounting(text: string, pattern: RegExp, replacement: string | ((match: string) => string)): { text: string; count: number } {
  let count = 0
  const out = text.replace(pattern, (match) => {
    const replaced = typeof replacement === 'string' ? replacement : replacement(match)
    if (replaced !== match) count++
    return replaced
  })
  return { text: out, count }
}

/**
 * HTML entities left in scraped text (`&amp;`, `&#8217;`); invalid numeric references become
 * U+FFFD. Only whole references are decoded: `&copyright;` stays, not "©right;" as HTML's
 * legacy prefix rule would have it.
 */
export const decodeEntities: TextNormalizer = {
  ruleId: 'normalize/html-entities',
  apply: (text) => replaceCounting(text, /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi, (m) => decodeHTMLStrict(m)),
}

/**
 * What a UTF-8 continuation byte (0x80-0xBF) looks like when read as cp1252 or latin-1: the
 * latin-1 range (C1 controls included) and the cp1252 letters and punctuation of 0x80-0x9F.
 */
const CONTINUATION = '[\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]'

/**
 * A UTF-8 lead byte read as cp1252/latin-1, followed by exactly as many continuation bytes as
 * the lead byte announces (2-, 3- and 4-byte sequences): the usual mojibake.
 */
const MOJIBAKE_RUN = new RegExp(
  `[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|[\\u00F0-\\u00F4]${CONTINUATION}{3}`,
  'g',
)

/**
 * Repairs UTF-8 that was decoded as windows-1252 or latin-1 ("cafÃ©" → "café", "â€™" → "’"):
 * each suspicious run is re-encoded to the bytes it was read from and decoded as strict UTF-8;
 * runs that do not decode to exactly one character are left alone.
 */
export const repairMojibake: TextNormalizer = {
  ruleId: 'normalize/mojibake',
  apply: (text) => {
    let count = 0
    const out = text.replace(MOJIBAKE_RUN, (run) => {
      const repaired = redecode(run)
      if (repaired === null) return run
      count++
      return repaired
    })
    return { text: out, count }
  },
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function redecode(run: string): string | null {
  const bytes = Buffer.alloc(run.length)
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i)
    // U+0000-U+00FF are their own byte in latin-1 (and in cp1252 outside 0x80-0x9F, whose
    // unassigned bytes WHATWG also maps to C1 controls); the rest are cp1252 letters.
    if (code <= 0xff) bytes[i] = code
    else {
      const encoded = iconv.encode(run[i] as string, 'windows-1252')
      if (encoded.length !== 1 || iconv.decode(encoded, 'windows-1252') !== run[i]) return null
      bytes[i] = encoded[0] as number
    }
  }
  try {
    const decoded = strictUtf8.decode(bytes)
    return [...decoded].length === 1 ? decoded : null
  } catch {
    return null
  }
}

/**
 * Control characters (C0, C1 and DEL, but not the tab, line and page breaks that
 * `collapseWhitespace` turns into spaces), invisible zero-width characters and bidi
 * embeddings/overrides/isolates. ZWNJ and ZWJ (needed by Persian, Indic scripts and emoji)
 * and the LRM/RLM marks are kept.
 */
export const removeInvisibles: TextNormalizer = {
  ruleId: 'normalize/control-chars',
  apply: (text) =>
    replaceCounting(text, /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g, ''),
}

/** Unicode canonical composition (NFC), so equal text is equal bytes. */
export const composeNfc: TextNormalizer = {
  ruleId: 'normalize/unicode-nfc',
  apply: (text) => {
    const out = text.normalize('NFC')
    return { text: out, count: out === text ? 0 : 1 }
  },
}

/** Doubled quote marks that scrapers leave around quotations (`"“Tehran` → `“Tehran`). */
export const collapseDoubledQuotes: TextNormalizer = {
  ruleId: 'normalize/doubled-quotes',
  apply: (text) => {
    const first = replaceCounting(text, /"(?=["“”])/g, '')
    const second = replaceCounting(first.text, /(?<=[“”])"/g, '')
    return { text: second.text, count: first.count + second.count }
  },
}

/** Curly quotes to straight ones, for configurations that ask for ASCII quotes. */
export const straightenQuotes: TextNormalizer = {
  ruleId: 'normalize/straight-quotes',
  apply: (text) => {
    const doubles = replaceCounting(text, /[“”„‟«»]/g, '"')
    const singles = replaceCounting(doubles.text, /[‘’‚‛]/g, "'")
    return { text: singles.text, count: doubles.count + singles.count }
  },
}

/** En and em dashes and their kin to an ASCII hyphen, for configurations that ask for it. */
export const asciiDashes: TextNormalizer = {
  ruleId: 'normalize/ascii-dashes',
  apply: (text) => replaceCounting(text, /[\u2010-\u2015\u2212]/g, '-'),
}

/**
 * Unicode spaces and stray line or page breaks (tab, LF, VT, FF, CR, NEL, LS, PS) to a plain
 * space, so words they separate stay apart; runs of spaces to one, no space at either end.
 */
export const collapseWhitespace: TextNormalizer = {
  ruleId: 'normalize/whitespace',
  apply: (text) => {
    const spaces = replaceCounting(text, /[\t\n\v\f\r\u0085\u2028\u2029\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    const runs = replaceCounting(spaces.text, / {2,}/g, ' ')
    const trimmed = runs.text.trim()
    return { text: trimmed, count: spaces.count + runs.count + (trimmed.length === runs.text.length ? 0 : 1) }
  },
}
