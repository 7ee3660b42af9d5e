import type { Block } from '../core/document.js'

/** One block of the sampled document as each run left it; a side is missing when only the other run has the block. */
export interface AlignedBlock {
  readonly current?: Block
  readonly proposed?: Block
}

/** The two runs' blocks side by side, and how they were paired. */
export interface BlockAlignment {
  readonly blocks: readonly AlignedBlock[]
  /**
   * `index`: equal block counts, paired by block index (the normal case: both runs segment the
   * same raw input). `offset`: counts differ, paired by the block's start offset in the raw text.
   * `order`: counts differ and blocks carry no offsets (HTML), paired by position up to the shorter run.
   */
  readonly by: 'index' | 'offset' | 'order'
}

/**
 * Pairs the blocks of one document as the current and the proposed run left them. Both runs
 * segment the same raw input, so the counts agree and blocks pair by index; if they ever differ,
 * blocks pair by where their text starts in the raw input (or by order, for HTML), and the
 * caller says so in that document's entry.
 */
export function alignBlocks(current: readonly Block[], proposed: readonly Block[]): BlockAlignment {
  if (current.length === proposed.length) {
    return { by: 'index', blocks: current.map((block, i) => ({ current: block, proposed: proposed[i] })) }
  }
  const withOffsets = [...current, ...proposed].every((block) => block.start !== undefined)
  if (!withOffsets) {
    const longest = Math.max(current.length, proposed.length)
    const blocks = Array.from({ length: longest }, (_, i) => ({ current: current[i], proposed: proposed[i] }))
    return { by: 'order', blocks }
  }
  const byStart = new Map<number, { current?: Block; proposed?: Block }>()
  for (const block of current) byStart.set(block.start as number, { current: block })
  for (const block of proposed) byStart.set(block.start as number, { ...byStart.get(block.start as number), proposed: block })
  const blocks = [...byStart.entries()].sort(([a], [b]) => a - b).map(([, pair]) => pair)
  return { by: 'offset', blocks }
}
