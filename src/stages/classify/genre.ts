/**
 * Rule-based genre (content type) from document structure: question/answer turns, list-like
 * blocks, argument markers and reporting shape. No site- or story-specific strings: every rule
 * is a general property of the genre, so it carries over to unseen sources.
 */
import type { DocumentMeta } from '../../core/document.js'

/** The content types the classify stage tells apart. */
export type Genre = 'news' | 'interview' | 'opinion' | 'listing' | 'other'

/** A genre and the evidence for it, in words a reader of the output can check. */
export interface GenreDecision {
  readonly genre: Genre
  readonly reason: string
}

/** An interview has at least this many turns: two questions and their answers. */
const MIN_INTERVIEW_TURNS = 4
/**
 * Turns must carry a good share of the text's characters; a quoted exchange inside a report stays
 * news. Characters, not paragraphs, so short leftover lines (menus, captions) do not dilute it.
 */
const MIN_TURN_CHAR_SHARE = 0.4
/** At least this many questions are answered by the next turn: one exchange can be a quoted aside. */
const MIN_ANSWERED_QUESTIONS = 2
/** At least this share of turns are questions answered by the next turn (the Q/A rhythm). */
const MIN_ANSWERED_QUESTION_SHARE = 0.2

/** A listing needs a handful of items; two short lines are just a short text. */
const MIN_LIST_ITEMS = 5
/** Most blocks must be list-like; a report with a few short subheadings is not a listing. */
const MIN_LIST_ITEM_SHARE = 0.6
/** A block without sentence punctuation and at most this many words reads as an item, not prose. */
const MAX_BARE_ITEM_WORDS = 12
/** A bulleted or numbered block up to this long is an item; longer ones are prose paragraphs. */
const MAX_MARKED_ITEM_WORDS = 40

/** Rates over fewer words than this are noise, so opinion and news need at least this much text. */
const MIN_WORDS_FOR_RATES = 40
/** Argument markers per 100 words (outside quotations) that make a text an opinion piece. */
const MIN_OPINION_MARKERS_PER_100_WORDS = 1.2
/** A first-person word counts as half a marker: narratives and letters use them without arguing. */
const FIRST_PERSON_MARKER_WEIGHT = 0.5
/** Reporting verbs per 100 words typical of news; in ordinary prose they are rare. */
const MIN_REPORTING_VERBS_PER_100_WORDS = 0.5
/** A news report attributes what it says more than once. */
const MIN_REPORTING_VERBS = 2
/** First-person markers per 100 words above which a text is not written as a third-person report. */
const MAX_FIRST_PERSON_PER_100_WORDS_FOR_NEWS = 2

const DASH_TURN = /^\s*[-–—―]\s*\S/u
const QA_TURN = /^\s*(?:Q|A|Question|Answer)\s*:\s/iu
const QUESTION_TURN = /^\s*(?:Q|Question)\s*:\s/iu
const SPEAKER_LABEL = /^\s*(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2})\s*:\s+\S/u
const LIST_MARKER = /^\s*(?:[•·▪►●○■□✓✔*+-]|\d{1,3}[.)]|[a-z][.)])\s+\S/u
const SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/u
const TRUNCATED = /(?:…|\.\.\.)["'”’»)\]]*$/u
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu
const QUOTATION = /“[^”\n]*”|"[^"\n]*"|«[^»\n]*»|„[^“”\n]*[“”]/gu
const OPINION_META = /^\s*(?:opinion|editorial|op-?ed|column|commentary|comment|viewpoint)\s*(?:[:|–—-]|$)/iu

