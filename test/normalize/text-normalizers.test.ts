import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import {
  asciiDashes,
  collapseDoubledQuotes,
  collapseWhitespace,
  composeNfc,
  decodeEntities,
  removeInvisibles,
  repairMojibake,
  straightenQuotes,
} from '../../src/stages/normalize/text-normalizers.js'

const sharedText = (name: string): string =>
  readFileSync(new URL(`../../../shared/badinputs/text/${name}`, import.meta.url), 'utf8')

/** Every code point of a string, as numbers. */
const codePoints = (text: string): number[] => [...text].map((c) => c.codePointAt(0) as number)

describe('decodeEntities', () => {
  it('has the rule id normalize/html-entities', () => {
    expect(decodeEntities.ruleId).toBe('normalize/html-entities')
  })

  it('decodes named, decimal and hexadecimal references and counts each one', () => {
    expect(decodeEntities.apply('Tom &amp; Jerry &lt;b&gt; it&#8217;s &#x2019; caf&eacute;')).toEqual({
      text: 'Tom & Jerry <b> it’s ’ café',
      count: 6,
    })
  })

  it('turns invalid numeric references (NUL, a surrogate, beyond U+10FFFF) into U+FFFD without throwing', () => {
    const { text } = decodeEntities.apply('nul:&#0; surrogate:&#xD800; beyond:&#x110000; huge:&#9999999;')
    expect(text).toBe('nul:\uFFFD surrogate:\uFFFD beyond:\uFFFD huge:\uFFFD')
    for (const cp of codePoints(text)) {
      expect(cp).toBeLessThanOrEqual(0x10ffff)
      expect(cp >= 0xd800 && cp <= 0xdfff).toBe(false)
    }
  })

  it('leaves an unknown name alone, even one that starts with a known name, and does not count it', () => {
    expect(decodeEntities.apply('&notanentity; &copyright; &zzz;')).toEqual({ text: '&notanentity; &copyright; &zzz;', count: 0 })
  })

  it('decodes a full name that starts with a shorter one, &notin; to ∉', () => {
    expect(decodeEntities.apply('&notin;').text).toBe('∉')
  })

  it('leaves text without references unchanged with a count of 0', () => {
    expect(decodeEntities.apply('R&D costs rose & fell')).toEqual({ text: 'R&D costs rose & fell', count: 0 })
  })
})

describe('repairMojibake', () => {
  it('has the rule id normalize/mojibake', () => {
    expect(repairMojibake.ruleId).toBe('normalize/mojibake')
  })

  it('repairs "cafÃ©" to "café"', () => {
    expect(repairMojibake.apply('cafÃ© rÃ©sumÃ©')).toEqual({ text: 'café résumé', count: 3 })
  })

  it('repairs the cp1252 reading of a right single quote, "â€™", to "’"', () => {
    expect(repairMojibake.apply('It\u00E2\u20AC\u2122s here')).toEqual({ text: 'It’s here', count: 1 })
  })

  it('repairs a four-byte sequence (an emoji) read as cp1252', () => {
    expect(repairMojibake.apply('smile \u00F0\u0178\u02DC\u20AC')).toEqual({ text: 'smile 😀', count: 1 })
  })

  it('repairs a mojibake letter directly followed by a guillemet', () => {
    expect(repairMojibake.apply('«cafÃ©»').text).toBe('«café»')
  })

  it('repairs the latin-1 double encoding of the shared file, Arabic and em dash included', () => {
    const raw = sharedText('mojibake-double-encoded.txt')
    const expected = Buffer.from(raw, 'latin1').toString('utf8')
    expect(expected).toContain('café')
    expect(repairMojibake.apply(raw).text).toBe(expected)
  })

  it('leaves correct accented, Arabic, Persian and symbol text untouched', () => {
    const correct = 'café naïve São Paulo Ünïcödé «Grüße» — “quoted” €100 ±5 ÷ وزارة التعليم می‌شود 😀'
    expect(repairMojibake.apply(correct)).toEqual({ text: correct, count: 0 })
  })

  it('leaves a run whose bytes are not valid UTF-8 (an encoded surrogate, ED A0 80) alone', () => {
    expect(repairMojibake.apply('Ã© but \u00ED\u00A0\u0080x')).toEqual({ text: 'é but \u00ED\u00A0\u0080x', count: 1 })
  })
})

