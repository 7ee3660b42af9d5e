import { describe, expect, it } from 'vitest'
import { findDate, toIsoDate } from '../../src/stages/metadata/parse-date.js'

describe('toIsoDate', () => {
  const cases: [string, string][] = [
    ['Tue Aug 16, 2016 17:52:15', '2016-08-16'],
    ['16 August 2016', '2016-08-16'],
    ['August 16th, 2016', '2016-08-16'],
    ['16th of August, 2016', '2016-08-16'],
    ['Sept. 3, 2021', '2021-09-03'],
    ['2016-08-16', '2016-08-16'],
    ['2016-08-16T23:30:00-05:00', '2016-08-16'],
    ['2016-08-16T10:00:00.000Z', '2016-08-16'],
    ['2016-08-16 10:00:00+0430', '2016-08-16'],
    ['2016/8/16', '2016-08-16'],
    ['16.08.2016', '2016-08-16'],
    ['3. März 2021', '2021-03-03'],
    ['le 16 août 2016', '2016-08-16'],
    ['Published: 29 February 2016', '2016-02-29'],
  ]
  for (const [input, iso] of cases) {
    it(`reads "${input}" as ${iso}`, () => {
      expect(toIsoDate(input)).toBe(iso)
    })
  }

  it('keeps the calendar day written in an ISO timestamp rather than shifting it to UTC', () => {
    expect(toIsoDate('2016-08-16T23:30:00-05:00')).toBe('2016-08-16')
    expect(toIsoDate('2016-08-16T00:30:00+09:00')).toBe('2016-08-16')
  })

  const invalid = ['Feb 30, 2016', '30 February 2016', '2016-02-30', '31.04.2016', '29 February 2015', '2016-13-01', '2016-00-10', '32 August 2016']
  for (const input of invalid) {
    it(`rejects the impossible date "${input}"`, () => {
      expect(toIsoDate(input)).toBeNull()
    })
  }

  it('does not guess the ambiguous slash date 08/09/2016', () => {
    expect(toIsoDate('08/09/2016')).toBeNull()
  })

  it('rejects years outside 1900-2100', () => {
    expect(toIsoDate('16 August 1850')).toBeNull()
    expect(toIsoDate('3000-01-01')).toBeNull()
  })

  it('returns null for text with no date and for an unknown month name', () => {
    expect(toIsoDate('The ministers met on Monday.')).toBeNull()
    expect(toIsoDate('16 Smarch 2016')).toBeNull()
    expect(toIsoDate('')).toBeNull()
  })
})

describe('findDate', () => {
  it('returns where the date stands in the text', () => {
    const text = 'Posted on 16 August 2016 by staff'
    const found = findDate(text)
    expect(found?.iso).toBe('2016-08-16')
    expect(text.slice(found?.index, (found?.index ?? 0) + (found?.length ?? 0))).toBe('16 August 2016')
  })

  it('covers the month, day and year of a date line, not the weekday or the time around them', () => {
    const text = 'Tue Aug 16, 2016 17:52:15'
    const found = findDate(text)
    expect(found).not.toBeNull()
    expect(text.slice(found!.index, found!.index + found!.length)).toBe('Aug 16, 2016')
  })

  it('covers an ISO timestamp with its time and zone', () => {
    const found = findDate('at 2016-08-16T23:30:00-05:00.')
    expect(found).toMatchObject({ iso: '2016-08-16', index: 3, length: '2016-08-16T23:30:00-05:00'.length })
  })

  it('returns the earliest of several dates', () => {
    expect(findDate('Updated 2021-03-03, first published 16 August 2016')?.iso).toBe('2021-03-03')
    expect(findDate('First published 16 August 2016, updated 2021-03-03')?.iso).toBe('2016-08-16')
  })

  it('looks only at the first 400 characters', () => {
    expect(findDate(`${'x'.repeat(400)} 16 August 2016`)).toBeNull()
    expect(findDate(`${'x'.repeat(300)} 16 August 2016`)?.iso).toBe('2016-08-16')
  })
})
