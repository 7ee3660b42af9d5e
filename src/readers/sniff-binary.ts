/** File signatures of binary formats that scrapers commonly save under text names. */
const SIGNATURES: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'gzip data', bytes: [0x1f, 0x8b] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x07, 0x08] },
]

/** How many leading bytes the control-byte share is measured on. */
const SAMPLE_BYTES = 8192

/** Share of NUL/control bytes in the sample from which the input counts as binary. */
const BINARY_CONTROL_SHARE = 0.25

/** Control bytes that plain text does not contain; TAB, LF, VT, FF, CR and ESC (ANSI colours) do occur in text. */
function isBinaryControlByte(byte: number): boolean {
  return byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b
}

/**
 * Names the binary format of `bytes` ("PNG image", "gzip data", ...) or returns undefined for text.
 * Judges content, never the file name: a known signature at offset 0, or NUL/control bytes making up
 * at least a quarter of the first 8 KiB (UTF-16 without a BOM lands here too). Call it only on input
 * without a byte order mark: UTF-16 text with a BOM is full of NULs and still text.
 */
export function sniffBinary(bytes: Uint8Array): string | undefined {
  const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b))
  if (signature) return signature.name
  const sampleLength = Math.min(bytes.length, SAMPLE_BYTES)
  let controlBytes = 0
  for (let i = 0; i < sampleLength; i++) if (isBinaryControlByte(bytes[i]!)) controlBytes++
  if (sampleLength > 0 && controlBytes / sampleLength >= BINARY_CONTROL_SHARE) {
    return `NUL/control bytes (${controlBytes} of the first ${sampleLength} bytes)`
  }
  return undefined
}
