import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import type { Writable } from 'node:stream'
import { seededRandom } from '../core/seeded-random.js'

/**
 * What the benchmark corpus looks like. The text volume of a document grows with `paragraphs`
 * alone, so article length and number of documents can be scaled independently.
 */
export interface CorpusOptions {
  /** Records to write. */
  readonly documents: number
  /** Sites (hosts `site-01.example` …) the documents are spread over. */
  readonly sites: number
  /** Paragraphs per article (each 2–5 generated sentences). */
  readonly paragraphs: number
  /** Share of documents (0–0.5) that repeat an earlier article: half exact copies, half with a few words edited. */
  readonly duplicateShare: number
  /** Share of documents (0–1) written as a crude text scrape `{id, url, text}` instead of `{id, url, html}`. */
  readonly textShare: number
  /** Same seed, same corpus, byte for byte. */
  readonly seed: number
}

/** The defaults of `generateCorpus`: 2,000 documents on 12 sites, 6 paragraphs, 10% duplicates, 10% text records, seed 1. */
export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = Object.freeze({
  documents: 2_000,
  sites: 12,
  paragraphs: 6,
  duplicateShare: 0.1,
  textShare: 0.1,
  seed: 1,
})

/** One JSONL record of the corpus, as `decruft run` reads it. */
export type CorpusRecord =
  | { readonly id: string; readonly url: string; readonly html: string }
  | { readonly id: string; readonly url: string; readonly text: string }

/** One generated document: its record plus what the generator knows about it (for tests and reports). */
export interface GeneratedDocument {
  readonly record: CorpusRecord
  /** Index of its site (0-based), whose host is `siteProfile(seed, site).host`. */
  readonly site: number
  /** For a duplicate: the id of the original document whose article it repeats. */
  readonly duplicateOf?: string
  /** For a duplicate: `exact` (the same article text) or `near` (a few words edited). */
  readonly duplicateKind?: 'exact' | 'near'
}

/** The furniture one site puts on every page: the lines a repeated-block pass should learn. */
export interface SiteProfile {
  readonly host: string
  readonly name: string
  /** Menu entries of the navigation bar, in order. */
  readonly menu: readonly string[]
  /** The donation appeal ("Support <name>"). */
  readonly appeal: string
  /** The donation goal in dollars; the amount raised varies from page to page. */
  readonly goal: number
  readonly cookieNotice: string
  readonly footerLine: string
  readonly footerLinks: readonly string[]
  readonly newsletterLine: string
  /** true: nav/footer/aside landmarks and telling class names; false: plain divs with opaque classes. */
  readonly semanticMarkup: boolean
  /** Share of the site's pages that carry a comment section. */
  readonly commentShare: number
}

