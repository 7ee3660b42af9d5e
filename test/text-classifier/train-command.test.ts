import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { createTextClassifier, loadTextClassifierModel } from '../../src/text-classifier/text-classifier-model.js'
import { REPO, SHARED, tempDir } from '../support/run-cli.js'
import { generateLabelledTexts, writeLabelledJsonl } from './generated-labelled-texts.js'

/** Runs the CLI in-process; returns its exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true))
  const code = await main(['node', 'decruft', ...args])
  vi.restoreAllMocks()
  return { code, out, err }
}

const trainingFile = writeLabelledJsonl(generateLabelledTexts(30, 1))
const unseenTexts = generateLabelledTexts(10, 2)
const unseenFile = writeLabelledJsonl(unseenTexts, 'unseen.jsonl')

interface ScoresJson {
  documents: number
  accuracy: number
  confusion: Record<string, Record<string, number>>
}

describe('decruft train', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('writes a model, prints the cross-validation table, and gives the same bytes on a second run', async () => {
    const dir = tempDir()
    const first = await cli('train', '--data', trainingFile, '--out', join(dir, 'a/model.json'))
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^90 texts, 3 labels \(politics, sport, tech\)$/m)
    expect(first.out).toMatch(/5-fold cross-validation/)
    expect(first.out).toMatch(/<- chosen/)
    expect((await cli('train', '--data', trainingFile, '--out', join(dir, 'b.json'))).code).toBe(0)
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a/model.json'), 'utf8'))
    expect(loadTextClassifierModel(join(dir, 'b.json')).training).toMatchObject({ data: 'labelled.jsonl', labelField: 'label', seed: 1 })
  })

  it('reads the label from another field, and takes the fixed settings and threshold it is given', async () => {
    const data = writeLabelledJsonl(generateLabelledTexts(10, 3), 'genres.jsonl', 'genre')
    const out = join(tempDir(), 'model.json')
    const { code } = await cli('train', '--data', data, '--out', out, '--label-field', 'genre', '--ngrams', '2', '--alpha', '0.5', '--threshold', '0.4', '--folds', '3', '--seed', '7')
    expect(code).toBe(0)
    const model = loadTextClassifierModel(out)
    expect(model).toMatchObject({ threshold: 0.4, features: { ngrams: 2 }, training: { alpha: 0.5, folds: 3, seed: 7, labelField: 'genre' } })
  })

  it('exits 2 for a missing data file, a file without the label field, or a single label', async () => {
    const out = join(tempDir(), 'model.json')
    expect(await cli('train', '--data', join(tempDir(), 'absent.jsonl'), '--out', out)).toMatchObject({ code: 2, err: expect.stringMatching(/absent\.jsonl: no such file/) })
    expect(await cli('train', '--data', trainingFile, '--out', out, '--label-field', 'topic')).toMatchObject({ code: 2, err: expect.stringMatching(/labelled\.jsonl:1: expected "topic"/) })
    const oneLabel = writeLabelledJsonl(generateLabelledTexts(10, 4).filter((t) => t.label === 'tech'))
    expect(await cli('train', '--data', oneLabel, '--out', out)).toMatchObject({ code: 2, err: expect.stringMatching(/at least two labels/) })
    expect(existsSync(out)).toBe(false)
  })

  it('says in its help which command trains which classifier', async () => {
    const help = (await cli('train', '--help')).out
    expect(help).toMatch(/train a text classifier/)
    expect(help).toMatch(/train-model is a different command/)
  })
})

describe('decruft evaluate-classifier --model', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  async function trainedModel(): Promise<string> {
    const out = join(tempDir(), 'model.json')
    expect((await cli('train', '--data', trainingFile, '--out', out)).code).toBe(0)
    return out
  }

  it('measures the classify stage with the model instead of the taxonomy', async () => {
    const model = await trainedModel()
    const withModel = await cli('evaluate-classifier', '--task', 'topic', '--data', unseenFile, '--model', model, '--json')
    expect(withModel.code).toBe(0)
    expect(JSON.parse(withModel.out)).toMatchObject({ documents: 30, accuracy: 1 })
    const withTaxonomy = JSON.parse((await cli('evaluate-classifier', '--task', 'topic', '--data', unseenFile, '--json')).out) as ScoresJson
    expect(withTaxonomy.accuracy).toBeLessThan(1)
  })

  it('exits 2 for a missing or malformed model, or a model with another task', async () => {
    const model = await trainedModel()
    const absent = await cli('evaluate-classifier', '--task', 'topic', '--data', unseenFile, '--model', join(tempDir(), 'absent.json'))
    expect(absent).toMatchObject({ code: 2, err: expect.stringMatching(/absent\.json: cannot read the text classifier model: no such file/) })
    const notAModel = await cli('evaluate-classifier', '--task', 'topic', '--data', unseenFile, '--model', unseenFile)
    expect(notAModel).toMatchObject({ code: 2, err: expect.stringMatching(/unseen\.jsonl: the text classifier model is not valid JSON/) })
    const wrongTask = await cli('evaluate-classifier', '--task', 'lang', '--data', unseenFile, '--model', model)
    expect(wrongTask).toMatchObject({ code: 2, err: expect.stringMatching(/use it with --task topic/) })
  })

  // The child processes run the built CLI (dist/), as `npm test` builds before testing.
  const built = existsSync(join(REPO, 'dist/text-classifier/text-classifier-model.js'))

  it.skipIf(!built)('gives the same predictions in a fresh process as in this one', async () => {
    const model = await trainedModel()
    const inProcess = JSON.parse((await cli('evaluate-classifier', '--task', 'topic', '--data', unseenFile, '--model', model, '--json')).out) as ScoresJson
    const child = JSON.parse(execFileSync(process.execPath, [join(REPO, 'bin/decruft.js'), 'evaluate-classifier', '--task', 'topic', '--data', unseenFile, '--model', model, '--json'], { encoding: 'utf8' })) as ScoresJson
    expect([child.documents, child.accuracy, child.confusion]).toEqual([inProcess.documents, inProcess.accuracy, inProcess.confusion])

    const texts = [...unseenTexts.map((t) => t.text), 'A striker met the minister about a new app.', 'Nothing known here.']
    const script = `
      const { createTextClassifier, loadTextClassifierModel } = await import(${JSON.stringify(join(REPO, 'dist/text-classifier/text-classifier-model.js'))})
      const classifier = createTextClassifier(loadTextClassifierModel(process.argv[1]))
      process.stdout.write(JSON.stringify(JSON.parse(process.argv[2]).map((text) => classifier.probabilities(text))))`
    const fresh = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, model, JSON.stringify(texts)], { encoding: 'utf8' })) as unknown
    const here = createTextClassifier(loadTextClassifierModel(model))
    expect(fresh).toEqual(texts.map((text) => here.probabilities(text)))
  })
})

const TOPIC = join(SHARED, 'eval-classify/topic')

describe.skipIf(!existsSync(join(TOPIC, 'bbc.train.jsonl')))('on the shared BBC topic files', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('trains on bbc.train and scores at least 0.97 on bbc.dev', { timeout: 60_000 }, async () => {
    const out = join(tempDir(), 'bbc.json')
    expect((await cli('train', '--data', join(TOPIC, 'bbc.train.jsonl'), '--out', out)).code).toBe(0)
    const scores = JSON.parse((await cli('evaluate-classifier', '--task', 'topic', '--data', join(TOPIC, 'bbc.dev.jsonl'), '--model', out, '--json')).out) as ScoresJson
    expect(scores.accuracy).toBeGreaterThanOrEqual(0.97)
  })
})
