import { load } from 'cheerio'
import type { AnyNode, Element } from 'domhandler'
import type { Block, DocumentMeta } from '../../core/document.js'
import { ContentContainerScorer } from './content-container.js'
import { readPageMetadata, readPageUrl } from './page-metadata.js'

/** Elements whose content never reaches the text: code, styling, embedded documents, forms' option lists. */
const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'head', 'select', 'datalist', 'textarea', 'frameset', 'frame',
])

/** Elements that start a new block (HTML's block-level and sectioning elements). */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'br', 'option', 'output',
])

/** Ancestor elements worth knowing about: page landmarks and structures rules refer to. */
const LANDMARK_TAGS: ReadonlySet<string> = new Set([
  'nav', 'header', 'footer', 'aside', 'form', 'figure', 'figcaption', 'menu', 'article', 'main',
  'blockquote', 'table', 'ul', 'ol', 'dl', 'address', 'details', 'dialog', 'button', 'label',
])

/** How many ancestor tags a block's path shows and how many class/id tokens it keeps. */
const PATH_DEPTH = 8
const MAX_TOKENS = 48

/** A CSS-selector rule as segmentation sees it: the rule's id and its selector. */
export interface SelectorRule {
  readonly ruleId: string
  readonly selector: string
}

/** A page split into blocks, with what the page says about itself in <head> and JSON-LD. */
export interface SegmentedPage {
  readonly blocks: Block[]
  readonly meta: DocumentMeta
  /** The page's own canonical URL (or og:url), when it declares an absolute one. */
  readonly url?: string
}

interface Frame {
  readonly tag: string
  readonly tokenCount: number
  readonly selectorCount: number
  /** True when this element was counted in the open landmarks. */
  readonly landmark: boolean
}

/**
 * Splits an HTML page into blocks, one per run of inline content between block-level
 * boundaries, each with its tag path, ancestor class/id tokens and link density. The walk is
 * iterative, so deeply nested pages cannot overflow the stack.
 */
export function segmentHtml(html: string, selectors: readonly SelectorRule[] = []): SegmentedPage {
  const $ = load(html)
  const meta = readPageMetadata($)
  const body = $('body').get(0) ?? $.root().get(0)
  const selected = new Map<AnyNode, string[]>()
  for (const { ruleId, selector } of selectors) {
    for (const element of $(selector).toArray()) {
      const ids = selected.get(element)
      if (ids) ids.push(ruleId)
      else selected.set(element, [ruleId])
    }
  }
  const url = readPageUrl($)
  return { blocks: body ? collectBlocks(body, selected) : [], meta, ...(url !== undefined ? { url } : {}) }
}

/**
 * Elements whose subtree holds more than this share of the page's text are wrappers: their
 * class and id names ("has-sidebar", "page-widgets") and landmark tags describe the layout, not
 * the block, so blocks do not inherit them.
 */
const WRAPPER_TEXT_SHARE = 0.5

