import { Parser } from 'htmlparser2'

/** How deep and how large a page's element tree is, as far as a scan needed to look. */
export interface HtmlStructure {
  /** Deepest element nesting seen (implied end tags applied, as browsers would). */
  readonly maxDepth: number
  /** Elements seen. */
  readonly elements: number
  /** Which limit stopped the scan early, if one did. */
  readonly exceeded?: 'depth' | 'elements'
}

/** Limits a page's element tree must stay within to be parsed into a DOM at all. */
export interface HtmlStructureLimits {
  readonly maxDepth: number
  readonly maxElements: number
}

/**
 * Scans a page's tags with htmlparser2's streaming parser (no tree is built) and stops as
 * soon as the nesting or the element count passes its limit. A DOM parser needs time that
 * grows faster than the page for 100,000 nested or never-closed elements (minutes), and
 * memory of kilobytes per element; this scan answers in milliseconds for the same pages, so
 * the segment stage can refuse them before parsing.
 */
export function measureHtmlStructure(html: string, limits: HtmlStructureLimits): HtmlStructure {
  let depth = 0
  let maxDepth = 0
  let elements = 0
  let exceeded: HtmlStructure['exceeded']
  const parser: Parser = new Parser(
    {
      onopentag() {
        depth++
        elements++
        if (depth > maxDepth) maxDepth = depth
        if (exceeded !== undefined) return
        if (maxDepth > limits.maxDepth) exceeded = 'depth'
        else if (elements > limits.maxElements) exceeded = 'elements'
        if (exceeded !== undefined) parser.pause()
      },
      onclosetag() {
        depth--
      },
    },
    { decodeEntities: false },
  )
  parser.end(html)
  return { maxDepth, elements, ...(exceeded !== undefined ? { exceeded } : {}) }
}
