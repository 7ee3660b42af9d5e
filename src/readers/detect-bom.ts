/** Encodings a byte order mark can announce. */
export type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be'

/** Length in bytes of each byte order mark. */
export const BOM_LENGTH: Readonly<Record<BomEncoding, number>> = { 'utf-8': 3, 'utf-16le': 2, 'utf-16be': 2 }

/** The encoding announced by a byte order mark at the start of `bytes`, if there is one. */
export function detectBom(bytes: Uint8Array): BomEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}
