import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateClassifier } from '../../src/classify-eval/evaluate-classifier.js'
import { loadConfig } from '../../src/config/load-config.js'
import { serializeTextClassifierModel, type TextClassifierModel } from '../../src/text-classifier/text-classifier-model.js'
import { configError, tempConfig } from '../config/support.js'
import { shippedConfig } from '../support/config.js'
import { writeLabelledJsonl } from './generated-labelled-texts.js'
import { threeWordModel } from './three-word-model.js'

/** A copy of the shipped configuration and rules in a fresh folder. */
function shippedCopy(): { pipelineFile: string; dir: string } {
  const rules = Object.fromEntries(shippedConfig().ruleFiles.map((f) => [basename(f), readFileSync(f, 'utf8')]))
  return tempConfig({ rules })
}

/** A copy of the shipped configuration whose classify section names `modelPath`, and that model written there (unless `model` is a string: raw file text). */
function configWithTopicModel(modelPath: string, model?: TextClassifierModel | string): { pipelineFile: string; dir: string } {
  const { dir, pipelineFile } = shippedCopy()
  const yaml = readFileSync(pipelineFile, 'utf8')
  const withModel = yaml.replace(/^classify:\n/m, `classify:\n  topicModel: ${modelPath}\n`)
  if (withModel === yaml) throw new Error('shipped pipeline.yaml no longer has a classify section')
  writeFileSync(pipelineFile, withModel)
  if (model !== undefined) {
    mkdirSync(join(dir, 'models'), { recursive: true })
    writeFileSync(join(dir, modelPath), typeof model === 'string' ? model : serializeTextClassifierModel(model))
  }
  return { pipelineFile, dir }
}

describe('classify.topicModel in the pipeline file', () => {
  it('loads the model relative to the pipeline file, validated and frozen', () => {
    const config = loadConfig(configWithTopicModel('models/topics.json', threeWordModel()).pipelineFile)
    expect(config.topicModel).toEqual(threeWordModel())
    expect(Object.isFrozen(config.topicModel?.weights[0])).toBe(true)
  })

  it('makes the model part of the configuration hash, but not its path', () => {
    const plain = loadConfig(shippedCopy().pipelineFile)
    const withModel = loadConfig(configWithTopicModel('models/topics.json', threeWordModel()).pipelineFile)
    const sameModelElsewhere = loadConfig(configWithTopicModel('models/other-name.json', threeWordModel()).pipelineFile)
    const otherThreshold = loadConfig(configWithTopicModel('models/topics.json', threeWordModel(0.5)).pipelineFile)
    expect(withModel.hash).not.toBe(plain.hash)
    expect(sameModelElsewhere.hash).toBe(withModel.hash)
    expect(otherThreshold.hash).not.toBe(withModel.hash)
  })

  it('is a configuration error naming the file when the model is missing', () => {
    const { pipelineFile, dir } = configWithTopicModel('models/topics.json', threeWordModel())
    rmSync(join(dir, 'models/topics.json'))
    const error = configError(pipelineFile)
    expect(error.problems).toEqual([{ file: join(dir, 'models/topics.json'), message: 'cannot read the text classifier model: no such file' }])
  })

  it('is a configuration error naming the file and field when the model is malformed', () => {
    const { pipelineFile, dir } = configWithTopicModel('models/topics.json', { ...threeWordModel(), idf: [1] })
    expect(configError(pipelineFile).message).toContain(`${join(dir, 'models/topics.json')}: idf: expected 3 values`)
    expect(configError(configWithTopicModel('models/topics.json', 'not json').pipelineFile).message).toMatch(/topics\.json: the text classifier model is not valid JSON/)
  })

  it('is what evaluate-classifier measures when no --model is given', async () => {
    const config = loadConfig(configWithTopicModel('models/topics.json', threeWordModel()).pipelineFile)
    const data = writeLabelledJsonl([
      { text: 'A new gallery opened.', label: 'arts' },
      { text: 'Profit fell again.', label: 'business' },
      { text: 'The robbery at the gallery.', label: 'crime' },
    ])
    const result = await evaluateClassifier({ task: 'topic', data, config })
    expect(result.confusion).toEqual({ arts: { arts: 1 }, business: { business: 1 }, crime: { arts: 1 } })
  })
})
