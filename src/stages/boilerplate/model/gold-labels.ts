import type { Block } from '../../../core/document.js'

const TOKEN = /[\p{L}\p{N}]+/gu
/** Blocks with fewer tokens than this must match a whole gold line, so "Home" is not content because gold says "home". */
const MIN_TOKENS_FOR_SUBSTRING = 4
const SHINGLE = 4
/** Share of a long block's 4-token shingles found in the gold text for it to count as content. */
const MIN_SHINGLE_SHARE = 0.5

/**
 * Labels segmented blocks against a gold main text, for training: 1 when the block is part of
 * the gold text (whole short lines, long blocks as substrings or by most of their 4-token
 * shingles), else 0.
 */
export function labelBlocksFromGold(blocks: readonly Block[], gold: string): number[] {
  const goldLines = new Set(gold.split('\n').map(tokensOf).map((t) => t.join(' ')))
  const goldTokens = tokensOf(gold)
  const goldJoined = ` ${goldTokens.join(' ')} `
  const goldShingles = new Set<string>()
  for (let i = 0; i + SHINGLE <= goldTokens.length; i++) goldShingles.add(goldTokens.slice(i, i + SHINGLE).join(' '))
  return blocks.map((block) => {
    const tokens = tokensOf(block.text)
    if (tokens.length === 0) return 0
    const joined = tokens.join(' ')
    if (tokens.length < MIN_TOKENS_FOR_SUBSTRING) return goldLines.has(joined) ? 1 : 0
    if (goldJoined.includes(` ${joined} `)) return 1
    let found = 0
    let total = 0
    for (let i = 0; i + SHINGLE <= tokens.length; i++) {
      total++
      if (goldShingles.has(tokens.slice(i, i + SHINGLE).join(' '))) found++
    }
    return total > 0 && found / total >= MIN_SHINGLE_SHARE ? 1 : 0
  })
}

function tokensOf(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? []
}
