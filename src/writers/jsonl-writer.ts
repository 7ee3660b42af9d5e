import { openAtomicFileWriter } from './atomic-file-writer.js'
import type { RecordWriter } from './atomic-file-writer.js'
import { toJsonLine } from './safe-json-line.js'

/** Opens a JSONL file (such as dataset.jsonl) that gets one record a line and appears only on commit. */
export async function openJsonlWriter<T>(path: string): Promise<RecordWriter<T>> {
  const file = await openAtomicFileWriter(path)
  return {
    write: (record) => file.writeRecord(`${toJsonLine(record)}\n`),
    commit: () => file.commit(),
    abort: () => file.abort(),
  }
}
