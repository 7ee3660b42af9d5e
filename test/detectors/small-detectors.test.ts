import { describe, expect, it } from 'vitest'
import { detectorNameSchema } from '../../src/config/rule-schema.js'
import { detectDateLine } from '../../src/stages/boilerplate/detectors/date-line.js'
import { DETECTORS } from '../../src/stages/boilerplate/detectors/detector-registry.js'
import { detectRepeatedTitle } from '../../src/stages/boilerplate/detectors/repeated-title.js'
import { detectShortLine } from '../../src/stages/boilerplate/detectors/short-line.js'
import { detectTeaser } from '../../src/stages/boilerplate/detectors/teaser.js'
import { contextFor, linesDoc, loneBlock } from './support.js'

describe('the detector registry', () => {
  it('has a detector function for every name a rule may use', () => {
    for (const name of detectorNameSchema.options) expect(DETECTORS[name], name).toBeTypeOf('function')
    expect(Object.keys(DETECTORS).sort()).toEqual([...detectorNameSchema.options].sort())
  })
})

describe('detectRepeatedTitle', () => {
  it('takes every block that repeats the known title', () => {
    const doc = linesDoc('Rail Strike Called Off\nUnions agreed late on Sunday.\nRail strike called off', { title: 'Rail Strike Called Off' })
    expect(doc.blocks.map((b) => detectRepeatedTitle(b, contextFor(doc, b)) !== null)).toEqual([true, false, true])
  })

  it('takes the headline when the known title carries a " | Site" suffix', () => {
    const doc = linesDoc('Rail Strike Called Off', { title: 'Rail Strike Called Off | Example News' })
    expect(detectRepeatedTitle(doc.blocks[0]!, contextFor(doc, doc.blocks[0]!))?.reason).toBe('repeats the title')
  })

  it('takes nothing while no title is known', () => {
    const doc = linesDoc('Rail Strike Called Off\nRail Strike Called Off')
    expect(doc.blocks.map((b) => detectRepeatedTitle(b, contextFor(doc, b)))).toEqual([null, null])
  })
})

describe('detectTeaser', () => {
  for (const text of [
    'The national team finished second at the world cup, held…',
    'A senior adviser to the president has revealed that...',
    'More than 1,000 doctors have been killed [...]',
    'Officials met on Monday to discuss the plan […]',
  ]) {
    it(`takes the cut-off line "${text}"`, () => {
      expect(detectTeaser(...loneBlock(text))).not.toBeNull()
    })
  }

  it('leaves a line that ends normally alone', () => {
    expect(detectTeaser(...loneBlock('The vote is expected next week.'))).toBeNull()
  })

  it('leaves a long paragraph ending in an ellipsis alone (over 45 words)', () => {
    expect(detectTeaser(...loneBlock(`${'word '.repeat(50)}and so on…`))).toBeNull()
  })

  it('leaves an ellipsis in the middle of a line alone', () => {
    expect(detectTeaser(...loneBlock('He paused… then he said yes.'))).toBeNull()
  })
})

describe('detectShortLine', () => {
  for (const text of ['Home', 'World', 'Business news', 'Sign in']) {
    it(`takes the menu-like line "${text}"`, () => {
      expect(detectShortLine(...loneBlock(text))).not.toBeNull()
    })
  }

  for (const text of ['The vote is expected next week.', 'Really?', 'Stop!', 'He said “yes.”', '']) {
    it(`leaves "${text}" alone`, () => {
      expect(detectShortLine(...loneBlock(text))).toBeNull()
    })
  }
})

describe('detectDateLine', () => {
  const dateLines: [string, string][] = [
    ['Tue Aug 16, 2016 17:52:15', '2016-08-16'],
    ['Published: 16 August 2016', '2016-08-16'],
    ['Updated 2021-03-03 10:00 GMT', '2021-03-03'],
    ['16.08.2016 | 17:52', '2016-08-16'],
    ['Monday, March 3, 2021', '2021-03-03'],
  ]
  for (const [text, iso] of dateLines) {
    it(`moves the date line "${text}" to meta.date as ${iso}`, () => {
      expect(detectDateLine(...loneBlock(text))?.meta).toEqual({ date: iso })
    })
  }

  it('leaves a sentence that mentions a date alone', () => {
    expect(detectDateLine(...loneBlock('On August 16, 2016, the ministry said the bombers had taken off.'))).toBeNull()
  })

  it('leaves a line without a date, with an impossible date, or with an ambiguous one alone', () => {
    expect(detectDateLine(...loneBlock('Published by the ministry'))).toBeNull()
    expect(detectDateLine(...loneBlock('Published: 30 February 2016'))).toBeNull()
    expect(detectDateLine(...loneBlock('08/09/2016'))).toBeNull()
  })

  it('leaves a line longer than 80 characters alone even when it holds only a date and labels', () => {
    expect(detectDateLine(...loneBlock(`Published: 16 August 2016${' |'.repeat(40)}`))).toBeNull()
  })
})