/** What `writeCorpus` wrote. */
export interface CorpusStats {
  readonly file: string
  readonly documents: number
  readonly sites: number
  readonly htmlRecords: number
  readonly textRecords: number
  readonly exactDuplicates: number
  readonly nearDuplicates: number
  /** Bytes of JSONL before compression. */
  readonly bytes: number
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: topic words plus shared words, so articles of different topics share little and
// articles of one topic are still far from near duplicates (templates × word choices).

interface Topic {
  readonly name: string
  readonly nouns: readonly string[]
  readonly plurals: readonly string[]
  readonly adjectives: readonly string[]
  readonly verbsPast: readonly string[]
  readonly verbsBase: readonly string[]
  readonly roles: readonly string[]
  readonly organisations: readonly string[]
}

const words = (s: string): readonly string[] => s.trim().split(/\s+/)

const TOPICS: readonly Topic[] = [
  {
    name: 'economy',
    nouns: words('budget deficit central-bank currency inflation rate economy tariff pension mortgage market bond auction recession surplus'),
    plurals: words('prices wages exports imports investors shares loans savings taxes subsidies retailers lenders households factories consumers'),
    adjectives: words('quarterly fiscal monetary annual inflationary sluggish robust volatile domestic wholesale'),
    verbsPast: words('raised cut froze revised doubled trimmed forecast reported borrowed announced'),
    verbsBase: words('raise cut freeze revise double trim borrow lower tighten ease'),
    roles: words('economist analyst treasurer governor strategist banker'),
    organisations: ['the finance ministry', 'the central bank', 'the statistics office', 'the chamber of commerce', 'the employers federation'],
  },
  {
    name: 'politics',
    nouns: words('parliament coalition election ballot referendum senate cabinet opposition constitution amendment mandate campaign veto treaty summit'),
    plurals: words('lawmakers voters ministers delegates candidates senators diplomats envoys activists officials mayors governors'),
    adjectives: words('parliamentary electoral constitutional bipartisan diplomatic regional provisional contested narrow landmark'),
    verbsPast: words('approved rejected debated postponed signed ratified vetoed endorsed challenged proposed'),
    verbsBase: words('approve reject debate postpone sign ratify veto endorse challenge propose'),
    roles: words('spokesperson minister senator lawmaker envoy adviser'),
    organisations: ['the electoral commission', 'the upper house', 'the foreign ministry', 'the governing party', 'the constitutional court'],
  },
  {
    name: 'science',
    nouns: words('telescope genome experiment laboratory satellite fossil molecule vaccine particle spacecraft observatory enzyme comet glacier reactor'),
    plurals: words('researchers scientists samples cells galaxies species proteins neurons bacteria astronomers physicists volunteers'),
    adjectives: words('experimental microscopic genetic orbital ancient peer-reviewed preliminary unexpected promising rare'),
    verbsPast: words('discovered measured sequenced detected observed replicated published tested confirmed analysed'),
    verbsBase: words('discover measure sequence detect observe replicate publish test confirm analyse'),
    roles: words('biologist physicist astronomer chemist geologist researcher'),
    organisations: ['the national academy', 'the space agency', 'the university hospital', 'the research council', 'the marine institute'],
  },
  {
    name: 'sport',
    nouns: words('championship tournament season final league stadium match transfer trophy marathon derby squad playoff medal record'),
    plurals: words('players fans coaches referees goals points athletes teammates supporters rivals clubs sprinters'),
    adjectives: words('dramatic unbeaten injured veteran decisive home away thrilling disappointing late'),
    verbsPast: words('won lost drew scored signed beat defended qualified retired trained'),
    verbsBase: words('win lose draw score sign beat defend qualify retire train'),
    roles: words('coach captain striker goalkeeper manager midfielder'),
    organisations: ['the football association', 'the national team', 'the olympic committee', 'the city club', 'the league board'],
  },
  {
    name: 'culture',
    nouns: words('exhibition festival novel concert museum gallery premiere orchestra manuscript sculpture theatre album portrait archive opera'),
    plurals: words('artists writers visitors musicians critics curators audiences painters dancers poets readers actors'),
    adjectives: words('acclaimed contemporary medieval experimental sold-out intimate restored forgotten ambitious lyrical'),
    verbsPast: words('opened premiered restored acquired performed reviewed unveiled staged translated curated'),
    verbsBase: words('open premiere restore acquire perform review unveil stage translate curate'),
    roles: words('curator director composer novelist critic conductor'),
    organisations: ['the national gallery', 'the city theatre', 'the arts council', 'the film institute', 'the public library'],
  },
  {
    name: 'environment',
    nouns: words('drought flood wildfire reservoir wetland coastline forest emission heatwave river harvest aquifer storm reef landfill'),
    plurals: words('farmers residents rangers volunteers wolves turbines beaches crops rivers emissions fishermen growers'),
    adjectives: words('severe coastal arid endangered renewable seasonal toxic protected record-breaking fragile'),
    verbsPast: words('flooded dried burned recovered polluted restored evacuated planted monitored protected'),
    verbsBase: words('flood dry burn recover pollute restore evacuate plant monitor protect'),
    roles: words('ecologist ranger hydrologist climatologist forester inspector'),
    organisations: ['the environment agency', 'the water authority', 'the forestry service', 'the weather office', 'the conservation trust'],
  },
  {
    name: 'health',
    nouns: words('hospital clinic outbreak epidemic treatment surgery diagnosis ward pharmacy therapy vaccine screening shortage trial ambulance'),
    plurals: words('patients nurses doctors surgeons infections beds midwives pharmacists cases paramedics carers families'),
    adjectives: words('chronic infectious emergency rural mental paediatric overcrowded elective routine free'),
    verbsPast: words('treated admitted vaccinated diagnosed discharged screened recruited closed expanded warned'),
    verbsBase: words('treat admit vaccinate diagnose discharge screen recruit close expand warn'),
    roles: words('surgeon nurse physician epidemiologist pharmacist director'),
    organisations: ['the health ministry', 'the regional hospital', 'the medical association', 'the public health institute', 'the nursing union'],
  },
  {
    name: 'technology',
    nouns: words('startup software chip network platform algorithm database smartphone outage breach update server robot battery license'),
    plurals: words('users engineers developers customers hackers subscribers startups regulators drones apps gamers programmers'),
    adjectives: words('encrypted wireless open-source automated digital cloud-based faulty upgraded mobile experimental'),
    verbsPast: words('launched patched acquired hacked released tested shipped recalled licensed upgraded'),
    verbsBase: words('launch patch acquire hack release test ship recall license upgrade'),
    roles: words('engineer founder developer analyst executive researcher'),
    organisations: ['the telecom regulator', 'the data protection office', 'the chipmaker', 'the software company', 'the cyber security agency'],
  },
  {
    name: 'transport',
    nouns: words('railway bridge tunnel airport motorway ferry timetable strike terminal port tram bypass runway junction timetable'),
    plurals: words('commuters passengers drivers pilots trains buses cyclists lorries travellers crews trucks ferries'),
    adjectives: words('delayed electrified congested overnight suburban high-speed rebuilt cancelled regional busy'),
    verbsPast: words('reopened delayed cancelled extended resurfaced electrified closed diverted rebuilt scheduled'),
    verbsBase: words('reopen delay cancel extend resurface electrify close divert rebuild schedule'),
    roles: words('planner operator spokesperson inspector controller engineer'),
    organisations: ['the rail operator', 'the transport ministry', 'the port authority', 'the airport company', 'the drivers union'],
  },
  {
    name: 'education',
    nouns: words('school curriculum exam scholarship university kindergarten campus semester tuition degree syllabus lecture library grant literacy'),
    plurals: words('students teachers pupils parents graduates lecturers schools classrooms tutors apprentices principals deans'),
    adjectives: words('primary secondary vocational bilingual underfunded selective online rural private public'),
    verbsPast: words('enrolled graduated expanded reformed funded closed hired tested merged introduced'),
    verbsBase: words('enrol graduate expand reform fund close hire test merge introduce'),
    roles: words('principal lecturer teacher dean inspector professor'),
    organisations: ['the education ministry', 'the teachers union', 'the school board', 'the state university', 'the exam office'],
  },
]

const FIRST_NAMES = words('Anna Ben Carla David Elena Farid Grace Hugo Ines Jonas Karin Luis Maya Nils Olga Pedro Rosa Samir Tara Viktor Yara Omar Lena Marco Sofia Tomas Aisha Emil Hanna Ivan')
const LAST_NAMES = words('Adler Barros Chen Dalton Eriksen Fischer Gomez Hartmann Ito Jansen Kowalski Lindqvist Moreau Novak Okafor Petrov Quinn Rossi Santos Tanaka Urban Varga Weber Yilmaz Zeller Haddad Brennan Costa Mendes Olsen')
const PLACES = words('Aldport Brenna Caldwick Dunmore Eastfield Farrow Glenholt Harwick Islay Jarrow Kestrel Lowmoor Marden Northam Oakridge Penmarch Quarry Redbank Saltcombe Thornby Upwell Valemont Westbury Yarrow Zennor')
const WEEKDAYS = words('Monday Tuesday Wednesday Thursday Friday Saturday Sunday')
const MONTHS = words('January February March April May June July August September October November December')
const WHEN = ['on Monday', 'on Tuesday', 'last week', 'this morning', 'earlier this year', 'over the weekend', 'after months of talks', 'late on Friday', 'in the first quarter', 'since the spring']
const CONNECTORS = ['However', 'Meanwhile', 'At the same time', 'In a statement', 'By contrast', 'Later', 'Still', 'For now', 'In recent years', 'Since then']
const OPINIONS = [
  'I have been saying this for years and nobody listened.',
  'Great reporting, thank you for covering this.',
  'This is exactly what happens when nobody plans ahead.',
  'Does anyone know when the next meeting is?',
  'Sad to read this, my family lives near there.',
  'The article leaves out half of the story, as usual.',
  'Finally some good news for a change.',
  'Who is going to pay for all of this in the end?',
  'I was there last year and it was already a problem.',
  'Well written, but I disagree with the conclusion.',
]
const SECTIONS = words('World Politics Business Economy Science Health Sport Culture Opinion Technology Environment Travel Education Local Video Podcasts')

/** An integer in [0, n). */
function intBelow(random: () => number, n: number): number {
  return Math.floor(random() * n)
}

/** One item of a non-empty list. */
function pick<T>(random: () => number, items: readonly T[]): T {
  return items[intBelow(random, items.length)] as T
}

/** A seed for one independent stream (site, article, page) of the corpus, mixed from the corpus seed. */
function streamSeed(seed: number, stream: number, index: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (index + 0x7f4a7c15), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const SITE_STREAM = 1
const ARTICLE_STREAM = 2
const PAGE_STREAM = 3

/** A capitalised copy of a sentence or name. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function person(random: () => number): string {
  return `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`
}

function thousands(n: number): string {
  return n.toLocaleString('en-US')
}

/**
 * The furniture of one site, the same for every corpus with this seed: name, menu, donation
 * appeal and goal, cookie notice, footer and newsletter lines, markup style, comment share.
 */
export function siteProfile(seed: number, site: number): SiteProfile {
  const random = seededRandom(streamSeed(seed, SITE_STREAM, site))
  const host = `site-${String(site + 1).padStart(2, '0')}.example`
  const name = `${pick(random, PLACES)} ${pick(random, ['Herald', 'Courier', 'Observer', 'Daily', 'Post', 'Times', 'Gazette', 'Chronicle', 'Express', 'Voice'])}`
  const menu = ['Home', ...SECTIONS.filter(() => random() < 0.45).slice(0, 8)]
  const goal = (2 + intBelow(random, 48)) * 500
  return {
    host,
    name,
    menu,
    appeal: `Support ${name.split(' ')[0] as string}${pick(random, ['', 'News', 'Media', 'Online'])}`,
    goal,
    cookieNotice: pick(random, [
      `We use cookies to improve your experience on ${name}. By continuing to browse you agree to our use of cookies.`,
      `${name} uses cookies for analytics and personalised content. You can change your settings at any time.`,
      `This website stores cookies on your computer. Read our privacy policy to find out more.`,
    ]),
    footerLine: `© ${2010 + intBelow(random, 14)}–2024 ${name}. All rights reserved. Registered in ${pick(random, PLACES)}.`,
    footerLinks: ['About us', 'Contact', 'Advertise', 'Privacy policy', 'Terms of use', 'Careers', 'Corrections'].filter(() => random() < 0.7),
    newsletterLine: `Get the ${name} briefing in your inbox every ${pick(random, ['morning', 'evening', 'weekday', 'Sunday'])}.`,
    semanticMarkup: random() < 0.5,
    commentShare: random() < 0.3 ? 0 : 0.2 + random() * 0.5,
  }
}

/** One article: everything of a page that is not site furniture. */
interface Article {
  readonly site: number
  readonly section: string
  readonly headline: string
  readonly author: string
  readonly date: string
  readonly isoDate: string
  readonly paragraphs: readonly string[]
  readonly topic: Topic
}

function noun(random: () => number, topic: Topic): string {
  return random() < 0.5 ? `the ${pick(random, topic.nouns)}` : `the ${pick(random, topic.adjectives)} ${pick(random, topic.nouns)}`
}

function subject(random: () => number, topic: Topic): string {
  switch (intBelow(random, 4)) {
    case 0:
      return noun(random, topic)
    case 1:
      return `${pick(random, topic.plurals)} in ${pick(random, PLACES)}`
    case 2:
      return pick(random, topic.organisations)
    default:
      return `${thousands(2 + intBelow(random, 5000))} ${pick(random, topic.plurals)}`
  }
}

function sentence(random: () => number, topic: Topic): string {
  const s = (): string => subject(random, topic)
  switch (intBelow(random, 7)) {
    case 0:
      return `${capitalise(s())} ${pick(random, topic.verbsPast)} ${noun(random, topic)} ${pick(random, WHEN)}.`
    case 1:
      return `${person(random)}, a ${pick(random, topic.roles)} with ${pick(random, topic.organisations)}, said ${s()} would ${pick(random, topic.verbsBase)} ${noun(random, topic)} by ${pick(random, MONTHS)}.`
    case 2:
      return `${capitalise(pick(random, WHEN))}, ${s()} ${pick(random, topic.verbsPast)} ${thousands(3 + intBelow(random, 900))} ${pick(random, topic.plurals)} across ${pick(random, PLACES)} and ${pick(random, PLACES)}.`
    case 3:
      return `According to ${pick(random, topic.organisations)}, ${s()} ${pick(random, topic.verbsPast)} ${noun(random, topic)}, a move that ${pick(random, topic.plurals)} had long demanded.`
    case 4:
      return `"We will ${pick(random, topic.verbsBase)} ${noun(random, topic)} before ${pick(random, WEEKDAYS)}," said ${person(random)}, who has followed the ${pick(random, topic.nouns)} for ${2 + intBelow(random, 20)} years.`
    case 5:
      return `${pick(random, CONNECTORS)}, ${s()} ${pick(random, topic.verbsPast)} ${noun(random, topic)}, but ${pick(random, topic.plurals)} ${pick(random, topic.verbsPast)} ${noun(random, topic)} in ${pick(random, PLACES)}.`
    default:
      return `The ${pick(random, topic.adjectives)} ${pick(random, topic.nouns)} in ${pick(random, PLACES)} cost about ${(1 + random() * 98).toFixed(1)} million dollars, ${intBelow(random, 60) + 2} percent more than ${pick(random, topic.plurals)} expected.`
  }
}

function generateArticle(seed: number, index: number, options: CorpusOptions): Article {
  const random = seededRandom(streamSeed(seed, ARTICLE_STREAM, index))
  const topic = pick(random, TOPICS)
  const site = intBelow(random, options.sites)
  const year = 2019 + intBelow(random, 6)
  const month = intBelow(random, 12)
  const day = 1 + intBelow(random, 28)
  const paragraphs: string[] = []
  for (let p = 0; p < options.paragraphs; p++) {
    const count = 2 + intBelow(random, 4)
    const sentences: string[] = []
    for (let i = 0; i < count; i++) sentences.push(sentence(random, topic))
    paragraphs.push(sentences.join(' '))
  }
  const headline = `${capitalise(pick(random, topic.plurals))} ${pick(random, topic.verbsBase)} ${pick(random, topic.adjectives)} ${pick(random, topic.nouns)} in ${pick(random, PLACES)}`
  return {
    site,
    section: capitalise(topic.name),
    headline,
    author: person(random),
    date: `${MONTHS[month] as string} ${day}, ${year}`,
    isoDate: `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    paragraphs,
    topic,
  }
}

/** The article with a few words replaced (about one per hundred, at least one), keeping its length. */
function editArticle(article: Article, random: () => number): Article {
  const paragraphWords = article.paragraphs.map((p) => p.split(' '))
  const total = paragraphWords.reduce((n, w) => n + w.length, 0)
  const edits = Math.max(1, Math.round(total / 100))
  const replacements = [...article.topic.nouns, ...article.topic.adjectives, ...article.topic.plurals]
  for (let e = 0; e < edits; e++) {
    const target = paragraphWords[intBelow(random, paragraphWords.length)] as string[]
    const at = intBelow(random, target.length)
    const old = target[at] as string
    // Keep the punctuation glued to the word, replace the word itself.
    const trailing = /[.,"]+$/.exec(old)?.[0] ?? ''
    let replacement = pick(random, replacements)
    while (`${replacement}${trailing}` === old) replacement = pick(random, replacements)
    target[at] = `${replacement}${trailing}`
  }
  return { ...article, paragraphs: paragraphWords.map((w) => w.join(' ')) }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** The page-specific furniture: numbers and lists that change from page to page of a site. */
interface PageExtras {
  readonly raised: number
  readonly related: readonly string[]
  readonly comments: readonly { readonly author: string; readonly when: string; readonly text: string }[]
  readonly views: number
}

function pageExtras(random: () => number, profile: SiteProfile, topic: Topic): PageExtras {
  const related: string[] = []
  const relatedCount = 3 + intBelow(random, 4)
  for (let i = 0; i < relatedCount; i++) {
    const t = pick(random, TOPICS)
    related.push(`${capitalise(pick(random, t.plurals))} ${pick(random, t.verbsBase)} ${pick(random, t.nouns)} in ${pick(random, PLACES)}`)
  }
  const comments: { author: string; when: string; text: string }[] = []
  if (random() < profile.commentShare) {
    const n = 1 + intBelow(random, 6)
    for (let i = 0; i < n; i++) {
      const extra = random() < 0.5 ? ` ${capitalise(noun(random, topic))} is the real issue here.` : ''
      comments.push({
        author: random() < 0.5 ? person(random) : `${pick(random, LAST_NAMES).toLowerCase()}${intBelow(random, 100)}`,
        when: `${pick(random, MONTHS)} ${1 + intBelow(random, 28)}, 2024 at ${1 + intBelow(random, 12)}:${String(intBelow(random, 60)).padStart(2, '0')} ${random() < 0.5 ? 'am' : 'pm'}`,
        text: `${pick(random, OPINIONS)}${extra}`,
      })
    }
  }
  return { raised: intBelow(random, profile.goal), related, comments, views: intBelow(random, 50_000) }
}

function renderHtml(profile: SiteProfile, article: Article, extras: PageExtras, url: string): string {
  const sem = profile.semanticMarkup
  const e = escapeHtml
  const out: string[] = []
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(article.headline)} | ${e(profile.name)}</title>`,
    `<meta property="og:title" content="${e(article.headline)}">`,
    `<meta property="og:site_name" content="${e(profile.name)}">`,
    `<meta property="og:url" content="${e(url)}">`,
    `<meta name="author" content="${e(article.author)}">`,
    `<meta property="article:published_time" content="${article.isoDate}T08:00:00Z">`,
    `<link rel="stylesheet" href="https://${profile.host}/static/main.css">`,
    `<script>window.dataLayer=window.dataLayer||[];dataLayer.push({section:${JSON.stringify(article.section)},views:${extras.views}});</script>`,
    '</head><body>',
  )
  const menu = profile.menu.map((m) => `<li><a href="/${slug(m)}">${e(m)}</a></li>`).join('')
  out.push(
    sem
      ? `<header class="site-header"><a class="logo" href="/">${e(profile.name)}</a><nav class="main-menu"><ul>${menu}</ul></nav></header>`
      : `<div class="hd-wrap"><div class="t-logo"><a href="/">${e(profile.name)}</a></div><div class="t-links"><ul>${menu}</ul></div></div>`,
  )
  out.push(
    `<div class="${sem ? 'donate-banner' : 'box-k2'}"><p>${e(profile.appeal)}</p><p>${thousands(extras.raised)} $ / ${thousands(profile.goal)} $</p><p><a href="/donate">Donate now</a></p></div>`,
  )
  out.push(`<div class="${sem ? 'page' : 'c-main'}">`, sem ? '<main><article class="story">' : '<div class="story-body">')
  out.push(`<h1>${e(article.headline)}</h1>`)
  out.push(`<p class="byline">By ${e(article.author)}</p>`, `<p class="dateline"><time datetime="${article.isoDate}">${article.date}</time></p>`)
  for (const paragraph of article.paragraphs) out.push(`<p>${e(paragraph)}</p>`)
  out.push(sem ? '</article>' : '</div>')
  const related = extras.related.map((r) => `<li><a href="/${slug(article.section)}/${slug(r)}">${e(r)}</a></li>`).join('')
  out.push(
    sem
      ? `<aside class="related"><h2>Related stories</h2><ul>${related}</ul></aside>`
      : `<div class="rs-box"><h3>More from ${e(profile.name)}</h3><ul>${related}</ul></div>`,
  )
  if (extras.comments.length > 0) {
    out.push(sem ? '<section id="comments" class="comments-area">' : '<div class="c-thread">')
    out.push(`<h3>${extras.comments.length} ${extras.comments.length === 1 ? 'Comment' : 'Comments'}</h3>`)
    for (const c of extras.comments) {
      out.push(`<div class="${sem ? 'comment' : 'c-item'}"><p class="${sem ? 'comment-author' : 'c-a'}">${e(c.author)}</p><p class="${sem ? 'comment-date' : 'c-d'}">${c.when}</p><p>${e(c.text)}</p><p><a href="#reply">Reply</a></p></div>`)
    }
    out.push('<h3>Leave a Reply</h3><p>Your email address will not be published.</p>', sem ? '</section>' : '</div>')
  }
  out.push(sem ? '</main></div>' : '</div>')
  out.push(`<div class="${sem ? 'newsletter' : 'nl-x'}"><p>${e(profile.newsletterLine)}</p><p><a href="/newsletter">Sign up</a></p></div>`)
  out.push(`<div class="${sem ? 'cookie-notice' : 'cn-bar'}"><p>${e(profile.cookieNotice)}</p><button>Accept</button></div>`)
  const links = profile.footerLinks.map((l) => `<li><a href="/${slug(l)}">${e(l)}</a></li>`).join('')
  out.push(
    sem
      ? `<footer class="site-footer"><p>${e(profile.footerLine)}</p><ul>${links}</ul></footer>`
      : `<div class="ft-wrap"><p>${e(profile.footerLine)}</p><ul>${links}</ul></div>`,
  )
  out.push('</body></html>')
  return out.join('\n')
}

/** The page as a crude scraper flattens it: every block of text on its own line, furniture included. */
function renderText(profile: SiteProfile, article: Article, extras: PageExtras): string {
  const lines = [
    profile.name,
    profile.menu.join(' | '),
    profile.appeal,
    `${thousands(extras.raised)} $ / ${thousands(profile.goal)} $`,
    'Donate now',
    article.headline,
    `By ${article.author}`,
    article.date,
    ...article.paragraphs,
    'Related stories',
    ...extras.related,
  ]
  if (extras.comments.length > 0) {
    lines.push(`${extras.comments.length} ${extras.comments.length === 1 ? 'Comment' : 'Comments'}`)
    for (const c of extras.comments) lines.push(c.author, c.when, c.text, 'Reply')
    lines.push('Leave a Reply')
  }
  lines.push(profile.newsletterLine, profile.cookieNotice, profile.footerLine, profile.footerLinks.join(' | '))
  return lines.join('\n')
}

/** Throws a RangeError naming the first option out of range, so a bad size never yields a silently different corpus. */
function validate(options: CorpusOptions): void {
  const integer = (name: string, value: number, min: number): void => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`corpus: ${name} must be a whole number of at least ${min}, got ${String(value)}`)
  }
  integer('documents', options.documents, 1)
  integer('sites', options.sites, 1)
  integer('paragraphs', options.paragraphs, 1)
  integer('seed', options.seed, 0)
  if (!(options.duplicateShare >= 0 && options.duplicateShare <= 0.5)) throw new RangeError(`corpus: duplicateShare must be from 0 to 0.5, got ${String(options.duplicateShare)}`)
  if (!(options.textShare >= 0 && options.textShare <= 1)) throw new RangeError(`corpus: textShare must be from 0 to 1, got ${String(options.textShare)}`)
}

