import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** One non-blank line of a gold file with its 1-based line number. */
export interface GoldLine {
  readonly line: string
  readonly lineNumber: number
}

/**
 * Streams the non-blank lines of a JSONL file, gunzipping names ending in `.gz`, one at a
 * time: the dev split is ~240 MB of text, so records are never all held in memory.
 */
export async function* readGoldLines(file: string): AsyncGenerator<GoldLine> {
  let input: Readable = createReadStream(file)
  if (file.endsWith('.gz')) input = input.pipe(createGunzip({ chunkSize: 1 << 20 }))
  const lines = createInterface({ input, crlfDelay: Infinity })
  let lineNumber = 0
  try {
    for await (const line of lines) {
      lineNumber++
      if (line.trim() !== '') yield { line, lineNumber }
    }
  } finally {
    lines.close()
    input.destroy()
  }
}
