import iconv from 'iconv-lite'

/** How far into an HTML file a charset declaration is looked for (the WHATWG prescan window). */
export const HTML_PRESCAN_BYTES = 1024

/** WHATWG maps these labels to windows-1252; iconv-lite would decode them as strict Latin-1/ASCII. */
const WHATWG_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  // A meta tag cannot declare UTF-16 (the bytes it is written in would be ASCII): WHATWG reads it as UTF-8.
  'utf-16': 'utf-8',
  'utf-16le': 'utf-8',
  'utf-16be': 'utf-8',
}

const META_TAG = /<meta\b[^>]*>/gi
const CHARSET_IN_META = /charset\s*=\s*["']?\s*([a-z0-9_.:+-]+)/i

/** True for the labels that name UTF-8. */
export function isUtf8Label(label: string): boolean {
  return label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8'
}

/**
 * The charset an HTML file declares in `<meta charset=...>` or
 * `<meta http-equiv="Content-Type" content="...; charset=...">` within its first
 * HTML_PRESCAN_BYTES bytes, lower-cased and mapped like WHATWG does (latin1/ascii → windows-1252,
 * utf-16 → utf-8), or undefined when there is none or iconv-lite does not know the label.
 * Bytes are read as Latin-1, so any ASCII-compatible encoding's markup is found.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HTML_PRESCAN_BYTES)).toString('latin1')
  for (const [tag] of head.matchAll(META_TAG)) {
    const label = CHARSET_IN_META.exec(tag)?.[1]?.toLowerCase()
    if (!label) continue
    const mapped = WHATWG_ALIASES[label] ?? label
    if (iconv.encodingExists(mapped)) return mapped
  }
  return undefined
}
