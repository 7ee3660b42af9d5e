import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { createTopicClassifier, taxonomySchema, type Taxonomy } from '../../src/stages/classify/topics.js'
import { shippedConfig } from '../support/config.js'

const taxonomy = shippedConfig().taxonomy

/** The problems the taxonomy schema finds in a YAML text, as `path: message` lines. */
function taxonomyProblems(yamlText: string): string[] {
  const result = taxonomySchema.safeParse(parseYaml(yamlText))
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}
const classify = createTopicClassifier(taxonomy)

const sportText =
  'The striker scored twice in the second half as the home team came from behind to win the league match. ' +
  'The coach praised his squad after the victory, which lifts the club to third place before the cup semi-final next week. ' +
  'The goalkeeper saved a penalty in the first minute and the referee sent off a defender for the visitors.'

const mixedText =
  'The central bank raised its interest rate again as inflation climbed, and shares fell on the stock market. ' +
  'Oil prices rose after the refinery outage, and the energy minister warned that electricity and natural gas bills would climb this winter. ' +
  'Investors expect the economy to slow while fuel costs stay high.'

function tinyTaxonomy(overrides: Partial<Taxonomy> = {}): Taxonomy {
  return taxonomySchema.parse({
    version: 1,
    minScore: 0,
    maxTopics: 5,
    topics: [
      { id: 'weather', label: 'Weather', keywords: ['rain', { term: 'heavy snow', weight: 3 }, 'storm'] },
      { id: 'city', label: 'City', keywords: ['snow', 'bus', 'city'] },
      { id: 'policy', label: 'Policy', keywords: ['policy'] },
    ],
    ...overrides,
  })
}

describe('taxonomy', () => {
  it('loads config/topics.yaml through the zod schema with 10 to 14 topics of real keyword lists', () => {
    expect(taxonomy.version).toBe(1)
    expect(taxonomy.topics.length).toBeGreaterThanOrEqual(10)
    expect(taxonomy.topics.length).toBeLessThanOrEqual(14)
    for (const topic of taxonomy.topics) expect(topic.keywords.length, topic.id).toBeGreaterThanOrEqual(30)
    for (const topic of taxonomy.topics) {
      for (const { weight } of topic.keywords) expect(weight).toBeGreaterThanOrEqual(1)
    }
  })

  it('has the topics that the BBC labels map onto', () => {
    const ids = taxonomy.topics.map((t) => t.id)
    expect(ids).toEqual(expect.arrayContaining(['economy', 'culture', 'politics', 'sport', 'technology']))
  })

  it('gives bare string keywords weight 1', () => {
    expect(tinyTaxonomy().topics[0]?.keywords[0]).toEqual({ term: 'rain', weight: 1 })
  })

  it('reports every problem of a bad taxonomy with its path', () => {
    const bad = [
      'version: 1',
      'minScore: -1',
      'maxTopics: 3',
      'topics:',
      '  - { id: sport, label: Sport, keywords: [goal, Goal] }',
      '  - { id: sport, label: Again, keywords: [{ term: match, weight: 0 }] }',
    ].join('\n')
    const where = taxonomyProblems(bad).map((line) => line.split(':')[0])
    expect(where).toEqual(expect.arrayContaining(['minScore', 'topics.1.keywords.0.weight']))
  })

  it('rejects duplicate topic ids and duplicate terms', () => {
    const duplicated = [
      'version: 1',
      'minScore: 1',
      'maxTopics: 3',
      'topics:',
      '  - { id: sport, label: Sport, keywords: [goal, Goal] }',
      '  - { id: sport, label: Again, keywords: [match] }',
    ].join('\n')
    const problems = taxonomyProblems(duplicated).join('\n')
    expect(problems).toMatch(/duplicate term "goal" in topic "sport"/)
    expect(problems).toMatch(/topics\.1\.id: duplicate topic id "sport"/)
  })
})

describe('createTopicClassifier', () => {
  it('assigns sport to a match report', () => {
    expect(classify(sportText)[0]?.id).toBe('sport')
  })

  it('assigns several topics to a text about more than one', () => {
    const ids = classify(mixedText).map((m) => m.id)
    expect(ids).toEqual(expect.arrayContaining(['economy', 'energy']))
  })

  it('sorts topics by score, best first', () => {
    const scores = classify(mixedText).map((m) => m.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('returns at most maxTopics topics', () => {
    const text = 'rain snow policy city storm bus'
    expect(createTopicClassifier(tinyTaxonomy({ maxTopics: 2 }))(text)).toHaveLength(2)
    expect(createTopicClassifier(tinyTaxonomy({ maxTopics: 5 }))(text)).toHaveLength(3)
  })

  it('drops topics scoring under minScore', () => {
    const text = 'Rain and a storm, then rain again; the city bus was late.'
    expect(createTopicClassifier(tinyTaxonomy({ minScore: 3 }))(text).map((m) => m.id)).toEqual(['weather'])
  })

  it('scores weighted hits per 100 words, counting short texts as 100 words', () => {
    expect(createTopicClassifier(tinyTaxonomy())('Rain, more RAIN and a storm.')).toEqual([{ id: 'weather', score: 3 }])
    const long = `${'word '.repeat(196)}rain storm rain storm`
    expect(createTopicClassifier(tinyTaxonomy())(long)).toEqual([{ id: 'weather', score: 2 }])
  })

  it('matches whole words and plurals, not parts of words', () => {
    const classifyTiny = createTopicClassifier(tinyTaxonomy())
    expect(classifyTiny('Buses and policies')).toEqual([
      { id: 'city', score: 1 },
      { id: 'policy', score: 1 },
    ])
    expect(classifyTiny('brainstorming in the omnibus terminal')).toEqual([])
  })

  it('lets the longest phrase win over the words inside it', () => {
    expect(createTopicClassifier(tinyTaxonomy())('Heavy snow closed the roads.')).toEqual([{ id: 'weather', score: 3 }])
  })

  it('puts at least 82% of BBC dev articles in the mapped topic first', () => {
    const bbcToTopic: Record<string, string> = {
      business: 'economy',
      entertainment: 'culture',
      politics: 'politics',
      sport: 'sport',
      tech: 'technology',
    }
    const file = new URL('../../../shared/eval-classify/topic/bbc.dev.jsonl', import.meta.url)
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { text: string; label: string })
    const correct = rows.filter((row) => classify(row.text)[0]?.id === bbcToTopic[row.label]).length
    expect(rows.length).toBe(207)
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.82)
  })
})
