/** One line of a byte stream: its bytes (without the LF), or only its size when it was too long to keep. */
export type LineRead =
  | { readonly kind: 'line'; readonly line: number; readonly bytes: Buffer }
  | { readonly kind: 'too-long'; readonly line: number; readonly byteLength: number }

const LF = 0x0a

/**
 * Splits a byte stream into LF-terminated lines, numbered from 1, holding at most `maxLineBytes`
 * of one line in memory: a longer line is skipped to its end and reported as `too-long`, so one
 * huge line cannot exhaust memory. A last line without LF is still yielded; a CR before the LF is
 * kept (callers strip it). Errors of the stream propagate after the complete lines before them.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<LineRead> {
  let parts: Buffer[] = []
  let lineBytes = 0
  let line = 1

  const finishLine = (): LineRead => {
    const read: LineRead =
      lineBytes > maxLineBytes
        ? { kind: 'too-long', line, byteLength: lineBytes }
        : { kind: 'line', line, bytes: Buffer.concat(parts, lineBytes) }
    parts = []
    lineBytes = 0
    line++
    return read
  }

  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    let start = 0
    for (;;) {
      const newline = buffer.indexOf(LF, start)
      const piece = buffer.subarray(start, newline === -1 ? buffer.length : newline)
      lineBytes += piece.length
      if (lineBytes > maxLineBytes) parts = []
      else if (piece.length > 0) parts.push(piece)
      if (newline === -1) break
      yield finishLine()
      start = newline + 1
    }
  }
  if (lineBytes > 0) yield finishLine()
}