function collectBlocks(root: AnyNode, selected: ReadonlyMap<AnyNode, readonly string[]>): Block[] {
  const { textLengths, linkLengths } = subtreeTextLengths(root)
  const scorer = new ContentContainerScorer(textLengths, linkLengths)
  const openElements: Element[] = []
  const wrapperChars = (textLengths.get(root) ?? 0) * WRAPPER_TEXT_SHARE
  const blocks: Block[] = []
  const frames: Frame[] = []
  const tokens: string[] = []
  /** Selector rules whose elements are open, innermost last. */
  const selectorIds: string[] = []
  /** Landmark tags currently open, with how many of each (kept incrementally: deep pages stay linear). */
  const openLandmarks = new Map<string, number>()
  let text = ''
  let linkChars = 0
  let linkDepth = 0
  let breakBefore = false

  const flush = (): void => {
    const spaced = text.replace(/\s+/g, ' ')
    const collapsed = spaced.trim()
    if (collapsed.length > 0) {
      const owner = frames[frames.length - 1]
      const linkShare = Math.min(1, linkChars / Math.max(1, spaced.length))
      scorer.addBlock(openElements, collapsed)
      blocks.push({
        index: blocks.length,
        text: collapsed,
        kind: 'html-block',
        breakBefore,
        label: 'content',
        html: {
          tag: owner?.tag ?? 'body',
          path: frames.slice(-PATH_DEPTH).map((f) => f.tag).join('>'),
          tokens: [...new Set(tokens.slice(-MAX_TOKENS))],
          inside: [...openLandmarks.keys()],
          linkDensity: Math.round(linkShare * 1000) / 1000,
          ...(selectorIds.length > 0 ? { selectors: [...new Set(selectorIds)] } : {}),
        },
      })
      breakBefore = false
    }
    text = ''
    linkChars = 0
  }

  type Step = { node: AnyNode; exit: boolean }
  const stack: Step[] = [{ node: root, exit: false }]
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as Step
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data
      text += data
      if (linkDepth > 0) linkChars += data.replace(/\s+/g, ' ').length
      continue
    }
    if (node.type !== 'tag' && node.type !== 'root') continue
    const element = node as Element
    const tag = node.type === 'root' ? 'root' : element.name.toLowerCase()
    if (SKIPPED_TAGS.has(tag)) continue
    const isBlock = BLOCK_TAGS.has(tag)
    if (exit) {
      if (isBlock) flush()
      if (tag === 'a') linkDepth--
      const frame = frames.pop()
      if (node.type === 'tag') {
        openElements.pop()
        scorer.exit(element)
      }
      if (frame) {
        tokens.length = frame.tokenCount
        selectorIds.length = frame.selectorCount
      }
      if (frame?.landmark) {
        const open = (openLandmarks.get(tag) ?? 1) - 1
        if (open === 0) openLandmarks.delete(tag)
        else openLandmarks.set(tag, open)
      }
      if (isBlock) breakBefore = true
      continue
    }
    if (tag === 'br' || tag === 'hr') {
      flush()
      continue
    }
    if (isBlock) flush()
    if (tag === 'a') linkDepth++
    const isWrapper = (textLengths.get(element) ?? 0) > wrapperChars
    const landmark = LANDMARK_TAGS.has(tag) && !isWrapper
    frames.push({ tag, tokenCount: tokens.length, selectorCount: selectorIds.length, landmark })
    const selectedBy = selected.get(element)
    if (selectedBy) selectorIds.push(...selectedBy)
    if (node.type === 'tag') {
      openElements.push(element)
      scorer.enter(element)
    }
    if (landmark) openLandmarks.set(tag, (openLandmarks.get(tag) ?? 0) + 1)
    if (!isWrapper) tokens.push(...classIdTokens(element))
    stack.push({ node, exit: true })
    const children = element.children ?? []
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as AnyNode, exit: false })
  }
  flush()
  const containers = scorer.finish()
  return blocks.map((block, i) => {
    const facts = containers[i]
    if (!facts || !block.html) return block
    return { ...block, html: { ...block.html, mainContainer: facts.mainContainer, containerScore: Math.round(facts.containerScore * 1000) / 1000 } }
  })
}

/** Characters of visible text, and of text inside links, under each element (skipped elements count as none), in one iterative pass. */
function subtreeTextLengths(root: AnyNode): { textLengths: Map<AnyNode, number>; linkLengths: Map<AnyNode, number> } {
  const lengths = new Map<AnyNode, number>()
  const linkLengths = new Map<AnyNode, number>()
  let linkDepth = 0
  type Step = { node: AnyNode; exit: boolean }
  const stack: Step[] = [{ node: root, exit: false }]
  const open: AnyNode[] = []
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as Step
    if (node.type === 'text') {
      const length = (node as unknown as { data: string }).data.trim().length
      const parent = open[open.length - 1]
      if (parent) lengths.set(parent, (lengths.get(parent) ?? 0) + length)
      if (parent && linkDepth > 0) linkLengths.set(parent, (linkLengths.get(parent) ?? 0) + length)
      continue
    }
    if (node.type !== 'tag' && node.type !== 'root') continue
    const element = node as Element
    if (node.type === 'tag' && SKIPPED_TAGS.has(element.name.toLowerCase())) continue
    const isLink = node.type === 'tag' && element.name.toLowerCase() === 'a'
    if (exit) {
      open.pop()
      if (isLink) linkDepth--
      const parent = open[open.length - 1]
      if (parent) {
        lengths.set(parent, (lengths.get(parent) ?? 0) + (lengths.get(node) ?? 0))
        linkLengths.set(parent, (linkLengths.get(parent) ?? 0) + (linkLengths.get(node) ?? 0))
      }
      continue
    }
    if (isLink) linkDepth++
    open.push(node)
    stack.push({ node, exit: true })
    const children = element.children ?? []
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as AnyNode, exit: false })
  }
  return { textLengths: lengths, linkLengths }
}

/** Lower-cased tokens of an element's class and id, split on non-alphanumerics and camelCase. */
function classIdTokens(element: Element): string[] {
  const attribs = element.attribs ?? {}
  const raw = `${attribs['class'] ?? ''} ${attribs['id'] ?? ''}`
  if (raw.trim().length === 0) return []
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1)
}
