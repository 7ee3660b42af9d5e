import { describe, expect, it } from 'vitest'
import { withChanges } from '../../src/core/document.js'
import { createClassifyStage } from '../../src/stages/classify/classify-stage.js'
import { shippedConfig } from '../support/config.js'
import { makeDocument } from './make-document.js'

const taxonomy = shippedConfig().taxonomy
const stage = createClassifyStage({ language: { minConfidence: 0.5 }, taxonomy })

const matchReport = [
  'The striker scored twice in the second half on Saturday as the home team came from behind to win the league match, the club said.',
  'The coach told reporters he was proud of the squad after the victory, which lifts the club to third place before the cup semi-final.',
  'The goalkeeper saved a penalty in the first minute and the referee sent off a defender for the visitors, according to the match report.',
]

describe('createClassifyStage', () => {
  it('is named classify', () => {
    expect(stage.name).toBe('classify')
  })

  it('fills language, genre, topics and quality labels', () => {
    const labels = stage.run(makeDocument(matchReport)).labels
    expect(labels.lang).toBe('en')
    expect(labels.langScore).toBeGreaterThan(0.5)
    expect(labels.genre).toBe('news')
    expect(labels.genreReason).toMatch(/reporting verbs/)
    expect(labels.topics?.[0]).toBe('sport')
    expect(Object.keys(labels.topicScores ?? {})).toEqual(labels.topics)
    expect(labels.quality?.words).toBeGreaterThan(60)
    expect(labels.quality?.stopwordRatio).toBeGreaterThan(0)
  })

  it('judges only the content blocks', () => {
    const doc = makeDocument([
      ...matchReport,
      { text: 'Die Kommentare sind geschlossen. Melden Sie sich an, um zu kommentieren.', label: 'boilerplate' },
      { text: 'Subscribe Subscribe Subscribe', label: 'boilerplate' },
    ])
    const labels = stage.run(doc).labels
    expect(labels.lang).toBe('en')
    expect(labels.quality?.duplicateLineRatio).toBe(0)
    expect(labels.quality?.chars).toBe(matchReport.join('\n').length)
  })

  it('returns a new document and leaves the input untouched', () => {
    const doc = makeDocument(matchReport)
    const before = structuredClone(doc)
    const out = stage.run(doc)
    expect(out).not.toBe(doc)
    expect(doc).toEqual(before)
    expect(out.blocks).toBe(doc.blocks)
  })

  it('keeps labels set by earlier stages that it does not own', () => {
    const doc = withChanges(makeDocument(matchReport), { labels: { lang: 'xx', genre: 'stale' } })
    const labels = stage.run(doc).labels
    expect(labels.lang).toBe('en')
    expect(labels.genre).toBe('news')
  })

  it('passes a dropped document through unchanged', () => {
    const dropped = withChanges(makeDocument(matchReport), { dropped: { stage: 'corpus', code: 'duplicate', reason: 'same text' } })
    expect(stage.run(dropped)).toBe(dropped)
  })

  it('passes a document with an error through unchanged', () => {
    const failed = withChanges(makeDocument(matchReport), {
      issues: [{ stage: 'read', code: 'decode', message: 'bad bytes', severity: 'error' }],
    })
    expect(stage.run(failed)).toBe(failed)
  })

  it('labels a document without content as undetermined with no topics', () => {
    const labels = stage.run(makeDocument([{ text: 'Menu', label: 'boilerplate' }])).labels
    expect(labels).toMatchObject({ lang: 'und', genre: 'other', topics: [] })
  })

  it('uses the title for topics', () => {
    const body = ['The final whistle went at ten past nine and the crowd stayed to sing.']
    const withoutTitle = stage.run(makeDocument(body)).labels.topics
    const withTitle = stage.run(makeDocument(body, { title: 'Football: league champions crowned after cup final win' })).labels.topics
    expect(withoutTitle).not.toContain('sport')
    expect(withTitle).toContain('sport')
  })
})
