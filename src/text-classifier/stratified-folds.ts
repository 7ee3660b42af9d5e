import { seededRandom } from '../core/seeded-random.js'

/**
 * Assigns each example to one of `folds` cross-validation folds: per label, examples are
 * shuffled with the seed and dealt round-robin, so every fold has about the same label mix.
 * Examples with the same text share a fold (copies in training and test would flatter the
 * scores). Returns the fold of each example, in input order.
 */
export function stratifiedFolds(labelOf: readonly number[], texts: readonly string[], folds: number, seed: number): number[] {
  const random = seededRandom(seed)
  const foldOf = new Array<number>(labelOf.length).fill(0)
  const foldOfText = new Map<string, number>()
  const byLabel = new Map<number, number[]>()
  labelOf.forEach((label, i) => {
    const members = byLabel.get(label) ?? []
    members.push(i)
    byLabel.set(label, members)
  })
  let next = 0
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const members = byLabel.get(label) as number[]
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[members[i], members[j]] = [members[j] as number, members[i] as number]
    }
    for (const i of members) {
      const text = (texts[i] as string).trim()
      const fold = foldOfText.get(text) ?? next++ % folds
      foldOfText.set(text, fold)
      foldOf[i] = fold
    }
  }
  return foldOf
}
