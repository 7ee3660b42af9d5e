/**
 * Line breaks that `JSON.stringify` leaves raw inside strings but that some readers split on:
 * Python's `str.splitlines()` breaks at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR. (The other
 * characters it splits on, such as VT, FF and FS, are C0 controls that JSON.stringify already escapes.)
 */
const RAW_LINE_BREAKS = /[\u0085\u2028\u2029]/g

/**
 * Serialises a value as one JSON line that reads back as exactly one record in Node and in Python:
 * line-breaking characters are escaped, and lone surrogates come out as `\udXXX` escapes
 * (well-formed JSON.stringify) rather than as invalid UTF-8.
 */
export function toJsonLine(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) throw new TypeError(`cannot serialise ${typeof value} as a JSON line`)
  return json.replace(RAW_LINE_BREAKS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
