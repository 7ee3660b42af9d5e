import { createHash } from 'node:crypto'
import { foldForMatch } from '../stages/boilerplate/block-features.js'
import { foldDigitRuns } from '../stages/boilerplate/compiled-rule.js'

/**
 * A block's text as the repeated-block pass compares it: NFKC, lower case, punctuation, symbols
 * and whitespace folded to single spaces, letters of every script kept (`foldForMatch`), then
 * every number folded to "0" (`foldDigitRuns`: "3,048 $" and "0 $" both become "0"). It is the
 * very folding of a keyword rule with `foldDigits: true`, so a learned block's text, used as a
 * keyword, matches every block that shares its key. Empty for blocks without letters or digits.
 */
export function normalizeRepeatedBlock(text: string): string {
  return foldDigitRuns(foldForMatch(text))
}

/**
 * The key a block counts under in the repeated-block pass: the first 16 hex digits (64 bits) of
 * the SHA-256 of `normalizeRepeatedBlock(text)`, or undefined when that is empty (a block of
 * punctuation or symbols only, which is never counted). Summaries hold keys instead of texts.
 * Collisions: with n distinct blocks on one site, the chance that any two share a key is about
 * n²/2⁶⁵ (2·10⁻⁹ at 200,000 blocks, 3·10⁻⁶ at ten million); a collision only adds two blocks'
 * counts together, and the site pack matches learned blocks by their text, not their key.
 */
export function repeatedBlockKey(text: string): string | undefined {
  const normalized = normalizeRepeatedBlock(text)
  if (normalized.length === 0) return undefined
  // Hex of the first 8 bytes, not a slice of the full hex: a slice would keep the 64-character
  // string alive behind each 16-character key.
  return createHash('sha256').update(normalized).digest().subarray(0, 8).toString('hex')
}
