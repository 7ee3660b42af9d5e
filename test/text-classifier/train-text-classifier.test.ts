import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { createTextClassifier, serializeTextClassifierModel, validateTextClassifierModel } from '../../src/text-classifier/text-classifier-model.js'
import { DEFAULT_TEXT_CLASSIFIER_TRAINING, hashLabelledTexts, trainTextClassifier } from '../../src/text-classifier/train-text-classifier.js'
import { generateLabelledTexts } from './generated-labelled-texts.js'

const training = generateLabelledTexts(30, 1)
const unseen = generateLabelledTexts(10, 2)
const trained = trainTextClassifier(training, DEFAULT_TEXT_CLASSIFIER_TRAINING)

describe('trainTextClassifier', () => {
  it('labels every unseen text of a clearly separable set correctly, with a confident probability', () => {
    const classifier = createTextClassifier(trained.model)
    for (const { text, label } of unseen) {
      const [best] = classifier.probabilities(text)
      expect(best?.label, text).toBe(label)
      expect(best?.probability).toBeGreaterThan(0.6)
    }
  })

  it('gives the same bytes for the same data and options', () => {
    const again = trainTextClassifier(generateLabelledTexts(30, 1), DEFAULT_TEXT_CLASSIFIER_TRAINING)
    expect(serializeTextClassifierModel(again.model)).toBe(serializeTextClassifierModel(trained.model))
  })

  it('records labels, settings, the cross-validation table and a hash of the training data', () => {
    const { model, candidates, chosen } = trained
    expect(model).toMatchObject({ format: 'decruft-text-classifier', version: 1, labels: ['politics', 'sport', 'tech'], threshold: 0.3 })
    expect(candidates).toHaveLength(6)
    expect(candidates).toContain(chosen)
    expect(chosen.accuracy).toBeGreaterThan(0.95)
    expect(model.features.ngrams).toBe(chosen.ngrams)
    expect(model.training).toMatchObject({ documents: 90, labelCounts: { politics: 30, sport: 30, tech: 30 }, seed: 1, folds: 5, alpha: chosen.alpha })
    expect(model.training['dataSha256']).toBe(hashLabelledTexts(training))
    expect(hashLabelledTexts(training.slice(1))).not.toBe(model.training['dataSha256'])
  })

  it('keeps fixed settings instead of choosing them, and caps the vocabulary', () => {
    const fixed = trainTextClassifier(training, { ...DEFAULT_TEXT_CLASSIFIER_TRAINING, ngrams: 2, alpha: 0.5, maxTerms: 25 })
    expect(fixed.candidates.map((c) => [c.ngrams, c.alpha])).toEqual([[2, 0.5]])
    expect(fixed.model.features.ngrams).toBe(2)
    expect(fixed.model.vocabulary).toHaveLength(25)
    expect([...fixed.model.vocabulary]).toEqual([...fixed.model.vocabulary].sort())
  })

  it('writes a file that validates and predicts exactly like the model in memory', () => {
    const reloaded = validateTextClassifierModel(JSON.parse(serializeTextClassifierModel(trained.model)), 'model.json')
    const before = createTextClassifier(trained.model)
    const after = createTextClassifier(reloaded)
    for (const { text } of unseen) expect(after.probabilities(text)).toEqual(before.probabilities(text))
  })

  it('refuses data with a single label or fewer texts than folds', () => {
    expect(() => trainTextClassifier(training.filter((t) => t.label === 'sport'), DEFAULT_TEXT_CLASSIFIER_TRAINING)).toThrow(/at least two labels; the data has only "sport"/)
    expect(() => trainTextClassifier(training.slice(0, 3), DEFAULT_TEXT_CLASSIFIER_TRAINING)).toThrow(UsageError)
    expect(() => trainTextClassifier(training, { ...DEFAULT_TEXT_CLASSIFIER_TRAINING, folds: 1 })).toThrow(/at least 2 folds/)
  })
})
