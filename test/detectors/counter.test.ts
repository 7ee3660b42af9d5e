import { describe, expect, it } from 'vitest'
import { detectCounter } from '../../src/stages/boilerplate/detectors/counter.js'
import { loneBlock } from './support.js'

const counts = (text: string): boolean => detectCounter(...loneBlock(text)) !== null

describe('detectCounter', () => {
  for (const text of ['0 $', '2,500 $', '5,000 €', '1.2k', '$1,200', '£ 3.50', 'USD 2,500', '12 345', '45%', '1 / 5', '(12)', '#3', '3.4M', '1,234 bn']) {
    it(`takes the number-only line "${text}"`, () => {
      expect(counts(text)).toBe(true)
    })
  }

  for (const text of ['5 ministers met', 'Page 2 of 10', 'Top 10', 'k', '$', '', '   ', 'In 2016 the rate was 5%']) {
    it(`leaves "${text}" alone`, () => {
      expect(counts(text)).toBe(false)
    })
  }

  it('leaves a long run of numbers alone (over 60 characters)', () => {
    expect(counts('1 '.repeat(40))).toBe(false)
  })

  it('gives a reason when it matches', () => {
    expect(detectCounter(...loneBlock('2,500 $'))?.reason).toMatch(/numbers/)
  })
})
