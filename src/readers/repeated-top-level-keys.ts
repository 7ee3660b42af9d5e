/**
 * The keys that appear more than once at the top level of a JSON object, in the order of their
 * second appearance. JSON.parse keeps the last value of a repeated key without a word (`{"id":
 * "a", "id": "b"}` has id "b"), so the JSONL reader reports them. `json` must be valid JSON
 * (call this after JSON.parse succeeded); strings are skipped with indexOf, so a long html
 * value costs a few jumps, not a character-by-character walk.
 */
export function repeatedTopLevelKeys(json: string): string[] {
  const seen = new Set<string>()
  const repeated: string[] = []
  let depth = 0
  let expectingKey = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === QUOTE) {
      const end = closingQuote(json, i)
      if (depth === 1 && expectingKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string
        if (seen.has(key)) {
          if (!repeated.includes(key)) repeated.push(key)
        } else seen.add(key)
        expectingKey = false
      }
      i = end
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++
      if (depth === 1) expectingKey = c === OPEN_BRACE
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
    } else if (c === COMMA && depth === 1) {
      expectingKey = true
    }
  }
  return repeated
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c

/** Index of the quote that closes the string opening at `start` (a quote preceded by an even run of backslashes). */
function closingQuote(json: string, start: number): number {
  let at = start + 1
  for (;;) {
    const quote = json.indexOf('"', at)
    if (quote === -1) return json.length - 1
    let backslashes = 0
    while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    at = quote + 1
  }
}
