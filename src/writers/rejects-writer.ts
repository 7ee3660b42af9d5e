import type { Document } from '../core/document.js'
import type { RecordWriter } from './atomic-file-writer.js'
import { toRejectRecord } from './dataset-record.js'
import type { RejectRecord } from './dataset-record.js'
import { openJsonlWriter } from './jsonl-writer.js'

/**
 * Opens rejects.jsonl, which takes every dropped or failed document and writes why it left the
 * dataset, with `rules` (the rule set's sha256) on every line.
 */
export async function openRejectsWriter(path: string, rules: string): Promise<RecordWriter<Document>> {
  const lines = await openJsonlWriter<RejectRecord>(path)
  return {
    write: (doc) => lines.write(toRejectRecord(doc, rules)),
    commit: () => lines.commit(),
    abort: () => lines.abort(),
  }
}
