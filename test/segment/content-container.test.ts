import { describe, expect, it } from 'vitest'
import type { Block } from '../../src/core/document.js'
import { segmentHtml } from '../../src/stages/segment/html-blocks.js'

const page = (body: string): string => `<!DOCTYPE html><html><head></head><body>${body}</body></html>`

const paragraph = (n: number): string =>
  `<p>Paragraph ${n} reports, at some length, what the council decided on Tuesday, why it matters to residents, and what comes next for the budget.</p>`

const byText = (blocks: readonly Block[], fragment: string): Block => {
  const block = blocks.find((b) => b.text.includes(fragment))
  if (!block) throw new Error(`no block with ${fragment}`)
  return block
}

describe('content container scoring', () => {
  const html = page(
    `<div class="menu"><ul><li><a href="/a">Home</a></li><li><a href="/b">World news and more</a></li></ul></div>` +
      `<div class="wrap"><div class="story">${[1, 2, 3, 4].map(paragraph).join('')}</div>` +
      `<div class="sidebar"><p>Sign up to our newsletter for a weekly digest, delivered free.</p></div></div>`,
  )
  const { blocks } = segmentHtml(html)

  it('marks paragraphs of the comma-rich container as in the main container with the top score', () => {
    const block = byText(blocks, 'Paragraph 3')
    expect(block.html?.mainContainer).toBe('inside')
    expect(block.html?.containerScore).toBe(1)
  })

  it('leaves navigation links and a sidebar box outside the main container', () => {
    expect(byText(blocks, 'World news').html?.mainContainer).not.toBe('inside')
    const sidebar = byText(blocks, 'newsletter').html
    expect(sidebar?.mainContainer).not.toBe('inside')
    expect(sidebar?.containerScore ?? 1).toBeLessThan(0.5)
  })

  it('discounts a container by its link density', () => {
    const links = [1, 2, 3, 4].map((n) => `<p><a href="/${n}">Linked teaser ${n}, with commas, more commas, and enough words to count as a paragraph here.</a></p>`)
    const { blocks: linked } = segmentHtml(page(`<div>${links.join('')}</div><div>${paragraph(1)}${paragraph(2)}</div>`))
    expect(byText(linked, 'Paragraph 1').html?.mainContainer).toBe('inside')
    expect(byText(linked, 'Linked teaser 2').html?.mainContainer).not.toBe('inside')
  })

  it('gives every block no main container when no paragraph is long enough to score', () => {
    const { blocks: short } = segmentHtml(page('<div><p>Hi.</p><p>Short.</p></div>'))
    for (const block of short) expect(block.html?.mainContainer).not.toBe('inside')
  })
})
