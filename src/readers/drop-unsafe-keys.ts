/** Keys that can reach an object's prototype when a later merge or assignment copies them. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/** What `dropUnsafeKeys` removed, or that it stopped because the value nests too deeply. */
export interface UnsafeKeyScan {
  /** Paths of the removed keys, e.g. `metadata.__proto__`. */
  readonly droppedPaths: readonly string[]
  readonly tooDeep: boolean
}

/**
 * Deletes `__proto__`, `constructor` and `prototype` keys at every depth of a freshly parsed JSON
 * value (it mutates its argument), so no later copy or merge can turn them into prototype
 * pollution. Walks iteratively and stops with `tooDeep` past `maxDepth` levels, so hostile
 * nesting cannot overflow the stack here or in later stages.
 */
export function dropUnsafeKeys(value: unknown, maxDepth: number): UnsafeKeyScan {
  const droppedPaths: string[] = []
  const pending: { value: object; depth: number; path: string }[] = []
  if (isContainer(value)) pending.push({ value, depth: 0, path: '' })
  while (pending.length > 0) {
    const { value: current, depth, path } = pending.pop()!
    if (depth > maxDepth) return { droppedPaths, tooDeep: true }
    if (Array.isArray(current)) {
      current.forEach((item: unknown, index) => {
        if (isContainer(item)) pending.push({ value: item, depth: depth + 1, path: `${path}[${index}]` })
      })
      continue
    }
    const record = current as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const child = record[key]
      if (UNSAFE_KEYS.has(key)) {
        delete record[key]
        droppedPaths.push(path ? `${path}.${key}` : key)
      } else if (isContainer(child)) {
        pending.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key })
      }
    }
  }
  return { droppedPaths, tooDeep: false }
}
