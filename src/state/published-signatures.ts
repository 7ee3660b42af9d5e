import type { DuplicateOptions } from '../corpus/duplicate-options.js'
import { hashesFromBytes } from '../corpus/signature-bytes.js'
import { SIGNATURE_SCHEME } from '../corpus/signature-json.js'
import type { PublishedSignature } from '../corpus/signatures-file.js'
import { compareIds } from '../corpus/survivor-rule.js'
import type { RunState } from './open-run-state.js'
import { RunStateError } from './run-state-error.js'

interface SignatureRow {
  run_id: string
  doc_id: string
  chars: number
  exact_key: string
  signature: Buffer
  shingles: number
  shingle_words: number
  scheme: number
}

/**
 * The signatures of every document a succeeded run published, as `readSignaturesFile` gives
 * them (entries marked `published`, sorted by id, then run), for the duplicates pass to drop
 * what earlier runs published. Signatures of other settings cannot be compared with fresh ones
 * and would silently match nothing, so a stored signature of another scheme, or (when
 * `settings` are given) of other shingle or hash counts, is a RunStateError naming the file.
 */
export function publishedSignatures(state: RunState, settings?: Pick<DuplicateOptions, 'shingleWords' | 'permutations'>): PublishedSignature[] {
  const rows = state.db
    .prepare(
      `SELECT s.run_id, s.doc_id, s.chars, s.exact_key, s.signature, s.shingles, s.shingle_words, s.scheme
       FROM signatures AS s JOIN runs AS r ON r.id = s.run_id
       WHERE r.status = 'succeeded'`,
    )
    .all() as SignatureRow[]
  const published = rows.map((row): PublishedSignature => {
    const where = `the signature of ${row.doc_id} (run ${row.run_id})`
    if (row.scheme !== SIGNATURE_SCHEME) {
      throw new RunStateError(state.path, `${where} uses signature scheme ${row.scheme}, not ${SIGNATURE_SCHEME}; start a new run state, or run the decruft that wrote it`)
    }
    const permutations = row.signature.length / 4
    if (settings && (row.shingle_words !== settings.shingleWords || permutations !== settings.permutations)) {
      throw new RunStateError(
        state.path,
        `${where} was made with ${row.shingle_words}-word shingles and ${permutations} hashes; this run uses ${settings.shingleWords}-word shingles and ` +
          `${settings.permutations} hashes. Use the settings of the earlier runs, or start a new run state.`,
      )
    }
    const hashes = hashesFromBytes(row.signature)
    return {
      entry: { id: row.doc_id, chars: row.chars, exactKey: row.exact_key, signature: { hashes, shingles: row.shingles, shingleWords: row.shingle_words }, published: true },
      run: row.run_id,
    }
  })
  return published.sort((a, b) => compareIds(a.entry.id, b.entry.id) || compareIds(a.run, b.run))
}
