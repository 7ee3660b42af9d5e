/**
 * Rule-based genre (content type) from document structure and wording: question/answer turns,
 * list-like and teaser blocks, argument markers, and the reporting shape of news (attribution,
 * officials, days) against the personal voice of opinion, promotion and forums. No site- or
 * story-specific strings: every rule is a general property of the genre, and the wording lists
 * per language live in `genre-cues.ts`, so the rules carry over to unseen sources.
 */
import type { DocumentMeta } from '../../core/document.js'
import { ANSWER_LABELS, GENRE_CUES, QUESTION_LABELS, type GenreCues } from './genre-cues.js'
import { stopwordLanguage } from './stopwords.js'

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
/**
 * With labelled turns (`Q:`, `NAME:`), the stretch from the first turn to the last must hold at
 * least this share of the characters: hard-wrapped transcripts continue a turn on lines of their own.
 */
const MIN_LABELLED_SPAN_SHARE = 0.5
/** At least this many questions are answered by the next turn: one exchange can be a quoted aside. */
const MIN_ANSWERED_QUESTIONS = 2
/** At least this share of turns are questions answered by the next turn (the Q/A rhythm). */
const MIN_ANSWERED_QUESTION_SHARE = 0.2
/**
 * Unmarked interviews (questions as plain paragraphs): at least this many questions address
 * the interviewee ("you") and are answered in the first person ("I", "we"). FAQ pages ask in
 * the reader's voice ("How do I…?") and answer with "you", so they do not qualify.
 */
const MIN_ADDRESSED_QUESTIONS = 3
/** ...and at least this share of all question paragraphs are such addressed questions. */
const MIN_ADDRESSED_QUESTION_SHARE = 0.5
/** A question paragraph longer than this is prose that happens to end with a question. */
const MAX_QUESTION_WORDS = 60

/** A listing needs a handful of items; two short lines are just a short text. */
const MIN_LIST_ITEMS = 5
/** Nearly all blocks must be list-like; a report or an advert with a few short lines is not a listing. */
const MIN_LIST_ITEM_SHARE = 0.8
/** A block without sentence punctuation and at most this many words reads as an item, not prose. */
const MAX_BARE_ITEM_WORDS = 12
/** A bulleted or numbered block up to this long is an item; longer ones are prose paragraphs. */
const MAX_MARKED_ITEM_WORDS = 40
/** This many teasers (blocks cut off with "…" or ending in "read more") make a page of excerpts. */
const MIN_TEASERS = 3

/** Rates over fewer words than this are noise, so opinion and news need at least this much text. */
const MIN_WORDS_FOR_RATES = 40
/**
 * Each kind of news evidence (attributions, officials, day references) counts up to this many
 * times, so one long list of names or dates cannot outweigh the rest.
 */
const MAX_COUNT_PER_CUE = 3
/** Personal-voice evidence (first or second person, prices, questions) weighs this much against news. */
const PERSONAL_VOICE_WEIGHT = 2
/** Question marks per 100 words above which a text asks rather than reports. */
const MAX_QUESTIONS_PER_100_WORDS = 0.5
/**
 * The news score (evidence minus weighted personal voice) at which a text reads as a report.
 * Weights and thresholds were set on genre.train.jsonl of the shared evaluation set, not on dev.
 */
const MIN_NEWS_SCORE = 1
/**
 * Capped news evidence per 100 words: a long text with one "said" in it is not a report. Set on
 * genre.train.jsonl like the score.
 */
const MIN_NEWS_EVIDENCE_PER_100_WORDS = 0.4
/** A text with this news score is a report even when it also argues. */
const NEWS_SCORE_OVER_OPINION = 2
/** Argument markers per 100 words (outside quotations) that make a text an opinion piece. */
const MIN_OPINION_MARKERS_PER_100_WORDS = 0.4
/** A first-person word counts as a quarter marker: narratives and letters use them without arguing. */
const FIRST_PERSON_MARKER_WEIGHT = 0.25
/** Second-person words per 100 words above which a text addresses a reader: promotion or instructions. */
const MAX_SECOND_PERSON_PER_100_WORDS_FOR_OPINION = 1.5

