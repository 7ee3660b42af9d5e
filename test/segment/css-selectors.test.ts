import { describe, expect, it } from 'vitest'
import { cssSelectorProblem } from '../../src/stages/segment/css-selector-check.js'
import { segmentHtml } from '../../src/stages/segment/html-blocks.js'

describe('cssSelectorProblem', () => {
  it('accepts ordinary selectors, lists and a single :has()', () => {
    for (const selector of ['div.comments', '#disqus_thread, .comment-list', 'section:has(> h2.related)', '[role=navigation]']) {
      expect(cssSelectorProblem(selector), selector).toBeNull()
    }
  })

  it('refuses what does not parse, the whole page, and :has() nested in :has()', () => {
    expect(cssSelectorProblem('div[')).toMatch(/not a valid CSS selector/)
    expect(cssSelectorProblem('p, body')).toMatch(/whole page/)
    expect(cssSelectorProblem('div:has(p:has(a))')).toMatch(/inside :has/)
  })

  it('allows two :has() side by side, which costs no more than one each', () => {
    expect(cssSelectorProblem('div:has(p), section:has(a)')).toBeNull()
  })
})

describe('segmentHtml with selector rules', () => {
  const html =
    '<html><body><div class="promo-box"><p>Subscribe for a weekly digest</p><ul><li>Free</li></ul></div>' +
    '<p>The council approved the budget on Tuesday.</p></body></html>'

  it('lists on each block the selector rules whose elements contain it, at any depth', () => {
    const { blocks } = segmentHtml(html, [{ ruleId: 'site/promo', selector: 'div.promo-box' }])
    expect(blocks.find((b) => b.text.startsWith('Subscribe'))?.html?.selectors).toEqual(['site/promo'])
    expect(blocks.find((b) => b.text === 'Free')?.html?.selectors).toEqual(['site/promo'])
    expect(blocks.find((b) => b.text.startsWith('The council'))?.html?.selectors).toBeUndefined()
  })

  it('gives a block every rule that selects it once, innermost last', () => {
    const { blocks } = segmentHtml(html, [
      { ruleId: 'site/outer', selector: 'div' },
      { ruleId: 'site/inner', selector: 'li' },
      { ruleId: 'site/again', selector: '.promo-box' },
    ])
    expect(blocks.find((b) => b.text === 'Free')?.html?.selectors).toEqual(['site/outer', 'site/again', 'site/inner'])
  })
})
