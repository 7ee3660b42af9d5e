/**
 * The Document record and its parts: plain, JSON-serialisable data that flows through every
 * stage. Stages never mutate a Document; they return a new one (see `withChanges`).
 */

/** Which label a block carries after the boilerplate stage. */
export type BlockLabel = 'content' | 'boilerplate' | 'metadata'

/** Where a block came from: a line of scraped text, a paragraph of text, or a block element of a page. */
export type BlockKind = 'text-line' | 'paragraph' | 'html-block'

/** Structural facts about an HTML block, used by rules and block features. */
export interface HtmlBlockInfo {
  /** Tag path from <body>, e.g. `body>div>article>p`. */
  readonly path: string
  /** Lower-cased class and id tokens of the element and its ancestors. */
  readonly tokens: readonly string[]
  /** Share of the block's characters that sit inside links (0..1). */
  readonly linkDensity: number
  /** The block element's own tag name, e.g. `p`, `li`, `h2`. */
  readonly tag: string
  /** Landmark elements the block sits inside (nav, header, footer, aside, form, figure, article, main...). */
  readonly inside: readonly string[]
  /**
   * Where the block sits relative to the container that content scoring picks as the page's
   * main text: inside it, before or after it, between it and a strong sibling, or `none` found.
   */
  readonly mainContainer?: 'inside' | 'before' | 'after' | 'between' | 'none'
  /** Content score of the block's nearest scored container, relative to the best one (0..1). */
  readonly containerScore?: number
  /** Ids of the CSS-selector rules whose matching elements contain the block. */
  readonly selectors?: readonly string[]
}

/** Which stage and rule set a block's label, and why. */
export interface Decision {
  readonly stage: string
  readonly ruleId: string
  readonly reason: string
}

/** One unit that rules judge: a line/paragraph of scraped text or a block element of a page. */
export interface Block {
  readonly index: number
  readonly text: string
  readonly kind: BlockKind
  /** Offsets of the block in `Document.raw` (text input only; HTML blocks have none). */
  readonly start?: number
  readonly end?: number
  /** True when one or more blank lines (text) or a structural break (HTML) precede the block. */
  readonly breakBefore: boolean
  readonly html?: HtmlBlockInfo
  readonly label: BlockLabel
  readonly decidedBy?: Decision
}

/** Metadata fields a document can carry; all optional strings. */
export type MetaField =
  | 'title'
  | 'date'
  | 'author'
  | 'site'
  | 'dateline'
  | 'place'
  | 'agency'
  | 'credit'
  | 'attribution'
  | 'description'
  | 'htmlLang'
  /** The address a page declares for itself (canonical link or og:url); site packs use it when the source has no URL. */
  | 'canonicalUrl'

/** Document metadata: what the pages says about itself, moved out of the body text. */
export type DocumentMeta = Partial<Record<MetaField, string>>

/** Labels the classify stage assigns. */
export interface DocumentLabels {
  readonly lang?: string
  readonly langScore?: number
  /** Share of characters per language over the blocks long enough to judge (`{ en: 0.82, fa: 0.18 }`), so mixed pages show. */
  readonly languages?: Readonly<Record<string, number>>
  readonly genre?: string
  readonly genreReason?: string
  readonly topics?: readonly string[]
  readonly topicScores?: Readonly<Record<string, number>>
  readonly quality?: Readonly<Record<string, number>>
  /** Sensitive-data matches per kind (`email`, `phone`, `ip`) in the kept text, set by the pii stage. */
  readonly pii?: Readonly<Record<string, number>>
}

/** Provenance of one removal: which stage and rule took how many characters from which block. */
export interface Removal {
  readonly stage: string
  readonly ruleId: string
  readonly blockIndex: number
  readonly chars: number
  readonly excerpt: string
  /** `block` removes the whole block; `span` removes part of it; `meta` moves it to metadata. */
  readonly scope: 'block' | 'span' | 'meta'
}

/** Provenance of an in-place text change (normalization): which rule changed how much. */
export interface Edit {
  readonly stage: string
  readonly ruleId: string
  readonly count: number
  /** Characters removed by the edit (negative when characters were added). */
  readonly charsDelta: number
}

/** Why a whole document left the dataset. */
export interface Drop {
  readonly stage: string
  readonly code: string
  readonly reason: string
  readonly duplicateOf?: string
}

/** A problem found while processing a document; errors drop it, warnings only flag it. */
export interface DocumentIssue {
  readonly stage: string
  readonly code: string
  readonly message: string
  readonly severity: 'error' | 'warning'
}

/** Time and size of the document as one stage saw it; written by the pipeline, not the stage. */
export interface StageTrace {
  readonly stage: string
  readonly ms: number
  readonly charsIn: number
  readonly charsOut: number
}

/** Where a document came from. */
export interface DocumentSource {
  /** Path of the input file, relative to the input root it was found under. */
  readonly file?: string
  /** 1-based line number inside a JSONL file. */
  readonly line?: number
  readonly url?: string
  readonly format: 'html' | 'text'
}

/** What flows through the pipeline; plain data, safe to send to a worker or write as JSON. */
export interface Document {
  readonly id: string
  readonly source: DocumentSource
  /** The input as read and decoded; never changed. */
  readonly raw: string
  readonly blocks: readonly Block[]
  readonly meta: DocumentMeta
  readonly labels: DocumentLabels
  readonly removals: readonly Removal[]
  readonly edits: readonly Edit[]
  readonly issues: readonly DocumentIssue[]
  readonly trace: readonly StageTrace[]
  readonly dropped?: Drop
  /** Other fields of a JSONL record, carried through unchanged. */
  readonly extra?: Readonly<Record<string, unknown>>
}

/** Builds a fresh Document as a reader produces it: raw input, no blocks, no provenance yet. */
export function createDocument(init: {
  id: string
  source: DocumentSource
  raw: string
  meta?: DocumentMeta
  extra?: Record<string, unknown>
  issues?: readonly DocumentIssue[]
}): Document {
  return {
    id: init.id,
    source: init.source,
    raw: init.raw,
    blocks: [],
    meta: init.meta ?? {},
    labels: {},
    removals: [],
    edits: [],
    issues: init.issues ?? [],
    trace: [],
    ...(init.extra && Object.keys(init.extra).length > 0 ? { extra: init.extra } : {}),
  }
}

/** Returns a copy of the document with the given fields replaced; the input stays untouched. */
export function withChanges(doc: Document, changes: Partial<Omit<Document, 'id' | 'raw' | 'source'>>): Document {
  return { ...doc, ...changes }
}

/** The blocks that survive into the output text. */
export function contentBlocks(doc: Document): readonly Block[] {
  return doc.blocks.filter((b) => b.label === 'content')
}

/** Number of characters in the document's content blocks. */
export function contentChars(doc: Document): number {
  let total = 0
  for (const b of doc.blocks) if (b.label === 'content') total += b.text.length
  return total
}

/** The clean text: content blocks joined one per line, as the gold texts of extraction benchmarks are. */
export function documentText(doc: Document): string {
  return contentBlocks(doc)
    .map((b) => b.text)
    .join('\n')
}

/** True when the document has an error and should go to the rejects file. */
export function hasError(doc: Document): boolean {
  return doc.issues.some((i) => i.severity === 'error')
}

/** True when the document no longer flows towards the dataset (dropped or failed). */
export function isRejected(doc: Document): boolean {
  return doc.dropped !== undefined || hasError(doc)
}
