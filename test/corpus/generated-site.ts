/** Seeded generators of scraped pages for the corpus tests: no external data, same pages every run. */

import { seededRandom } from '../../src/core/seeded-random.js'

export { seededRandom }


const WORDS = (
  'the council budget river harbour minister school road winter market farmers report museum ' +
  'station police election village festival hospital water bridge students library court ' +
  'weather factory energy garden railway teachers plan vote city island museum tower storm'
).split(' ')

/** A made-up sentence of 8–20 words ending with a full stop. */
export function sentence(random: () => number): string {
  const n = 8 + Math.floor(random() * 13)
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)] ?? 'city')
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} ${Math.floor(random() * 1000)}.`
}

/** A page of the test site: its URL and its blocks. */
export interface GeneratedPage {
  readonly url: string
  readonly blocks: string[]
}

/** The furniture line on most pages of the generated site. */
export const MENU_LINE = 'Home | World | Sports | Culture'
/** A line on 30 of the 40 pages; numbers change from page to page. */
export const BASKET_LINE = (items: number, total: string): string => `Basket: ${items} items, ${total} $`
/** The paragraph two pages quote. */
export const QUOTED_PARAGRAPH = 'The minister said the new bridge over the river would open before the winter festival, officials confirmed.'

/**
 * 40 pages of `news.example.org`: each with a menu line (all pages), a basket line with varying
 * numbers (30 pages), 4–8 unique sentences, and the quoted paragraph on pages 7 and 23.
 */
export function generatedSite(seed: number, host = 'news.example.org', pages = 40): GeneratedPage[] {
  const random = seededRandom(seed)
  return Array.from({ length: pages }, (_, i) => {
    const blocks = [MENU_LINE]
    if (i % 4 !== 3) blocks.push(BASKET_LINE(Math.floor(random() * 10), (Math.floor(random() * 5000) + 1000).toLocaleString('en-US')))
    const body = 4 + Math.floor(random() * 5)
    for (let j = 0; j < body; j++) blocks.push(sentence(random))
    if (i === 7 || i === 23) blocks.splice(2, 0, QUOTED_PARAGRAPH)
    // A block twice on one page counts once.
    if (i === 0) blocks.push(MENU_LINE)
    return { url: `https://${i % 2 === 0 ? 'www.' : ''}${host}/story/${i}`, blocks }
  })
}