const ARGUMENT_MARKERS = wordPattern([
  'i think',
  'i believe',
  'i feel',
  'i would argue',
  "i'd argue",
  'i argue',
  'in my view',
  'in my opinion',
  'my view',
  'to my mind',
  'we should',
  'we must',
  'we need to',
  'we ought to',
  'should',
  'must',
  'ought to',
  'it is time',
  "it's time",
  'of course',
  'surely',
  'frankly',
  'clearly',
  'obviously',
  'arguably',
  'needless to say',
])
/** `us` is left out: case-insensitive matching cannot tell it from `US`. */
const FIRST_PERSON = wordPattern(['i', 'me', 'my', 'mine', 'myself', 'we', 'our', 'ours', 'ourselves'])
const REPORTING_VERBS = wordPattern([
  'said',
  'says',
  'told',
  'announced',
  'according to',
  'stated',
  'reported',
  'added',
  'noted',
  'quoted',
  'confirmed',
  'declared',
  'claimed',
  'warned',
  'revealed',
  'explained',
  'urged',
  'insisted',
  'denied',
])
/** Case-sensitive: capitalised month names are dates, while lower-case `may` and `march` are not. */
const DATE_MENTION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    [
      'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday',
      'January|February|March|April|May|June|July|August|September|October|November|December',
      'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec',
      '[Yy]esterday|[Tt]oday|[Tt]onight',
      '(?:19|20)\\d\\d',
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}])`,
  'gu',
)

/**
 * Decides the genre of a text from its content blocks (one string per block) and its metadata.
 * Rules run from most to least specific: interview, listing, opinion, news, else other.
 */
export function classifyGenre(blocks: readonly string[], meta: DocumentMeta): GenreDecision {
  const paragraphs = blocks.map((b) => b.trim()).filter((b) => b !== '')
  return (
    interviewDecision(paragraphs) ??
    listingDecision(paragraphs) ??
    opinionDecision(paragraphs, meta) ??
    newsDecision(paragraphs, meta) ?? { genre: 'other', reason: otherReason(paragraphs) }
  )
}

function interviewDecision(paragraphs: readonly string[]): GenreDecision | undefined {
  const repeatedSpeakers = repeatedSpeakerLabels(paragraphs)
  const turns = paragraphs
    .map((text) => ({ text, isTurn: isTurn(text, repeatedSpeakers), isQuestion: isQuestion(text) }))
    .filter((p) => p.isTurn)
  const turnChars = turns.reduce((sum, t) => sum + t.text.length, 0)
  const allChars = paragraphs.reduce((sum, p) => sum + p.length, 0)
  if (turns.length < MIN_INTERVIEW_TURNS || turnChars < MIN_TURN_CHAR_SHARE * allChars) return undefined
  let answered = 0
  for (let i = 0; i + 1 < turns.length; i++) {
    if (turns[i]?.isQuestion && !turns[i + 1]?.isQuestion) answered++
  }
  if (answered < MIN_ANSWERED_QUESTIONS || answered < MIN_ANSWERED_QUESTION_SHARE * turns.length) return undefined
  return {
    genre: 'interview',
    reason: `${turns.length} of ${paragraphs.length} paragraphs are question/answer turns; ${answered} questions are answered`,
  }
}

function isTurn(text: string, repeatedSpeakers: ReadonlySet<string>): boolean {
  if (DASH_TURN.test(text) || QA_TURN.test(text)) return true
  const label = SPEAKER_LABEL.exec(text)?.[1]
  return label !== undefined && repeatedSpeakers.has(label)
}

function isQuestion(text: string): boolean {
  if (QUESTION_TURN.test(text)) return true
  return /\?["'”’»)\]]*$/u.test(text)
}

/** `Name:` labels that open two or more paragraphs; a single `Note:` or `Source:` is no speaker. */
function repeatedSpeakerLabels(paragraphs: readonly string[]): ReadonlySet<string> {
  const counts = new Map<string, number>()
  for (const p of paragraphs) {
    const label = SPEAKER_LABEL.exec(p)?.[1]
    if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([label]) => label))
}

function listingDecision(paragraphs: readonly string[]): GenreDecision | undefined {
  if (paragraphs.length < MIN_LIST_ITEMS) return undefined
  const items = paragraphs.filter(isListItem).length
  if (items < MIN_LIST_ITEM_SHARE * paragraphs.length) return undefined
  return { genre: 'listing', reason: `${items} of ${paragraphs.length} blocks are short list-like items` }
}

function isListItem(text: string): boolean {
  const words = countWords(text)
  if (LIST_MARKER.test(text)) return words <= MAX_MARKED_ITEM_WORDS
  if (TRUNCATED.test(text)) return words <= MAX_MARKED_ITEM_WORDS
  return words <= MAX_BARE_ITEM_WORDS && !SENTENCE_END.test(text)
}

function opinionDecision(paragraphs: readonly string[], meta: DocumentMeta): GenreDecision | undefined {
  const marked = Object.entries(meta).find(([, value]) => value !== undefined && OPINION_META.test(value))
  if (marked) return { genre: 'opinion', reason: `meta ${marked[0]} marks it as opinion: "${marked[1]}"` }
  const ownWords = withoutQuotations(paragraphs.join('\n'))
  const words = countWords(ownWords)
  if (words < MIN_WORDS_FOR_RATES) return undefined
  const markers = countMatches(ownWords, ARGUMENT_MARKERS)
  const firstPerson = countMatches(ownWords, FIRST_PERSON)
  const markerRate = per100(markers + FIRST_PERSON_MARKER_WEIGHT * firstPerson, words)
  if (markerRate < MIN_OPINION_MARKERS_PER_100_WORDS) return undefined
  return {
    genre: 'opinion',
    reason: `${markers} argument markers and ${firstPerson} first-person words outside quotes in ${words} words`,
  }
}

function newsDecision(paragraphs: readonly string[], meta: DocumentMeta): GenreDecision | undefined {
  const text = paragraphs.join('\n')
  const words = countWords(text)
  const dateline = meta.dateline ?? meta.agency
  if (dateline !== undefined && words > 0) return { genre: 'news', reason: `dateline in meta: "${dateline}"` }
  if (words < MIN_WORDS_FOR_RATES) return undefined
  const reporting = countMatches(text, REPORTING_VERBS)
  const firstPerson = countMatches(withoutQuotations(text), FIRST_PERSON)
  const dates = countMatches(text, DATE_MENTION) + (meta.date !== undefined ? 1 : 0)
  if (
    reporting < MIN_REPORTING_VERBS ||
    per100(reporting, words) < MIN_REPORTING_VERBS_PER_100_WORDS ||
    dates === 0 ||
    per100(firstPerson, words) > MAX_FIRST_PERSON_PER_100_WORDS_FOR_NEWS
  ) {
    return undefined
  }
  return { genre: 'news', reason: `${reporting} reporting verbs and ${dates} dates in ${words} words, third person` }
}

function otherReason(paragraphs: readonly string[]): string {
  const words = countWords(paragraphs.join('\n'))
  if (words < MIN_WORDS_FOR_RATES) return `too little text to judge (${words} words)`
  return 'no interview, listing, opinion or news pattern'
}

function withoutQuotations(text: string): string {
  return text.replace(QUOTATION, ' ')
}

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

function per100(count: number, words: number): number {
  return words === 0 ? 0 : (100 * count) / words
}

/** A case-insensitive pattern that matches any of the phrases as whole words (apostrophes either way). */
function wordPattern(phrases: readonly string[]): RegExp {
  const alternatives = phrases
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+'))
    .sort((a, b) => b.length - a.length)
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`, 'giu')
}
