import { describe, expect, it } from 'vitest'
import { measureQuality } from '../../src/stages/classify/quality.js'

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

  it('measures the stopword ratio for English only', () => {
    expect(measureQuality(['The cat and the dog'], 'en').stopwordRatio).toBe(0.6)
    expect(measureQuality(['Der Hund und die Katze'], 'de')).not.toHaveProperty('stopwordRatio')
  })

  it('gives zeros, not NaN, for an empty text', () => {
    const quality = measureQuality([], 'und')
    expect(Object.values(quality).every((v) => v === 0)).toBe(true)
  })
})
