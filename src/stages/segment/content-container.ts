import type { Element } from 'domhandler'

/**
 * Class/id fragments that make an element more or less likely to hold the page's main text.
 * These are the long-standing page-layout vocabulary that content-scoring extractors share; they
 * describe page furniture in general and name no site.
 */
const POSITIVE_NAMES = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story/i
const NEGATIVE_NAMES =
  /hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|cookie|newsletter|subscribe/i

/** Owner tags whose text counts as a paragraph of the page for container scoring. */
const PARAGRAPH_TAGS: ReadonlySet<string> = new Set(['p', 'pre', 'td', 'blockquote', 'div', 'section', 'article', 'dd'])

/** Elements that are the whole page: as the best container they mark nothing out. */
const PAGE_ROOTS: ReadonlySet<string> = new Set(['body', 'html'])

/** Paragraphs shorter than this add nothing to their containers. */
const MIN_PARAGRAPH_CHARS = 25
/** How many ancestors above a paragraph receive a share of its score. */
const SCORED_LEVELS = 5

/** Where a block sits relative to the page's main container (the best-scoring one and its strong siblings). */
export type MainContainerPlace = 'inside' | 'before' | 'after' | 'between' | 'none'

/** What the scorer tells about one block: where it is relative to the main container, and how strong its own container is. */
export interface ContainerFacts {
  /** `none` when no paragraph on the page was long enough to pick a container. */
  readonly mainContainer: MainContainerPlace
  /** Score of the block's nearest scored container relative to the best container (0..1). */
  readonly containerScore: number
}

interface Candidate {
  readonly element: Element
  score: number
}

/**
 * Finds the element that most likely holds a page's main text, the way content-scoring
 * extractors do: every paragraph of at least 25 characters scores 1 + its commas + one point per
 * 100 characters (up to 3), shared with its ancestors (full, half, then a third per level); each
 * container starts from a prior by tag and class/id names and is discounted by its link density.
 * The result is a pair of block features, not a decision: the block model weighs them.
 */
export class ContentContainerScorer {
  private clock = 0
  private readonly intervals = new Map<Element, { start: number; end: number }>()
  private readonly candidates = new Map<Element, Candidate>()
  private readonly blocks: { time: number; ancestors: readonly Element[] }[] = []

  constructor(
    /** Visible characters under each element. */
    private readonly textChars: ReadonlyMap<unknown, number>,
    /** Characters inside links under each element. */
    private readonly linkChars: ReadonlyMap<unknown, number>,
  ) {}

  /** Call when the walk enters an element. */
  enter(element: Element): void {
    this.intervals.set(element, { start: ++this.clock, end: Number.POSITIVE_INFINITY })
  }

  /** Call when the walk leaves an element. */
  exit(element: Element): void {
    const interval = this.intervals.get(element)
    if (interval) interval.end = ++this.clock
  }

  /**
   * Records a block with its open elements (outermost first; the last is the block's owner)
   * and lets its text score the containers above it.
   */
  addBlock(open: readonly Element[], text: string): void {
    const ancestors = open.slice(-(SCORED_LEVELS + 1))
    this.blocks.push({ time: ++this.clock, ancestors })
    const owner = open[open.length - 1]
    if (!owner || !PARAGRAPH_TAGS.has(owner.name) || text.length < MIN_PARAGRAPH_CHARS) return
    const commas = text.match(/[,，、]/gu)?.length ?? 0
    const score = 1 + commas + Math.min(3, Math.floor(text.length / 100))
    for (let level = 0; level < SCORED_LEVELS; level++) {
      const container = open[open.length - 2 - level]
      if (!container) break
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3
      this.candidate(container).score += score / divider
    }
  }

  /** Facts for every recorded block, in the order they were added. */
  finish(): ContainerFacts[] {
    let top: Candidate | undefined
    for (const candidate of this.candidates.values()) {
      const chars = this.textChars.get(candidate.element) ?? 0
      const links = this.linkChars.get(candidate.element) ?? 0
      candidate.score *= 1 - (chars > 0 ? Math.min(1, links / chars) : 0)
      if (!top || candidate.score > top.score) top = candidate
    }
    if (!top || top.score <= 0) return this.blocks.map(() => ({ mainContainer: 'none', containerScore: 0 }))
    const topScore = top.score
    // Paragraphs straight under <body>: the whole page is the container, which says nothing.
    if (PAGE_ROOTS.has(top.element.name)) return this.blocks.map(({ ancestors }) => ({ mainContainer: 'none', containerScore: Math.min(1, this.nearestScore(ancestors) / topScore) }))
    const main: { start: number; end: number }[] = []
    const siblingThreshold = Math.max(10, topScore * 0.2)
    const topInterval = this.intervals.get(top.element)
    if (topInterval) main.push(topInterval)
    for (const sibling of top.element.parent?.children ?? []) {
      if (sibling === top.element || sibling.type !== 'tag') continue
      const candidate = this.candidates.get(sibling as Element)
      const interval = this.intervals.get(sibling as Element)
      if (candidate && interval && candidate.score >= siblingThreshold) main.push(interval)
    }
    const first = Math.min(...main.map((interval) => interval.start))
    const last = Math.max(...main.map((interval) => interval.end))
    const place = (time: number): MainContainerPlace => {
      if (main.some((interval) => interval.start < time && time < interval.end)) return 'inside'
      return time < first ? 'before' : time > last ? 'after' : 'between'
    }
    return this.blocks.map(({ time, ancestors }) => ({
      mainContainer: place(time),
      containerScore: Math.max(0, Math.min(1, this.nearestScore(ancestors) / topScore)),
    }))
  }

  /** Score of the closest scored element above a block's owner (0 when none is). */
  private nearestScore(ancestors: readonly Element[]): number {
    for (let i = ancestors.length - 2; i >= 0; i--) {
      const candidate = this.candidates.get(ancestors[i] as Element)
      if (candidate) return Math.max(0, candidate.score)
    }
    return 0
  }

  private candidate(element: Element): Candidate {
    let candidate = this.candidates.get(element)
    if (!candidate) {
      candidate = { element, score: tagPrior(element.name) + namePrior(element) }
      this.candidates.set(element, candidate)
    }
    return candidate
  }
}

function tagPrior(tag: string): number {
  switch (tag) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      return 5
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
    case 'nav':
    case 'aside':
    case 'footer':
    case 'header':
      return -3
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5
    default:
      return 0
  }
}

function namePrior(element: Element): number {
  let weight = 0
  for (const name of [element.attribs?.['class'], element.attribs?.['id']]) {
    if (!name) continue
    if (NEGATIVE_NAMES.test(name)) weight -= 25
    if (POSITIVE_NAMES.test(name)) weight += 25
  }
  return weight
}