/** The number of duplicates a corpus of these options holds: `round(documents × duplicateShare)`. */
export function duplicateCount(options: Pick<CorpusOptions, 'documents' | 'duplicateShare'>): number {
  return Math.round(options.documents * options.duplicateShare)
}

/**
 * Generates the corpus document by document (constant memory: an original article is
 * regenerated from its own seed when a duplicate repeats it). Each page has its site's
 * furniture (menu, "Support …" banner with a "1,234 $ / 2,500 $" counter, cookie notice,
 * newsletter box, footer), a related-stories list and sometimes a comment section around a
 * generated article; `round(documents × duplicateShare)` documents, spread evenly, repeat an
 * earlier original (never a duplicate): an exact copy or, at random, one with about one word in
 * a hundred edited, on the same site under another URL or syndicated to another site.
 */
export function* generateCorpus(partial: Partial<CorpusOptions> = {}): Generator<GeneratedDocument> {
  const options: CorpusOptions = { ...DEFAULT_CORPUS_OPTIONS, ...partial }
  validate(options)
  const { seed, documents } = options
  const duplicates = duplicateCount(options)
  const duplicatePositions = new Set<number>()
  for (let k = 0; k < duplicates; k++) duplicatePositions.add(Math.floor(((k + 1) * documents) / (duplicates + 1)))
  const profiles = Array.from({ length: options.sites }, (_, s) => siteProfile(seed, s))
  const width = Math.max(6, String(documents).length)
  const idOf = (i: number): string => `doc-${String(i).padStart(width, '0')}`

  for (let i = 0; i < documents; i++) {
    const random = seededRandom(streamSeed(seed, PAGE_STREAM, i))
    let article: Article
    let site: number
    let duplicateOf: string | undefined
    let duplicateKind: 'exact' | 'near' | undefined
    let path: string
    if (duplicatePositions.has(i)) {
      let original = intBelow(random, i)
      while (duplicatePositions.has(original)) original = intBelow(random, i)
      const source = generateArticle(seed, original, options)
      duplicateKind = random() < 0.5 ? 'exact' : 'near'
      duplicateOf = idOf(original)
      article = duplicateKind === 'near' ? editArticle(source, random) : source
      // Syndicated to another site, or the same site's page again under another address.
      site = options.sites > 1 && random() < 0.6 ? (source.site + 1 + intBelow(random, options.sites - 1)) % options.sites : source.site
      path = site === source.site ? `/amp/${slug(article.headline)}-${i}` : `/syndicated/${slug(article.headline)}-${i}`
    } else {
      article = generateArticle(seed, i, options)
      site = article.site
      path = `/${slug(article.section)}/${article.isoDate.slice(0, 7).replace('-', '/')}/${slug(article.headline)}-${i}`
    }
    const profile = profiles[site] as SiteProfile
    const extras = pageExtras(random, profile, article.topic)
    const url = `https://${random() < 0.3 ? 'www.' : ''}${profile.host}${path}`
    const id = idOf(i)
    const record: CorpusRecord = random() < options.textShare ? { id, url, text: renderText(profile, article, extras) } : { id, url, html: renderHtml(profile, article, extras, url) }
    yield { record, site, ...(duplicateOf !== undefined ? { duplicateOf } : {}), ...(duplicateKind !== undefined ? { duplicateKind } : {}) }
  }
}

