import { load } from 'cheerio'

/** Sub-selectors that stand for the whole page: a rule with one would remove every block. */
const WHOLE_PAGE = new Set(['*', 'html', 'body', ':root', 'html > body', 'html body'])

const probe = load('<!DOCTYPE html><html><head></head><body><div><p>probe</p></div></body></html>')

/**
 * Why a CSS selector from configuration cannot be used, or null when it can. Refuses what does
 * not parse, a selector that stands for the whole page, and `:has()` nested inside `:has()`,
 * whose cost grows with the page size to the power of its depth.
 */
export function cssSelectorProblem(selector: string): string | null {
  try {
    probe(selector)
  } catch (error) {
    return `not a valid CSS selector: ${error instanceof Error ? error.message : String(error)}`
  }
  for (const part of splitTopLevel(selector)) {
    if (WHOLE_PAGE.has(part.replace(/\s+/g, ' ').trim().toLowerCase())) return `"${part.trim()}" selects the whole page, which would remove every block`
  }
  if (hasNestedHas(selector)) return ':has() inside :has() is refused: its cost grows with the page size to the power of the nesting depth'
  return null
}

/** Splits a selector list on its top-level commas (not those inside parentheses or brackets). */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]
    if (c === '(' || c === '[') depth++
    else if (c === ')' || c === ']') depth--
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i))
      start = i + 1
    }
  }
  parts.push(selector.slice(start))
  return parts
}

function hasNestedHas(selector: string): boolean {
  const lower = selector.toLowerCase()
  /** Depth of parentheses at which each open :has( started. */
  const openHas: number[] = []
  let depth = 0
  for (let i = 0; i < lower.length; i++) {
    if (lower.startsWith(':has(', i)) {
      if (openHas.length > 0) return true
      openHas.push(depth)
      depth++
      i += 4
      continue
    }
    if (lower[i] === '(') depth++
    else if (lower[i] === ')') {
      depth--
      if (openHas.length > 0 && openHas[openHas.length - 1] === depth) openHas.pop()
    }
  }
  return false
}
