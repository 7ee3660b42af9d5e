import { describe, expect, it } from 'vitest'
import { createClassifyStage } from '../../src/stages/classify/classify-stage.js'
import { shippedConfig } from '../support/config.js'
import { makeDocument } from '../classify/make-document.js'
import { threeWordModel } from './three-word-model.js'

const taxonomy = shippedConfig().taxonomy
const stage = createClassifyStage({ language: { minConfidence: 0.5 }, taxonomy, topicModel: threeWordModel() })

describe('the classify stage with a topic model', () => {
  it('takes topics from the model: every label reaching the threshold, best first, scored by probability', () => {
    const labels = stage.run(makeDocument(['The gallery reported a robbery on Sunday night.'])).labels
    expect(labels.topics).toEqual(['arts', 'crime'])
    expect(Object.keys(labels.topicScores ?? {})).toEqual(labels.topics)
    expect(labels.topicScores?.['arts']).toBe(labels.topicScores?.['crime'])
    // Each known word has weight 3 for its label; the unit vector gives each 1/√2.
    const e = Math.exp(3 / Math.SQRT2)
    expect(labels.topicScores?.['arts']).toBe(Math.round((10000 * e) / (2 * e + 1)) / 10000)
  })

  it('assigns one label when the second stays under the threshold, and still fills the other labels', () => {
    const labels = stage.run(makeDocument(['The gallery opened a second gallery after the robbery.'])).labels
    expect(labels.topics).toEqual(['arts'])
    expect(labels.lang).toBe('en')
    expect(labels.quality?.words).toBeGreaterThan(5)
  })

  it('reads the title with the body', () => {
    const body = ['Shares rose on Monday.']
    expect(stage.run(makeDocument(body)).labels.topics).toEqual([])
    expect(stage.run(makeDocument(body, { title: 'Record profit' })).labels.topics).toEqual(['business'])
  })

  it('uses the taxonomy when no model is given', () => {
    const taxonomyStage = createClassifyStage({ language: { minConfidence: 0.5 }, taxonomy })
    const text = ['The striker scored twice in the second half as the home team won the league match, the club said after the cup tie.']
    expect(taxonomyStage.run(makeDocument(text)).labels.topics?.[0]).toBe('sport')
    expect(stage.run(makeDocument(text)).labels.topics).toEqual([])
  })
})
