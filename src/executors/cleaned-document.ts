import { documentText, isRejected, type Document } from '../core/document.js'
import { duplicateEntry, type DuplicateEntry } from '../corpus/duplicate-entry.js'
import type { DuplicateOptions } from '../corpus/duplicate-options.js'

/** A cleaned document and, when the duplicates pass is on and it was kept, its duplicate entry. */
export interface CleanedDocument {
  readonly doc: Document
  readonly duplicateEntry?: DuplicateEntry
}

/** What the duplicate entry of a document depends on. */
export type DuplicateEntryOptions = Pick<DuplicateOptions, 'shingleWords' | 'permutations'>

/**
 * The document with its duplicate entry when `options` is given (the duplicates pass is on)
 * and the document was kept: computed where the document was cleaned, so on a worker thread
 * the MinHash work stays off the main thread.
 */
export function withDuplicateEntry(doc: Document, options: DuplicateEntryOptions | undefined): CleanedDocument {
  if (options === undefined || isRejected(doc)) return { doc }
  return { doc, duplicateEntry: duplicateEntry(doc.id, documentText(doc), options) }
}

/**
 * The cleaned document with its signature's hashes passed through `copy`: between threads a
 * signature must travel in a buffer of its own (`standaloneHashes`) and is kept in the shared
 * ones on arrival (`pooledCopy`).
 */
export function withSignatureHashes(cleaned: CleanedDocument, copy: (hashes: Uint32Array) => Uint32Array): CleanedDocument {
  const entry = cleaned.duplicateEntry
  if (entry === undefined) return cleaned
  return { doc: cleaned.doc, duplicateEntry: { ...entry, signature: { ...entry.signature, hashes: copy(entry.signature.hashes) } } }
}
