import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Block } from '../../src/core/document.js'
import { segmentHtml } from '../../src/stages/segment/html-blocks.js'

const shared = (name: string): string =>
  readFileSync(new URL(`../../../shared/badinputs/html/${name}`, import.meta.url), 'utf8')

const texts = (blocks: readonly Block[]): string[] => blocks.map((b) => b.text)

const page = (body: string, head = ''): string => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`

describe('segmentHtml: what reaches the blocks', () => {
  it('keeps the three real paragraphs of the script/style noise page as separate blocks', () => {
    const { blocks } = segmentHtml(shared('script-style-noise.html'))
    const all = texts(blocks)
    expect(all).toContain('Real paragraph one.')
    expect(all).toContain('Real paragraph two.')
    expect(all).toContain('Real paragraph three.')
  })

  it('lets no LEAK marker of the noise page (style, script, JSON-LD, comment, template, CDATA, svg, iframe) into any block', () => {
    const { blocks } = segmentHtml(shared('script-style-noise.html'))
    for (const b of blocks) expect(b.text).not.toMatch(/LEAK/)
  })

  it('drops the content of noscript and textarea elements', () => {
    const joined = texts(segmentHtml(shared('script-style-noise.html')).blocks).join('\n')
    expect(joined).not.toContain('NOSCRIPT-TEXT')
    expect(joined).not.toContain('TEXTAREA-TEXT')
  })

  it('drops script, style, noscript, template and iframe content written inline in a page', () => {
    const html = page(
      '<p>Kept one.</p><script>var leak = "SCRIPT"</script><style>.x{}</style><noscript>NOSCRIPT</noscript>' +
        '<template><p>TEMPLATE</p></template><iframe>IFRAME</iframe><p>Kept two.</p>',
    )
    expect(texts(segmentHtml(html).blocks)).toEqual(['Kept one.', 'Kept two.'])
  })

  it('does not glue the paragraphs of misnested, unclosed tag soup together', () => {
    const all = texts(segmentHtml(shared('misnested-unclosed.html')).blocks)
    expect(all[0]).toBe('one')
    expect(all).toContain('twoboldbothitalic?')
    expect(all).toContain('cell')
    expect(all).toContain('div in cell')
    expect(all).toContain('para in table')
    expect(all).toContain('a')
    expect(all).toContain('b')
    expect(all).toContain('trailing text after html')
    expect(all.some((t) => t.startsWith('onetwo'))).toBe(false)
  })

  it('keeps every visible word of the tag soup exactly once', () => {
    const joined = texts(segmentHtml(shared('misnested-unclosed.html')).blocks).join(' ')
    for (const word of ['one', 'bold', 'both', 'italic?', 'div in cell', 'para in table', 'trailing text after html']) {
      expect(joined.split(word).length - 1, word).toBe(1)
    }
  })

  it('extracts the deep text and the sibling after 2,000 nested divs', () => {
    const all = texts(segmentHtml(shared('deep-nesting-2k.html')).blocks)
    expect(all).toEqual(['deep text', 'sibling after deep'])
  })

  it('collapses runs of whitespace inside a block to single spaces', () => {
    expect(texts(segmentHtml(page('<p>  spaced \n\n  out\ttext  </p>')).blocks)).toEqual(['spaced out text'])
  })

  it('starts a new block at <br> and at nested block elements', () => {
    const { blocks } = segmentHtml(page('<div>before<br>after<p>inner</p>tail</div>'))
    expect(texts(blocks)).toEqual(['before', 'after', 'inner', 'tail'])
  })

  it('keeps inline elements inside their block', () => {
    expect(texts(segmentHtml(page('<p>Some <b>bold</b> and <a href="#">linked</a> words.</p>')).blocks)).toEqual([
      'Some bold and linked words.',
    ])
  })

  it('marks breakBefore on a block that follows a closed block element', () => {
    const { blocks } = segmentHtml(page('<p>First.</p><p>Second.</p>'))
    expect(blocks.map((b) => b.breakBefore)).toEqual([false, true])
  })

  it('returns no blocks for a frameset page or a page with only a title', () => {
    expect(segmentHtml(shared('frameset-no-body.html')).blocks).toEqual([])
    expect(segmentHtml(shared('title-only.html')).blocks).toEqual([])
  })
})

describe('segmentHtml: block features', () => {
  it('gives a list of navigation links a link density of 1', () => {
    const { blocks } = segmentHtml(page('<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>'))
    expect(texts(blocks)).toEqual(['Home', 'World news'])
    for (const b of blocks) expect(b.html?.linkDensity).toBe(1)
  })

  it('gives a run of inline links separated by spaces a link density close to 1', () => {
    const [nav] = segmentHtml(page('<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>')).blocks
    expect(nav?.text).toBe('Home World Sport')
    expect(nav?.html?.linkDensity).toBeGreaterThan(0.85)
    expect(nav?.html?.linkDensity).toBeLessThanOrEqual(1)
  })

  it('gives a plain paragraph a link density of 0', () => {
    const [p] = segmentHtml(page('<p>The parliament passed the law on Wednesday.</p>')).blocks
    expect(p?.html?.linkDensity).toBe(0)
  })

  it('gives a paragraph with one short link a link density between 0 and one half', () => {
    const [p] = segmentHtml(page('<p>The parliament passed the law on Wednesday, <a href="/x">reports</a> said.</p>')).blocks
    expect(p?.html?.linkDensity).toBeGreaterThan(0)
    expect(p?.html?.linkDensity).toBeLessThan(0.5)
  })

  it('collects lower-cased class and id tokens of the block and its ancestors, splitting camelCase and dashes', () => {
    const rest = '<p>The rest of the page holds most of its text, so the div above is no wrapper.</p>'
    const [p] = segmentHtml(page(`<div id="mainArticle" class="entry-content"><p class="Lead story">Text.</p></div>${rest}`)).blocks
    expect(p?.html?.tokens).toEqual(expect.arrayContaining(['main', 'article', 'entry', 'content', 'lead', 'story']))
  })

  it('does not pass the class names and landmarks of a wrapper holding most of the page to its blocks', () => {
    const { blocks } = segmentHtml(
      page('<aside class="has-sidebar"><div class="post"><p>The whole article sits inside this wrapper element.</p></div><p>Short</p></aside>'),
    )
    expect(blocks.map((b) => b.text)).toEqual(['The whole article sits inside this wrapper element.', 'Short'])
    for (const block of blocks) {
      expect(block.html?.tokens).not.toContain('sidebar')
      expect(block.html?.inside).not.toContain('aside')
    }
  })

  it('does not give a block the class tokens of an earlier sibling subtree', () => {
    const blocks = segmentHtml(page('<div class="comments"><p>Nice.</p></div><div class="story"><p>Text.</p></div>')).blocks
    expect(blocks[1]?.html?.tokens).toContain('story')
    expect(blocks[1]?.html?.tokens).not.toContain('comments')
  })

  it('records the nav, footer and aside landmarks a block sits inside', () => {
    const { blocks } = segmentHtml(
      page('<nav><p>Menu</p></nav><article><p>Story.</p></article><aside><p>Sidebar</p></aside><footer><p>Copyright</p></footer>'),
    )
    const inside = Object.fromEntries(blocks.map((b) => [b.text, b.html?.inside]))
    expect(inside['Menu']).toContain('nav')
    expect(inside['Sidebar']).toContain('aside')
    expect(inside['Copyright']).toContain('footer')
    expect(inside['Story.']).toEqual(['article'])
  })

  it('forgets a landmark once its element is closed', () => {
    const { blocks } = segmentHtml(page('<nav><nav><p>Inner</p></nav><p>Outer</p></nav><p>After the menus, a paragraph with most of the text.</p>'))
    expect(blocks.find((b) => b.text === 'Outer')?.html?.inside).toContain('nav')
    expect(blocks.find((b) => b.text.startsWith('After'))?.html?.inside).toEqual([])
  })

  it('records the block tag and the tag path from body', () => {
    const [h] = segmentHtml(page('<article><h2>Heading</h2></article>')).blocks
    expect(h?.html?.tag).toBe('h2')
    expect(h?.html?.path).toBe('body>article>h2')
    expect(h?.kind).toBe('html-block')
    expect(h?.start).toBeUndefined()
  })
})

describe('segmentHtml: page metadata', () => {
  it('prefers og:title over the <title> element', () => {
    const { meta } = segmentHtml(page('<p>x</p>', '<title>Headline | Example News</title><meta property="og:title" content="Headline">'))
    expect(meta.title).toBe('Headline')
  })

  it('falls back to the <title> element when nothing structured names the title', () => {
    expect(segmentHtml(page('<p>x</p>', '<title>  Plain   title </title>')).meta.title).toBe('Plain title')
  })

  it('reads headline, datePublished, author and publisher from an Article in JSON-LD', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Gas deal signed',
      datePublished: '2016-08-16T17:52:15+04:30',
      author: { '@type': 'Person', name: 'Jane Smith' },
      publisher: { '@type': 'Organization', name: 'Example News' },
    }
    const { meta } = segmentHtml(page('<p>x</p>', `<title>Other</title><script type="application/ld+json">${JSON.stringify(ld)}</script>`))
    expect(meta).toMatchObject({ title: 'Gas deal signed', date: '2016-08-16', author: 'Jane Smith', site: 'Example News' })
  })

  it('finds the article inside a JSON-LD @graph and joins several authors', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Not the headline' },
        { '@type': 'Article', headline: 'Graph headline', datePublished: '2021-03-03', author: [{ name: 'A. Writer' }, { name: 'B. Editor' }] },
      ],
    }
    const { meta } = segmentHtml(page('<p>x</p>', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`))
    expect(meta).toMatchObject({ title: 'Graph headline', date: '2021-03-03', author: 'A. Writer, B. Editor' })
  })

  it('ignores broken JSON-LD and still reads a valid block after it', () => {
    const head =
      '<script type="application/ld+json">{"@type": "Article", "headline": "Broken",</script>' +
      '<script type="application/ld+json">{"@type": "Article", "headline": "Valid one"}</script>'
    const { meta, blocks } = segmentHtml(page('<p>Body.</p>', head))
    expect(meta.title).toBe('Valid one')
    expect(texts(blocks)).toEqual(['Body.'])
  })

  it('takes the date from <time datetime> when no meta tag or JSON-LD gives one', () => {
    const { meta } = segmentHtml(page('<p>Posted <time datetime="2016-08-16T17:52:15Z">Tuesday</time></p>'))
    expect(meta.date).toBe('2016-08-16')
  })

  it('prefers article:published_time over <time datetime>', () => {
    const html = page('<time datetime="2001-01-01">old</time>', '<meta property="article:published_time" content="2016-08-16T10:00:00Z">')
    expect(segmentHtml(html).meta.date).toBe('2016-08-16')
  })

  it('leaves the date out when the declared date cannot be parsed', () => {
    expect(segmentHtml(page('<p>x</p>', '<meta property="article:published_time" content="yesterday">')).meta.date).toBeUndefined()
  })

  it('reads <html lang>', () => {
    expect(segmentHtml('<html lang="fa"><body><p>x</p></body></html>').meta.htmlLang).toBe('fa')
  })

  it('ignores an author meta tag that is a URL', () => {
    expect(segmentHtml(page('<p>x</p>', '<meta name="author" content="https://example.com/staff/jane">')).meta.author).toBeUndefined()
  })

  it('leaves out fields the page does not declare', () => {
    const { meta } = segmentHtml('<html><body><p>x</p></body></html>')
    expect(meta).toEqual({})
  })
})