describe('removeInvisibles', () => {
  it('has the rule id normalize/control-chars', () => {
    expect(removeInvisibles.ruleId).toBe('normalize/control-chars')
  })

  it('removes zero-width spaces, a mid-text BOM, soft hyphens and word joiners', () => {
    expect(removeInvisibles.apply('zero\u200Bwidth BOM\uFEFFinside soft\u00ADhyphen word\u2060joiner')).toEqual({
      text: 'zerowidth BOMinside softhyphen wordjoiner',
      count: 4,
    })
  })

  it('keeps ZWNJ (U+200C) and ZWJ (U+200D), and the LRM/RLM marks', () => {
    const text = 'می\u200Cشود 👩\u200D💻 a\u200Eb\u200Fc'
    expect(removeInvisibles.apply(text)).toEqual({ text, count: 0 })
  })

  it('removes bidi embeddings, overrides and isolates', () => {
    expect(removeInvisibles.apply('invoice_\u202Etxt.exe\u202C \u202Aa\u202B \u2066b\u2069').text).toBe('invoice_txt.exe a b')
  })

  it('removes C0 controls, DEL and C1 controls', () => {
    expect(removeInvisibles.apply('a\u0000b\u0007c\u0008d\u001Be\u007Ff\u009Bg')).toEqual({ text: 'abcdefg', count: 6 })
  })

  it('leaves tabs and line or page breaks for the whitespace step instead of gluing words', () => {
    const text = 'a\tb\nc\u000Bd\u000Ce\rf\u0085g'
    expect(removeInvisibles.apply(text)).toEqual({ text, count: 0 })
  })

  it('clears the RLO, PDF, ZWSP and BOM of the shared bidi file and keeps every ZWNJ', () => {
    const raw = sharedText('bidi-zero-width.txt')
    const { text } = removeInvisibles.apply(raw)
    expect(text).not.toMatch(/[\u202E\u202C\u200B\uFEFF]/)
    const zwnj = (s: string): number => s.split('\u200C').length - 1
    expect(zwnj(raw)).toBeGreaterThan(0)
    expect(zwnj(text)).toBe(zwnj(raw))
    expect(text).toContain('invoice_txt.exe')
  })

  it('strips every control character of the shared control-chars file but keeps the sentence', () => {
    const { text, count } = removeInvisibles.apply(sharedText('control-chars.txt'))
    expect(count).toBeGreaterThan(0)
    expect(text).not.toMatch(/[\u0000-\u0008\u000E-\u001F\u007F\u0080-\u0084\u0086-\u009F]/)
    expect(text).toContain('The city council approved a new budget for public libraries on Tuesday, officials said.')
  })
})

describe('composeNfc', () => {
  it('composes a decomposed accent and counts one change', () => {
    expect(composeNfc.apply('cafe\u0301')).toEqual({ text: 'café', count: 1 })
  })

  it('reports no change for text already in NFC', () => {
    expect(composeNfc.apply('café')).toEqual({ text: 'café', count: 0 })
  })

  it('does not fold compatibility forms such as ligatures and fullwidth letters', () => {
    expect(composeNfc.apply('\uFB01 \uFF21').text).toBe('\uFB01 \uFF21')
  })
})

describe('collapseDoubledQuotes', () => {
  it('turns a straight quote before a curly one, "“Tehran, into “Tehran', () => {
    expect(collapseDoubledQuotes.apply('"“Tehran is ready,” he said')).toEqual({ text: '“Tehran is ready,” he said', count: 1 })
  })

  it('turns two straight quotes, ""As, into one, "As', () => {
    expect(collapseDoubledQuotes.apply('""As we said," she wrote')).toEqual({ text: '"As we said," she wrote', count: 1 })
  })

  it('drops a straight quote that follows a closing curly quote', () => {
    expect(collapseDoubledQuotes.apply('he said.”"')).toEqual({ text: 'he said.”', count: 1 })
  })

  it('leaves ordinary quotations alone', () => {
    const text = '"Yes," he said, “no.”'
    expect(collapseDoubledQuotes.apply(text)).toEqual({ text, count: 0 })
  })
})

describe('straightenQuotes', () => {
  it('turns curly double and single quotes and guillemets into straight ones', () => {
    expect(straightenQuotes.apply('“a” ‘b’ «c» „d‟ it’s')).toEqual({ text: `"a" 'b' "c" "d" it's`, count: 9 })
  })

  it('has the rule id normalize/straight-quotes', () => {
    expect(straightenQuotes.ruleId).toBe('normalize/straight-quotes')
  })
})

describe('asciiDashes', () => {
  it('turns en dashes, em dashes and the minus sign into a hyphen and counts them', () => {
    expect(asciiDashes.apply('2010–2016 — and \u22125')).toEqual({ text: '2010-2016 - and -5', count: 3 })
  })

  it('leaves plain hyphens alone', () => {
    expect(asciiDashes.apply('well-known')).toEqual({ text: 'well-known', count: 0 })
  })
})

describe('collapseWhitespace', () => {
  it('turns tabs, no-break and ideographic spaces into spaces, collapses runs and trims', () => {
    expect(collapseWhitespace.apply('  a \u00A0\t b\u3000c\u2009d  ').text).toBe('a b c d')
  })

  it('turns stray line and page breaks into spaces so the words they separate stay apart', () => {
    expect(collapseWhitespace.apply('a\nb\rc\u000Bd\u000Ce\u0085f\u2028g').text).toBe('a b c d e f g')
  })

  it('reports no change for text with single spaces only', () => {
    expect(collapseWhitespace.apply('one two three')).toEqual({ text: 'one two three', count: 0 })
  })

  it('returns an empty string for whitespace-only text', () => {
    expect(collapseWhitespace.apply(' \u00A0\t\u3000 ').text).toBe('')
  })
})
