import type { DuplicateOptions } from './duplicate-options.js'
import { minHashOfNormalized, type MinHashSignature } from './min-hash.js'
import { exactKeyOfNormalized, normalizeForDuplicates } from './text-fingerprint.js'

/**
 * What duplicate detection knows about one document: its id, its length, its exact key and its
 * MinHash signature, never its text. Entries from different workers or batches merge by
 * concatenation.
 */
export interface DuplicateEntry {
  readonly id: string
  /** Characters of the cleaned text (the survivor rule prefers the longest). */
  readonly chars: number
  /** `exactKey` of the cleaned text. */
  readonly exactKey: string
  readonly signature: MinHashSignature
  /**
   * True for a document an earlier run already published (read from a signatures file): it
   * survives any cluster it is in, so a later batch never re-publishes the same story.
   */
  readonly published?: boolean
}

/**
 * The duplicate-detection entry of one document's cleaned text, normalising it once for both
 * the exact key and the signature. `chars` is `text.length` (UTF-16 code units), as the
 * dataset record's `chars`. Only `shingleWords` and `permutations` of the options matter here.
 */
export function duplicateEntry(
  id: string,
  text: string,
  options: Partial<Pick<DuplicateOptions, 'shingleWords' | 'permutations'>> = {},
): DuplicateEntry {
  const normalized = normalizeForDuplicates(text)
  return { id, chars: text.length, exactKey: exactKeyOfNormalized(normalized), signature: minHashOfNormalized(normalized, options) }
}
