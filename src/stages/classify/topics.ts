/**
 * Keyword-taxonomy topic classification: a YAML list of topics, each with weighted terms, scored
 * by a single linear scan over the text's words. Transparent and editable by users, no model.
 */
import { z } from 'zod'

const keywordSchema = z.union([
  z.string().trim().min(1),
  z.object({ term: z.string().trim().min(1), weight: z.number().positive().max(10) }).strict(),
])

const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id such as "sport" or "crime-law"'),
    label: z.string().min(1),
    description: z.string().optional(),
    keywords: z.array(keywordSchema).min(1),
  })
  .strict()

/**
 * The topic taxonomy file (`config/topics.yaml`). A keyword is a `{ term, weight }` pair or a
 * bare string (weight 1); both forms may be mixed. Parsing normalises every keyword to a pair.
 */
export const taxonomySchema = z
  .object({
    version: z.literal(1),
    minScore: z.number().nonnegative(),
    maxTopics: z.number().int().positive(),
    topics: z.array(topicSchema).min(1),
  })
  .strict()
  .superRefine((taxonomy, ctx) => {
    const seenIds = new Set<string>()
    taxonomy.topics.forEach((topic, t) => {
      if (seenIds.has(topic.id)) {
        ctx.addIssue({ code: 'custom', path: ['topics', t, 'id'], message: `duplicate topic id "${topic.id}"` })
      }
      seenIds.add(topic.id)
      const seenTerms = new Set<string>()
      topic.keywords.forEach((keyword, k) => {
        const key = tokenize(typeof keyword === 'string' ? keyword : keyword.term).join(' ')
        const path = ['topics', t, 'keywords', k]
        if (key === '') ctx.addIssue({ code: 'custom', path, message: 'term has no letters or digits' })
        else if (seenTerms.has(key)) ctx.addIssue({ code: 'custom', path, message: `duplicate term "${key}" in topic "${topic.id}"` })
        seenTerms.add(key)
      })
    })
  })
  .transform((taxonomy) => ({
    ...taxonomy,
    topics: taxonomy.topics.map((topic) => ({
      ...topic,
      keywords: topic.keywords.map((k) => (typeof k === 'string' ? { term: k, weight: 1 } : k)),
    })),
  }))

/** A validated taxonomy with every keyword as a `{ term, weight }` pair. */
export type Taxonomy = z.output<typeof taxonomySchema>

/** One topic a text was assigned, with its score (see `createTopicClassifier` for the scale). */
export interface TopicMatch {
  readonly id: string
  readonly score: number
}

/** Scores a text against the taxonomy; built once by `createTopicClassifier`. */
export type TopicClassifier = (text: string) => readonly TopicMatch[]

/**
 * Texts shorter than this many words are scored as if they had this many, so one keyword in a
 * headline does not count like a text saturated with the topic.
 */
const MIN_SCORING_WORDS = 100

/**
 * Builds a multi-label topic classifier. A topic's score is the sum of the weights of its terms
 * found in the text, per 100 words (texts under 100 words count as 100). Terms match whole words
 * and phrases, case-insensitively, with punctuation and whitespace between words ignored; the
 * last word may also carry a plural ending (-s, -es, -ies for -y). Overlapping terms do not both
 * count: at each position the longest term wins. Returns the topics scoring at least
 * `minScore`, best first, at most `maxTopics` of them.
 */
export function createTopicClassifier(taxonomy: Taxonomy): TopicClassifier {
  const termIndex = new Map<string, { topic: number; weight: number }[]>()
  let longestTerm = 1
  taxonomy.topics.forEach((topic, t) => {
    for (const { term, weight } of topic.keywords) {
      const tokens = tokenize(term)
      const key = tokens.join(' ')
      longestTerm = Math.max(longestTerm, tokens.length)
      termIndex.set(key, [...(termIndex.get(key) ?? []), { topic: t, weight }])
    }
  })

  return (text) => {
    const words = tokenize(text)
    const weights = new Array<number>(taxonomy.topics.length).fill(0)
    for (let i = 0; i < words.length; ) {
      const hit = longestTermAt(words, i, longestTerm, termIndex)
      if (!hit) {
        i++
        continue
      }
      for (const { topic, weight } of hit.targets) weights[topic] = (weights[topic] ?? 0) + weight
      i += hit.length
    }
    const denominator = Math.max(words.length, MIN_SCORING_WORDS)
    return taxonomy.topics
      .map((topic, t) => ({ id: topic.id, score: Math.round((10000 * (weights[t] ?? 0)) / denominator) / 100 }))
      .filter((m) => m.score > 0 && m.score >= taxonomy.minScore)
      .sort((a, b) => b.score - a.score)
      .slice(0, taxonomy.maxTopics)
  }
}

function longestTermAt(
  words: readonly string[],
  start: number,
  longestTerm: number,
  termIndex: ReadonlyMap<string, readonly { topic: number; weight: number }[]>,
): { length: number; targets: readonly { topic: number; weight: number }[] } | undefined {
  for (let length = Math.min(longestTerm, words.length - start); length >= 1; length--) {
    const head = words.slice(start, start + length - 1).join(' ')
    const last = words[start + length - 1] ?? ''
    for (const form of singularForms(last)) {
      const targets = termIndex.get(head === '' ? form : `${head} ${form}`)
      if (targets) return { length, targets }
    }
  }
  return undefined
}

/** The word itself, then the singulars it may be the plural of. */
function singularForms(word: string): string[] {
  const forms = [word]
  if (word.length > 3 && word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`)
  if (word.length > 3 && word.endsWith('es')) forms.push(word.slice(0, -2))
  if (word.length > 2 && word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1))
  return forms
}

const TOKEN = /[\p{L}\p{N}]+/gu

/** Lower-cased runs of letters and digits: the words both terms and texts are compared as. */
function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? []
}

