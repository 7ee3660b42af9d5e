import type { MinHashSignature } from './min-hash.js'
import { hashesFromBytes, hashesToBytes } from './signature-bytes.js'

/**
 * Version of the signature scheme (normalisation, shingling, hash seeds and derivation). A state
 * file written under another version is refused by `signatureFromJson`: its hashes would not
 * match fresh ones, so the documents must be signed again.
 */
export const SIGNATURE_SCHEME = 1

/**
 * The JSON form of a MinHash signature, for keeping signatures across runs in a state file:
 * `hashes` is the base64 of the uint32 hashes in little-endian order (684 characters for 128
 * hashes), `k` the words per shingle, `v` the scheme version.
 */
export interface MinHashSignatureJson {
  readonly v: number
  readonly k: number
  readonly shingles: number
  readonly hashes: string
}

/** The JSON-safe form of a signature; `signatureFromJson` turns it back into an equal signature. */
export function signatureToJson(signature: MinHashSignature): MinHashSignatureJson {
  return { v: SIGNATURE_SCHEME, k: signature.shingleWords, shingles: signature.shingles, hashes: hashesToBytes(signature.hashes).toString('base64') }
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/**
 * Reads a signature back from its JSON form (as parsed from a state file), checking every field:
 * the scheme version, k ≥ 1, a non-negative shingle count, and canonical base64 of a whole
 * number (≥ 1) of uint32 values. Throws a TypeError saying what is wrong, never returns a
 * half-valid signature.
 */
export function signatureFromJson(json: unknown): MinHashSignature {
  if (typeof json !== 'object' || json === null) throw new TypeError('signature: expected an object')
  const { v, k, shingles, hashes } = json as Record<string, unknown>
  if (v !== SIGNATURE_SCHEME) throw new TypeError(`signature: scheme version ${String(v)} is not ${SIGNATURE_SCHEME}; recompute the signature`)
  if (!isNonNegativeInteger(k) || k < 1) throw new TypeError('signature: k must be a positive integer')
  if (!isNonNegativeInteger(shingles)) throw new TypeError('signature: shingles must be a non-negative integer')
  if (typeof hashes !== 'string') throw new TypeError('signature: hashes must be a base64 string')
  const buffer = Buffer.from(hashes, 'base64')
  if (buffer.length === 0 || buffer.length % 4 !== 0 || buffer.toString('base64') !== hashes) {
    throw new TypeError('signature: hashes is not canonical base64 of uint32 values')
  }
  return { hashes: hashesFromBytes(buffer), shingles, shingleWords: k }
}
