import { shingles } from './shingle-match.js'
import { tokenCounts, tokenize } from './tokenize.js'

/** How much of a page's user-comment text a prediction kept. */
export interface CommentLeak {
  /** Share (0..1) of the comment shingles absent from the gold article that the prediction contains. */
  readonly shingle: number
  /** Comment tokens in the prediction beyond the gold article's count of that token, over all comment tokens; null without a gold article. */
  readonly token: number | null
}

/** Every contiguous 1..maxSize-token sequence of the tokens, joined by a space. */
function ngramSet(tokens: readonly string[], maxSize = 4): Set<string> {
  const out = new Set<string>()
  for (let size = 1; size <= maxSize; size++) {
    for (let i = 0; i + size <= tokens.length; i++) out.add(tokens.slice(i, i + size).join(' '))
  }
  return out
}

/**
 * Comment leak of one document, or null when no comment shingle lies outside the gold article.
 * Comment shingles are built per line (4 tokens; a line of 1–3 tokens gives one shorter
 * shingle) so lists of short comments make no cross-line shingles; those that also occur in
 * the gold article are ignored. Token variant: Σ_t min(c_comments(t), max(0, c_pred(t) −
 * c_gold(t))) / |comment tokens|, lower-cased.
 */
export function commentLeak(gold: string | null, comments: string, prediction: string): CommentLeak | null {
  const commentShingles = new Set<string>()
  for (const line of comments.split('\n')) for (const key of shingles(tokenize(line)).keys()) commentShingles.add(key)
  const inGold = ngramSet(tokenize(gold ?? ''))
  const inPrediction = ngramSet(tokenize(prediction ?? ''))
  let outsideGold = 0
  let leaked = 0
  for (const key of commentShingles) {
    if (inGold.has(key)) continue
    outsideGold++
    if (inPrediction.has(key)) leaked++
  }
  const commentTokens = tokenize(comments.toLowerCase())
  if (outsideGold === 0 || commentTokens.length === 0) return null
  if (typeof gold !== 'string') return { shingle: leaked / outsideGold, token: null }
  const commentCounts = tokenCounts(commentTokens)
  const goldCounts = tokenCounts(tokenize(gold.toLowerCase()))
  const predictionCounts = tokenCounts(tokenize((prediction ?? '').toLowerCase()))
  let beyondGold = 0
  for (const [token, count] of commentCounts) {
    beyondGold += Math.min(count, Math.max(0, (predictionCounts.get(token) ?? 0) - (goldCounts.get(token) ?? 0)))
  }
  return { shingle: leaked / outsideGold, token: beyondGold / commentTokens.length }
}
