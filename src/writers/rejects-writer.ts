import type { Document } from '../core/document.js'
import type { RecordWriter } from './atomic-file-writer.js'
import { toRejectRecord } from './dataset-record.js'
import type { RejectRecord } from './dataset-record.js'
import { openJsonlWriter } from './jsonl-writer.js'

/** Opens rejects.jsonl, which takes every dropped or failed document and writes why it left the dataset. */
export async function openRejectsWriter(path: string): Promise<RecordWriter<Document>> {
  const lines = await openJsonlWriter<RejectRecord>(path)
  return {
    write: (doc) => lines.write(toRejectRecord(doc)),
    commit: () => lines.commit(),
    abort: () => lines.abort(),
  }
}
