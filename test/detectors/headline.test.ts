import { describe, expect, it } from 'vitest'
import type { Document } from '../../src/core/document.js'
import { detectHeadline, isHeadlineShaped, sameTitle } from '../../src/stages/boilerplate/detectors/headline.js'
import { contextFor, linesDoc } from './support.js'

/** What the headline detector says about each block of a document, in order. */
function verdicts(doc: Document): (string | null)[] {
  return doc.blocks.map((b) => detectHeadline(b, contextFor(doc, b))?.meta?.title ?? null)
}

describe('detectHeadline', () => {
  it('takes the first headline-shaped line as the title when no title is known', () => {
    const doc = linesDoc('Iran and Turkey Sign Gas Deal\nThe two countries agreed on a ten-year contract, the ministry said.')
    expect(verdicts(doc)).toEqual(['Iran and Turkey Sign Gas Deal', null])
  })

  it('takes only the first of several headline-shaped lines', () => {
    const doc = linesDoc('Iran and Turkey Sign Gas Deal\nTalks on Second Pipeline Next Month\nThe ministry said so.')
    expect(verdicts(doc)).toEqual(['Iran and Turkey Sign Gas Deal', null, null])
  })

  it('does not take a first line that is a sentence ending in a full stop, nor a headline-shaped line after it', () => {
    const doc = linesDoc('The two countries agreed on a contract.\nIran and Turkey Sign Gas Deal\nMore text follows here.')
    expect(verdicts(doc)).toEqual([null, null, null])
  })

  it('does not take the only block of a document as its headline', () => {
    expect(verdicts(linesDoc('Iran and Turkey Sign Gas Deal'))).toEqual([null])
  })

  it('takes nothing when the top lines are all sentences', () => {
    const doc = linesDoc('The two countries agreed on a ten-year contract.\nTalks on a second pipeline will continue next month.')
    expect(verdicts(doc)).toEqual([null, null])
  })

  it('looks no further than the first three content blocks for the known title', () => {
    const title = 'Iran and Turkey Sign Gas Deal'
    expect(verdicts(linesDoc(`One sentence.\nTwo sentence.\n${title}\nText.`, { title }))).toEqual([null, null, title, null])
    expect(verdicts(linesDoc(`One sentence.\nTwo sentence.\nThree sentence.\n${title}`, { title }))).toEqual([null, null, null, null])
  })

  it('takes the block that equals the known title even with a " | Site" suffix on the title', () => {
    const doc = linesDoc('Breaking News\nIran and Turkey Sign Gas Deal\nThe ministry said so.', {
      title: 'Iran and Turkey Sign Gas Deal | Example News',
    })
    expect(verdicts(doc)).toEqual([null, 'Iran and Turkey Sign Gas Deal', null])
    expect(detectHeadline(doc.blocks[1]!, contextFor(doc, doc.blocks[1]!))?.reason).toBe('equals the page title')
  })

  it('takes no headline-shaped line that differs from a known title', () => {
    const doc = linesDoc('Breaking News From the Region\nThe ministry said so.', { title: 'Iran and Turkey Sign Gas Deal' })
    expect(verdicts(doc)).toEqual([null, null])
  })

  it('takes only the first of two copies of the known title', () => {
    const doc = linesDoc('Rail Strike Called Off\nRail Strike Called Off\nUnions agreed.', { title: 'Rail Strike Called Off' })
    expect(verdicts(doc)).toEqual(['Rail Strike Called Off', null, null])
  })

  it('only considers blocks that are still content', () => {
    const base = linesDoc('Iran and Turkey Sign Gas Deal\nTalks on Second Pipeline Next Month\nText.')
    const doc = { ...base, blocks: base.blocks.map((b, i) => (i === 0 ? { ...b, label: 'boilerplate' as const } : b)) }
    expect(detectHeadline(doc.blocks[1]!, contextFor(doc, doc.blocks[1]!))?.meta?.title).toBe('Talks on Second Pipeline Next Month')
  })
})

describe('isHeadlineShaped', () => {
  it('accepts a short capitalised line and a question', () => {
    expect(isHeadlineShaped('Iran and Turkey Sign Gas Deal')).toBe(true)
    expect(isHeadlineShaped('Will the Deal Hold?')).toBe(true)
    expect(isHeadlineShaped('“We Will Not Leave,” Minister Says')).toBe(true)
  })

  it('rejects a sentence ending in a full stop, a line ending in a colon or comma, and a lower-case start', () => {
    expect(isHeadlineShaped('The deal was signed on Monday.')).toBe(false)
    expect(isHeadlineShaped('Read the full statement:')).toBe(false)
    expect(isHeadlineShaped('Officials said,')).toBe(false)
    expect(isHeadlineShaped('and then the deal was signed')).toBe(false)
  })

  it('rejects a single word, a very long line and a date line', () => {
    expect(isHeadlineShaped('Politics')).toBe(false)
    expect(isHeadlineShaped(Array.from({ length: 30 }, () => 'Word').join(' '))).toBe(false)
    expect(isHeadlineShaped('16 August 2016')).toBe(false)
  })
})

describe('sameTitle', () => {
  it('matches the title itself, ignoring case and punctuation', () => {
    expect(sameTitle('IRAN and Turkey sign gas deal!', 'Iran and Turkey Sign Gas Deal')).toBe(true)
  })

  it('matches the headline part of "Headline | Site" and of "Site - Headline"', () => {
    expect(sameTitle('Iran and Turkey Sign Gas Deal', 'Iran and Turkey Sign Gas Deal | Example News')).toBe(true)
    expect(sameTitle('Iran and Turkey Sign Gas Deal', 'Example News - Iran and Turkey Sign Gas Deal')).toBe(true)
  })

  it('does not take the site name alone for the title', () => {
    expect(sameTitle('Example News', 'Iran and Turkey Sign Gas Deal | Example News')).toBe(false)
  })

  it('does not match a different line or an empty one', () => {
    expect(sameTitle('Iran and Turkey', 'Iran and Turkey Sign Gas Deal')).toBe(false)
    expect(sameTitle('  ', 'Iran and Turkey Sign Gas Deal')).toBe(false)
  })
})
