import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/core/errors.js'
import { createTextClassifier, loadTextClassifierModel, serializeTextClassifierModel } from '../../src/text-classifier/text-classifier-model.js'
import { tempDir } from '../support/run-cli.js'
import { threeWordModel } from './three-word-model.js'

function writeModelFile(content: string | object): string {
  const file = join(tempDir(), 'model.json')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

function loadError(file: string): ConfigError {
  try {
    loadTextClassifierModel(file)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadTextClassifierModel', () => {
  it('loads a valid file', () => {
    expect(loadTextClassifierModel(writeModelFile(serializeTextClassifierModel(threeWordModel())))).toEqual(threeWordModel())
  })

  it('names a missing file', () => {
    const file = join(tempDir(), 'absent.json')
    const error = loadError(file)
    expect(error.problems).toEqual([{ file, message: 'cannot read the text classifier model: no such file' }])
  })

  it('names a file that is not JSON', () => {
    const file = writeModelFile('{"format": ')
    expect(loadError(file).message).toMatch(new RegExp(`^${file}: the text classifier model is not valid JSON`))
  })

  it('names the field of a file of another kind or version', () => {
    const file = writeModelFile({ ...threeWordModel(), format: 'block-classifier', version: 2 })
    const problems = loadError(file).problems
    expect(problems.map((p) => [p.file, p.where])).toEqual([[file, 'format'], [file, 'version']])
    expect(loadError(writeModelFile({ version: 1, formats: {} })).problems.length).toBeGreaterThan(3)
  })

  it('finds weights, idf and bias that do not fit the vocabulary and labels', () => {
    const model = threeWordModel()
    const file = writeModelFile({ ...model, idf: [1, 1], weights: [[1, 2, 3], [1, 2]], bias: [0] })
    expect(loadError(file).problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'idf: expected 3 values (one per vocabulary term), got 2',
      'weights: expected 3 rows (one per label), got 2',
      'weights.1: expected 3 weights (one per vocabulary term), got 2',
      'bias: expected 3 values (one per label), got 1',
    ])
  })

  it('refuses duplicate labels or terms, a single label and a threshold above 1', () => {
    const model = threeWordModel()
    expect(loadError(writeModelFile({ ...model, labels: ['arts', 'arts', 'crime'] })).message).toMatch(/labels: expected no duplicate labels/)
    expect(loadError(writeModelFile({ ...model, vocabulary: ['gallery', 'gallery', 'robbery'] })).message).toMatch(/vocabulary: expected no duplicate terms/)
    expect(loadError(writeModelFile({ ...model, labels: ['arts'], weights: [[1, 1, 1]], bias: [0] })).message).toMatch(/labels: expected at least two labels/)
    expect(loadError(writeModelFile({ ...model, threshold: 1.5 })).message).toMatch(/threshold/)
  })
})

describe('createTextClassifier', () => {
  const classifier = createTextClassifier(threeWordModel())

  it('ranks every label by its softmax probability', () => {
    const probabilities = classifier.probabilities('A gallery, a gallery and a robbery.')
    expect(probabilities.map((p) => p.label)).toEqual(['arts', 'crime', 'business'])
    expect(probabilities.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 12)
  })

  it('assigns every label reaching the threshold, best first, and always the best one', () => {
    expect(classifier.assign('gallery robbery').map((p) => p.label)).toEqual(['arts', 'crime'])
    expect(classifier.assign('gallery gallery robbery').map((p) => p.label)).toEqual(['arts'])
    expect(createTextClassifier(threeWordModel(1)).assign('gallery robbery').map((p) => p.label)).toEqual(['arts'])
    expect(createTextClassifier(threeWordModel(0)).assign('gallery').map((p) => p.label)).toEqual(['arts', 'business', 'crime'])
  })

  it('assigns nothing to a text without a known word', () => {
    expect(classifier.assign('Nothing to see here.')).toEqual([])
    expect(classifier.probabilities('Nothing to see here.')).toHaveLength(3)
  })
})