/** Without a language from the detector, the cue language is guessed from this much of the text. */
const LANGUAGE_SAMPLE_CHARS = 5000

const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`
const DASH_TURN = /^\s*[-–—―]\s*\S/u
const QA_TURN = labelPattern([...QUESTION_LABELS, ...ANSWER_LABELS])
const QUESTION_TURN = labelPattern(QUESTION_LABELS)
const SPEAKER_LABEL = /^\s*(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2})\s*:\s+\S/u
const QUESTION_END = /[?？؟]["'”’»)\]]*$/u
const LIST_MARKER = /^\s*(?:[•·▪►●○■□✓✔*+-]|\d{1,3}[.)]|[a-z][.)])\s+\S/u
const SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/u
const TRUNCATED = /(?:…|\.\.\.)["'”’»)\]]*$/u
/** A teaser cut off by the page: an ellipsis, bracketed or not, at the end of the block. */
const TEASER_CUT = /(?:…|\.\.\.|\[\s*(?:…|\.\s?\.\s?\.)\s*\])["'”’»)\]]*\s*$/u
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu
const QUESTION_MARK = /[?？؟]/gu
const QUOTATION = /“[^”\n]*”|"[^"\n]*"|«[^»\n]*»|„[^“”\n]*[“”]/gu
const OPINION_META = /^\s*(?:opinion|editorial|op-?ed|column|commentary|comment|viewpoint)\s*(?:[:|–—-]|$)/iu

/** The cue lists of one language compiled to patterns. */
interface CuePatterns {
  /** The language's code, used as the locale for case folding (Turkish dotted and dotless i). */
  readonly locale: string
  readonly reporting?: RegExp
  readonly officials?: RegExp
  readonly timeRefs?: RegExp
  readonly firstPerson?: RegExp
  readonly anyFirstPerson?: RegExp
  readonly secondPerson?: RegExp
  readonly commerce?: RegExp
  readonly argument?: RegExp
  readonly readMore?: RegExp
}

const COMPILED = new Map<string, CuePatterns>(Object.entries(GENRE_CUES).map(([lang, cues]) => [lang, compileCues(lang, cues)]))

/** How often each kind of wording cue occurs in a text, and how many words it has. */
interface WordingCounts {
  readonly words: number
  readonly reporting: number
  readonly officials: number
  readonly timeRefs: number
  readonly firstPerson: number
  readonly secondPerson: number
  readonly commerce: number
  readonly argument: number
  readonly questions: number
}

/**
 * Decides the genre of a text from its content blocks (one string per block) and its metadata.
 * `lang` (ISO 639-1, as the language detector gives it) picks the wording cues; without it the
 * language whose stop words the text uses most is taken. Rules run from most to least specific:
 * interview, listing, opinion, news, else other.
 */
export function classifyGenre(blocks: readonly string[], meta: DocumentMeta, lang?: string): GenreDecision {
  const paragraphs = blocks.map((b) => b.trim()).filter((b) => b !== '')
  const cues = cuesFor(paragraphs.join('\n'), lang)
  const wording = countWording(paragraphs, cues)
  return (
    interviewDecision(paragraphs, cues) ??
    listingDecision(paragraphs, cues) ??
    opinionDecision(paragraphs, meta, wording) ??
    newsDecision(meta, wording) ?? { genre: 'other', reason: otherReason(wording, cues) }
  )
}

function cuesFor(text: string, lang: string | undefined): CuePatterns | undefined {
  if (lang !== undefined && lang !== 'und') return COMPILED.get(lang)
  const guessed = stopwordLanguage(text.slice(0, LANGUAGE_SAMPLE_CHARS).toLowerCase().match(WORD) ?? [])
  return guessed === undefined ? undefined : COMPILED.get(guessed)
}

function countWording(paragraphs: readonly string[], cues: CuePatterns | undefined): WordingCounts {
  const text = paragraphs.join('\n')
  const words = countWords(text)
  const lower = lowerCase(text, cues)
  const own = withoutQuotations(lower)
  return {
    words,
    reporting: countMatches(lower, cues?.reporting),
    officials: countMatches(lower, cues?.officials),
    timeRefs: countMatches(lower, cues?.timeRefs),
    firstPerson: countMatches(own, cues?.firstPerson),
    secondPerson: countMatches(own, cues?.secondPerson),
    commerce: countMatches(lower, cues?.commerce),
    argument: countMatches(own, cues?.argument),
    questions: countMatches(own, QUESTION_MARK),
  }
}

function interviewDecision(paragraphs: readonly string[], cues: CuePatterns | undefined): GenreDecision | undefined {
  return markedInterviewDecision(paragraphs) ?? unmarkedInterviewDecision(paragraphs, cues)
}

/** Turns marked by a dash, a `Q:`/`A:` label or a repeated speaker name. */
function markedInterviewDecision(paragraphs: readonly string[]): GenreDecision | undefined {
  const speakers = repeatedSpeakerLabels(paragraphs)
  const marked = paragraphs.map((text, index) => ({ index, text, kind: turnKind(text, speakers), isQuestion: isQuestion(text) }))
  const turns = marked.filter((p) => p.kind !== undefined)
  if (turns.length < MIN_INTERVIEW_TURNS) return undefined
  const allChars = charsOf(paragraphs)
  const turnChars = charsOf(turns.map((t) => t.text))
  const labelled = turns.filter((t) => t.kind === 'label')
  const first = labelled[0]
  const last = labelled[labelled.length - 1]
  const labelledSpan = first && last && labelled.length >= MIN_INTERVIEW_TURNS ? charsOf(paragraphs.slice(first.index, last.index + 1)) : 0
  if (turnChars < MIN_TURN_CHAR_SHARE * allChars && labelledSpan < MIN_LABELLED_SPAN_SHARE * allChars) return undefined
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

/**
 * Questions as plain paragraphs: each addressed to "you" and followed by an answer in the first
 * person, the shape of a written Q&A with one person.
 */
function unmarkedInterviewDecision(paragraphs: readonly string[], cues: CuePatterns | undefined): GenreDecision | undefined {
  if (cues?.secondPerson === undefined || cues.anyFirstPerson === undefined) return undefined
  const questions = paragraphs.flatMap((text, index) => (isPlainQuestion(text) ? [index] : []))
  let addressed = 0
  let firstAddressed: number | undefined
  questions.forEach((index, n) => {
    const end = questions[n + 1] ?? paragraphs.length
    const answer = paragraphs.slice(index + 1, end)
    if (answer.length === 0) return
    const asksYou = countMatches(lowerCase(paragraphs[index] ?? '', cues), cues.secondPerson) > 0
    const answersAsI = countMatches(withoutQuotations(lowerCase(answer.join('\n'), cues)), cues.anyFirstPerson) > 0
    if (asksYou && answersAsI) {
      addressed++
      firstAddressed ??= index
    }
  })
  if (addressed < MIN_ADDRESSED_QUESTIONS || addressed < MIN_ADDRESSED_QUESTION_SHARE * questions.length) return undefined
  if (charsOf(paragraphs.slice(firstAddressed)) < MIN_LABELLED_SPAN_SHARE * charsOf(paragraphs)) return undefined
  return {
    genre: 'interview',
    reason: `${addressed} of ${questions.length} question paragraphs ask "you" and are answered in the first person`,
  }
}

function isPlainQuestion(text: string): boolean {
  return QUESTION_END.test(text) && countWords(text) <= MAX_QUESTION_WORDS
}

function turnKind(text: string, speakers: ReadonlySet<string>): 'dash' | 'label' | undefined {
  if (QA_TURN.test(text)) return 'label'
  if (DASH_TURN.test(text)) return 'dash'
  const label = speakerOf(text)
  return label !== undefined && speakers.has(label) ? 'label' : undefined
}

function isQuestion(text: string): boolean {
  return QUESTION_TURN.test(text) || QUESTION_END.test(text)
}

/**
 * `Name:` labels that open two or more paragraphs; a single `Note:` or `Source:` is no speaker.
 * A speaker is known by the last word of the label, so `Anna Weber:` and later `Weber:` are one.
 */
function repeatedSpeakerLabels(paragraphs: readonly string[]): ReadonlySet<string> {
  const counts = new Map<string, number>()
  for (const p of paragraphs) {
    const label = speakerOf(p)
    if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([label]) => label))
}

function speakerOf(text: string): string | undefined {
  const label = SPEAKER_LABEL.exec(text)?.[1]
  return label?.split(/\s+/u).pop()
}

function listingDecision(paragraphs: readonly string[], cues: CuePatterns | undefined): GenreDecision | undefined {
  const teasers = paragraphs.filter((p) => isTeaser(p, cues)).length
  if (teasers >= MIN_TEASERS) return { genre: 'listing', reason: `${teasers} blocks are teasers cut off with "…" or "read more"` }
  if (paragraphs.length < MIN_LIST_ITEMS) return undefined
  const items = paragraphs.filter(isListItem).length
  if (items < MIN_LIST_ITEM_SHARE * paragraphs.length) return undefined
  return { genre: 'listing', reason: `${items} of ${paragraphs.length} blocks are short list-like items` }
}

function isTeaser(text: string, cues: CuePatterns | undefined): boolean {
  if (TEASER_CUT.test(text)) return true
  return cues?.readMore !== undefined && cues.readMore.test(lowerCase(text, cues))
}

function isListItem(text: string): boolean {
  const words = countWords(text)
  if (LIST_MARKER.test(text)) return words <= MAX_MARKED_ITEM_WORDS
  if (TRUNCATED.test(text)) return words <= MAX_MARKED_ITEM_WORDS
  return words <= MAX_BARE_ITEM_WORDS && !SENTENCE_END.test(text)
}

function opinionDecision(paragraphs: readonly string[], meta: DocumentMeta, wording: WordingCounts): GenreDecision | undefined {
  const marked = Object.entries(meta).find(([, value]) => value !== undefined && OPINION_META.test(value))
  if (marked) return { genre: 'opinion', reason: `meta ${marked[0]} marks it as opinion: "${marked[1]}"` }
  if (paragraphs.length === 0 || wording.words < MIN_WORDS_FOR_RATES) return undefined
  const markerRate = per100(wording.argument + FIRST_PERSON_MARKER_WEIGHT * wording.firstPerson, wording.words)
  if (
    markerRate < MIN_OPINION_MARKERS_PER_100_WORDS ||
    newsScore(wording) >= NEWS_SCORE_OVER_OPINION ||
    per100(wording.secondPerson, wording.words) >= MAX_SECOND_PERSON_PER_100_WORDS_FOR_OPINION
  ) {
    return undefined
  }
  return {
    genre: 'opinion',
    reason: `${wording.argument} argument markers and ${wording.firstPerson} first-person words outside quotes in ${wording.words} words`,
  }
}

function newsDecision(meta: DocumentMeta, wording: WordingCounts): GenreDecision | undefined {
  const dateline = meta.dateline ?? meta.agency
  if (dateline !== undefined && wording.words > 0) return { genre: 'news', reason: `dateline in meta: "${dateline}"` }
  if (wording.words < MIN_WORDS_FOR_RATES) return undefined
  const score = newsScore(wording)
  if (score < MIN_NEWS_SCORE || per100(newsEvidence(wording), wording.words) < MIN_NEWS_EVIDENCE_PER_100_WORDS) return undefined
  return {
    genre: 'news',
    reason:
      `${wording.reporting} reporting verbs, ${wording.officials} officials and ${wording.timeRefs} day references ` +
      `against ${personalVoice(wording)} personal-voice cues in ${wording.words} words (score ${score})`,
  }
}

/**
 * Evidence of a report (attribution, officials, day references; each capped) minus weighted
 * evidence of a personal voice (first and second person outside quotes, prices, many questions).
 */
function newsScore(w: WordingCounts): number {
  return newsEvidence(w) - PERSONAL_VOICE_WEIGHT * personalVoice(w)
}

function newsEvidence(w: WordingCounts): number {
  const cap = (n: number): number => Math.min(n, MAX_COUNT_PER_CUE)
  return cap(w.reporting) + cap(w.officials) + cap(w.timeRefs)
}

function personalVoice(w: WordingCounts): number {
  const cap = (n: number): number => Math.min(n, MAX_COUNT_PER_CUE)
  const asks = per100(w.questions, w.words) > MAX_QUESTIONS_PER_100_WORDS ? 1 : 0
  return cap(w.firstPerson) + cap(w.secondPerson) + cap(w.commerce) + asks
}

function otherReason(wording: WordingCounts, cues: CuePatterns | undefined): string {
  if (wording.words < MIN_WORDS_FOR_RATES) return `too little text to judge (${wording.words} words)`
  if (cues === undefined) return 'no interview or listing structure, and no wording cues for this language'
  return 'no interview, listing, opinion or news pattern'
}

function withoutQuotations(text: string): string {
  return text.replace(QUOTATION, ' ')
}

function lowerCase(text: string, cues: CuePatterns | undefined): string {
  return cues === undefined ? text.toLowerCase() : text.toLocaleLowerCase(cues.locale)
}

function charsOf(texts: readonly string[]): number {
  return texts.reduce((sum, t) => sum + t.length, 0)
}

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0
}

function countMatches(text: string, pattern: RegExp | undefined): number {
  if (pattern === undefined) return 0
  return text.match(pattern)?.length ?? 0
}

function per100(count: number, words: number): number {
  return words === 0 ? 0 : (100 * count) / words
}

function compileCues(lang: string, cues: GenreCues): CuePatterns {
  return {
    locale: lang,
    reporting: wordPattern(cues.reporting),
    officials: wordPattern(cues.officials),
    timeRefs: wordPattern(cues.timeRefs),
    firstPerson: wordPattern(cues.firstPerson),
    anyFirstPerson: wordPattern([...cues.firstPerson, ...cues.firstPersonPlural]),
    secondPerson: wordPattern(cues.secondPerson),
    commerce: wordPattern(cues.commerce),
    argument: wordPattern(cues.argument),
    readMore: endPattern(cues.readMore),
  }
}

/** Escapes a cue for a pattern: spaces match any whitespace, apostrophes either way, `*` any ending. */
function cueSource(cue: string): string {
  const stem = cue.endsWith('*')
  const body = (stem ? cue.slice(0, -1) : cue)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "['’]")
    .replace(/ /g, '\\s+')
  return stem ? `${body}${WORD_CHAR}*` : body
}

/** A pattern that matches any of the cues as whole words, longest first; none for an empty list. */
function wordPattern(cues: readonly string[]): RegExp | undefined {
  if (cues.length === 0) return undefined
  const alternatives = cues.map(cueSource).sort((a, b) => b.length - a.length)
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?!${WORD_CHAR})`, 'gu')
}

/** A pattern for a block that ends with one of the cues, then at most closing marks or arrows. */
function endPattern(cues: readonly string[]): RegExp | undefined {
  if (cues.length === 0) return undefined
  const alternatives = cues.map(cueSource).sort((a, b) => b.length - a.length)
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})[\\s»›→>…:.\\])]*$`, 'u')
}

/** `Q:`-style turn labels (case-insensitive, colon required, full-width colon too). */
function labelPattern(labels: readonly string[]): RegExp {
  const alternatives = [...labels].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^\\s*(?:${alternatives.join('|')})\\s*[:：]\\s`, 'iu')
}