async function writeChunk(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain')
}

/**
 * Writes `generateCorpus(options)` to `file` as JSONL, gzip-compressed when the name ends in
 * `.gz`, and returns what it wrote; the benchmark's input, reproducible from the options alone.
 */
export async function writeCorpus(file: string, options: Partial<CorpusOptions> = {}): Promise<CorpusStats> {
  const resolved: CorpusOptions = { ...DEFAULT_CORPUS_OPTIONS, ...options }
  validate(resolved)
  const output = createWriteStream(file)
  const gzip = file.endsWith('.gz') ? createGzip() : undefined
  if (gzip) gzip.pipe(output)
  const sink: Writable = gzip ?? output
  const finished = new Promise<void>((resolvePromise, reject) => {
    output.on('finish', () => resolvePromise())
    output.on('error', reject)
    gzip?.on('error', reject)
  })
  let bytes = 0
  let textRecords = 0
  let exactDuplicates = 0
  let nearDuplicates = 0
  let buffer = ''
  for (const doc of generateCorpus(resolved)) {
    const line = `${JSON.stringify(doc.record)}\n`
    bytes += Buffer.byteLength(line)
    if ('text' in doc.record) textRecords++
    if (doc.duplicateKind === 'exact') exactDuplicates++
    if (doc.duplicateKind === 'near') nearDuplicates++
    buffer += line
    if (buffer.length >= 1 << 16) {
      await writeChunk(sink, buffer)
      buffer = ''
    }
  }
  if (buffer.length > 0) await writeChunk(sink, buffer)
  sink.end()
  await finished
  return {
    file,
    documents: resolved.documents,
    sites: resolved.sites,
    htmlRecords: resolved.documents - textRecords,
    textRecords,
    exactDuplicates,
    nearDuplicates,
    bytes,
  }
}
