import type { Document } from '../core/document.js'
import { hasError } from '../core/document.js'
import { readInputs } from '../readers/read-inputs.js'

/** What a preview samples and how many documents it reads at most. */
export interface ReadSampleOptions {
  /** How many readable documents to take, the first in input order. */
  readonly limit: number
  readonly maxDocumentBytes: number
}

/** Default `--sample`: enough pages to see a rule's side effects, quick enough to run before every change. */
export const DEFAULT_SAMPLE = 200

/** How the sample was drawn, for the report. */
export interface SampleSummary {
  readonly limit: number
  /** Readable documents taken into the sample. */
  readonly documents: number
  /** Documents the readers rejected (empty, binary, bad JSONL lines...) before the sample was full; skipped. */
  readonly rejectedAtRead: number
  readonly rejectedAtReadByCode: Readonly<Record<string, number>>
  /** Files under the input paths that were not read (unsupported type, hidden...). */
  readonly skippedFiles: number
  /** True when the inputs hold more documents than the sample took. */
  readonly moreInput: boolean
}

/** The sampled documents, as the readers produced them, and how they were drawn. */
export interface DocumentSample {
  readonly documents: readonly Document[]
  readonly summary: SampleSummary
}

/**
 * Reads inputs exactly as `decruft run` does (files, folders, JSONL, gzip) and takes the first
 * `limit` readable documents in input order; documents rejected at read are counted by code and
 * skipped. Stops reading once the sample is full, so a preview of a huge file is quick.
 */
export async function readSample(inputs: readonly string[], options: ReadSampleOptions): Promise<DocumentSample> {
  const batch = await readInputs(inputs, { maxDocumentBytes: options.maxDocumentBytes })
  const documents: Document[] = []
  const rejectedAtReadByCode: Record<string, number> = {}
  let rejectedAtRead = 0
  let moreInput = false
  for await (const doc of batch.documents) {
    if (documents.length >= options.limit) {
      moreInput = true
      break
    }
    if (hasError(doc)) {
      rejectedAtRead++
      const code = doc.issues.find((issue) => issue.severity === 'error')?.code ?? 'error'
      rejectedAtReadByCode[code] = (rejectedAtReadByCode[code] ?? 0) + 1
      continue
    }
    documents.push(doc)
  }
  return {
    documents,
    summary: { limit: options.limit, documents: documents.length, rejectedAtRead, rejectedAtReadByCode, skippedFiles: batch.skipped.length, moreInput },
  }
}
