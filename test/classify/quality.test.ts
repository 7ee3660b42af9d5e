import { describe, expect, it } from 'vitest'
import { withChanges } from '../../src/core/document.js'
import { measureQuality } from '../../src/stages/classify/quality.js'
import { createQualityFilterStage, failedQualityCheck, type QualityFilterOptions } from '../../src/stages/filter/quality-filter-stage.js'
import { makeDocument } from './make-document.js'

describe('measureQuality', () => {
  it('counts characters, words and the mean word length', () => {
    const quality = measureQuality(['The cat sat.', 'It slept'], 'en')
    expect(quality.chars).toBe('The cat sat.\nIt slept'.length)
    expect(quality.words).toBe(5)
    expect(quality.meanWordLength).toBe(3.2)
  })

  it('measures letters among visible characters and capitals among letters', () => {
    const quality = measureQuality(['ABC def 12!'], 'en')
    expect(quality.alphaRatio).toBe(0.6667)
    expect(quality.uppercaseRatio).toBe(0.5)
  })

  it('measures the share of blocks that end like a sentence', () => {
    const quality = measureQuality(['One sentence.', 'A question?', '“A quote.”', 'Home', 'Contact us'], 'en')
    expect(quality.punctuationEndRatio).toBe(0.6)
  })

  it('measures the share of blocks that repeat an earlier one, ignoring case and spacing', () => {
    const quality = measureQuality(['Share this', 'Body text here.', 'share  THIS', 'Share this'], 'en')
    expect(quality.duplicateLineRatio).toBe(0.5)
  })

  it('measures the stopword ratio with the list of the text\'s language', () => {
    expect(measureQuality(['The cat and the dog'], 'en').stopwordRatio).toBe(0.6)
    expect(measureQuality(['Der Hund und die Katze'], 'de').stopwordRatio).toBe(0.6)
    expect(measureQuality(['O gato e o cão dormem na casa'], 'pt').stopwordRatio).toBe(0.5)
    expect(measureQuality(['Kedi ve köpek bu evde'], 'tr').stopwordRatio).toBe(0.4)
    expect(measureQuality(['گربه و سگ در خانه هستند'], 'fa').stopwordRatio).toBe(0.3333)
  })

  it('folds case the way the language does before looking words up', () => {
    expect(measureQuality(['BU EV VE BİR BAHÇE'], 'tr').stopwordRatio).toBe(0.6)
  })

  it('leaves the stopword ratio out for a language without a list', () => {
    expect(measureQuality(['Koira ja kissa nukkuvat'], 'fi')).not.toHaveProperty('stopwordRatio')
    expect(measureQuality(['Koira ja kissa nukkuvat'], 'und')).not.toHaveProperty('stopwordRatio')
  })

  it('counts hash signs and ellipses per word, as Gopher does', () => {
    expect(measureQuality(['#sale #shoes #summer best deals'], 'en').symbolWordRatio).toBe(0.6)
    expect(measureQuality(['Read the story… or the other one...', 'No symbols here'], 'en').symbolWordRatio).toBe(0.2)
    expect(measureQuality(['A plain sentence.'], 'en').symbolWordRatio).toBe(0)
  })

  it('gives zeros, not NaN, for an empty text', () => {
    const quality = measureQuality([], 'und')
    expect(Object.values(quality).every((v) => v === 0)).toBe(true)
  })
})

const FILTER: QualityFilterOptions = {
  enabled: true,
  minWords: 50,
  maxWords: 100_000,
  minMeanWordLength: 3,
  maxMeanWordLength: 10,
  maxSymbolWordRatio: 0.1,
  minStopwordRatio: 0.05,
  minPunctuationEndRatio: 0.12,
  maxDuplicateLineRatio: 0.3,
}

const GOOD = { chars: 400, words: 80, meanWordLength: 4.6, alphaRatio: 0.8, uppercaseRatio: 0.03, punctuationEndRatio: 1, duplicateLineRatio: 0, symbolWordRatio: 0, stopwordRatio: 0.4 }

describe('failedQualityCheck', () => {
  it('passes a document whose signals are all inside the thresholds', () => {
    expect(failedQualityCheck(GOOD, FILTER)).toBeUndefined()
  })

  it('names the failing signal, its value, the option and its limit', () => {
    expect(failedQualityCheck({ ...GOOD, words: 12 }, FILTER)).toBe('words 12 < minWords 50')
    expect(failedQualityCheck({ ...GOOD, symbolWordRatio: 0.25 }, FILTER)).toBe('symbolWordRatio 0.25 > maxSymbolWordRatio 0.1')
    expect(failedQualityCheck({ ...GOOD, meanWordLength: 14.2 }, FILTER)).toBe('meanWordLength 14.2 > maxMeanWordLength 10')
    expect(failedQualityCheck({ ...GOOD, stopwordRatio: 0.01 }, FILTER)).toBe('stopwordRatio 0.01 < minStopwordRatio 0.05')
    expect(failedQualityCheck({ ...GOOD, punctuationEndRatio: 0.1 }, FILTER)).toBe('punctuationEndRatio 0.1 < minPunctuationEndRatio 0.12')
    expect(failedQualityCheck({ ...GOOD, duplicateLineRatio: 0.5 }, FILTER)).toBe('duplicateLineRatio 0.5 > maxDuplicateLineRatio 0.3')
  })

  it('reports the first failing check: size before shape before language', () => {
    expect(failedQualityCheck({ ...GOOD, words: 3, symbolWordRatio: 1, stopwordRatio: 0 }, FILTER)).toBe('words 3 < minWords 50')
  })

  it('skips the stop-word check for a language without a list', () => {
    const { stopwordRatio: _omitted, ...withoutStopwords } = GOOD
    expect(failedQualityCheck(withoutStopwords, { ...FILTER, minStopwordRatio: 0.9 })).toBeUndefined()
  })
})

describe('the quality-filter stage', () => {
  const thin = (): ReturnType<typeof makeDocument> => {
    const doc = makeDocument(['Short text here.', 'Only a few words.'])
    return withChanges(doc, { labels: { quality: measureQuality(['Short text here.', 'Only a few words.'], 'en') } })
  }

  it('drops a document that fails a threshold with D_LOW_QUALITY and the reason', () => {
    const out = createQualityFilterStage(FILTER).run(thin())
    expect(out.dropped).toEqual({ stage: 'quality-filter', code: 'D_LOW_QUALITY', reason: 'words 7 < minWords 50' })
  })

  it('passes everything through when disabled', () => {
    const doc = thin()
    expect(createQualityFilterStage({ ...FILTER, enabled: false }).run(doc)).toBe(doc)
  })

  it('passes documents without quality signals and documents already rejected', () => {
    const unmeasured = makeDocument(['Short.'])
    expect(createQualityFilterStage(FILTER).run(unmeasured)).toBe(unmeasured)
    const rejected = withChanges(thin(), { dropped: { stage: 'boilerplate', code: 'E_EMPTY_AFTER_RULES', reason: 'x' } })
    expect(createQualityFilterStage(FILTER).run(rejected)).toBe(rejected)
  })

  it('keeps a document that passes every check', () => {
    const doc = withChanges(makeDocument(['x']), { labels: { quality: GOOD } })
    expect(createQualityFilterStage(FILTER).run(doc).dropped).toBeUndefined()
  })
})
