/**
 * Picks up to `limit` items so that every group is represented before any group gets a second:
 * groups (by `groupOf`) are taken largest first (ties: first seen), round-robin, each in input
 * order. A preview then shows one example of each rule that changed something, not five of the
 * first rule on the first page.
 */
export function pickExamples<T>(items: readonly T[], limit: number, groupOf: (item: T) => string): T[] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = groupOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length)
  const picked: T[] = []
  for (let round = 0; picked.length < limit; round++) {
    const before = picked.length
    for (const group of ordered) {
      const item = group[round]
      if (item !== undefined && picked.length < limit) picked.push(item)
    }
    if (picked.length === before) break
  }
  return picked
}
