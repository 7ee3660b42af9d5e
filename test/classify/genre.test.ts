import { describe, expect, it } from 'vitest'
import { classifyGenre } from '../../src/stages/classify/genre.js'

const dashInterview = [
  'The harbour master has run the port for twelve years. We spoke to him about the new terminal and the season ahead.',
  '— How has the work changed since the new terminal opened last spring?',
  '— Ships are bigger and they stay shorter. We plan each berth by the hour now, and the crews expect the cranes to be ready when they arrive.',
  '— Are the fishermen still worried that the cargo traffic will push them out?',
  '— Some are. We kept the old quay for them and moved the fuel barges to the outer basin, which took a year of negotiation.',
  '— What would you change if you could start again?',
  '— I would build the second breakwater first. Storms cost us more days than anything else.',
]

const qaInterview = [
  'Q: When did you start painting?',
  'A: At nineteen, after I left the army. I had no training at all and copied the old masters at the museum.',
  'Q: Do you still copy?',
  'A: Every morning, for an hour. It keeps the hand honest.',
  'Q: What are you working on now?',
  'A: A series of harbours at night, mostly in blue and grey.',
]

const speakerInterview = [
  'Martin Keller: Why did the orchestra cancel the tour?',
  'Anna Weber: The hall in the second city closed for repairs and we could not find another date before the summer.',
  'Martin Keller: Will the programme change next season?',
  'Anna Weber: A little. We add two contemporary pieces and keep the symphony cycle.',
]

const newsReport = [
  'The regional transport authority announced on Monday that fares on all bus and tram lines will rise by four percent from March 1.',
  'The increase is needed to cover higher energy and wage costs, the authority said in a statement, adding that monthly passes for students and pensioners would stay at their 2023 price.',
  'Passenger groups criticised the decision. "Fares have gone up three times in two years," a spokeswoman for the commuters\' association told reporters.',
  'According to the authority, ridership grew by nine percent last year, but revenue did not keep pace with costs.',
]

const opinionPiece = [
  'I think it is time we stopped pretending that more parking will save the high street.',
  'In my view, the shops that closed did not fail because people could not park. They failed because I, like most of my neighbours, no longer had a reason to walk there.',
  'We should give the street back to people on foot. We must plant trees, widen the pavements and let the market stalls stay all week.',
  'Of course, this will annoy some drivers. But surely a town centre is more than a car park with shops around it, and I believe most of us know that.',
]

const listing = [
  'Fresh bread and pastries',
  'Organic vegetables from local farms',
  'Cheese counter and deli',
  'Fish on Fridays',
  'Flowers and plants',
  'Coffee bar, open from 7 am',
  'Free parking for customers',
]

describe('classifyGenre', () => {
  it('reads dash-marked question and answer turns as an interview', () => {
    const decision = classifyGenre(dashInterview, {})
    expect(decision.genre).toBe('interview')
    expect(decision.reason).toMatch(/^6 of 7 paragraphs are question\/answer turns/)
  })

  it('reads Q:/A: turns as an interview', () => {
    expect(classifyGenre(qaInterview, {}).genre).toBe('interview')
  })

  it('reads alternating Name: speaker labels with questions as an interview', () => {
    expect(classifyGenre(speakerInterview, {}).genre).toBe('interview')
  })

  it('does not call a text an interview when its dash paragraphs ask no questions', () => {
    const statements = dashInterview.map((p) => p.replace(/\?$/, '.'))
    expect(classifyGenre(statements, {}).genre).not.toBe('interview')
  })

  it('reads a dated report with attributed statements as news', () => {
    const decision = classifyGenre(newsReport, {})
    expect(decision.genre).toBe('news')
    expect(decision.reason).toMatch(/reporting verbs/)
  })

  it('reads a text with a dateline in its metadata as news', () => {
    const decision = classifyGenre(newsReport.slice(0, 1), { dateline: 'LISBON (Reuters)' })
    expect(decision).toEqual({ genre: 'news', reason: 'dateline in meta: "LISBON (Reuters)"' })
  })

  it('reads a first-person argument as opinion', () => {
    const decision = classifyGenre(opinionPiece, {})
    expect(decision.genre).toBe('opinion')
    expect(decision.reason).toMatch(/argument markers/)
  })

  it('reads a report marked as a column in its metadata as opinion', () => {
    expect(classifyGenre(newsReport, { title: 'Opinion: Why fares must rise' }).genre).toBe('opinion')
  })

  it('ignores first person inside quotations when judging opinion', () => {
    const quoted = newsReport.map((p) => p.replace('Fares have gone up', 'I think we should admit that I, my family and my neighbours have seen fares go up'))
    expect(classifyGenre(quoted, {}).genre).toBe('news')
  })

  it('reads a run of short items as a listing', () => {
    const decision = classifyGenre(listing, {})
    expect(decision).toEqual({ genre: 'listing', reason: '7 of 7 blocks are short list-like items' })
  })

  it('reads bulleted items as a listing even when they end in full stops', () => {
    const bulleted = ['• Bring a valid ID.', '• Arrive ten minutes early.', '• Phones stay off.', '• No food in the hall.', '• Results by e-mail.']
    expect(classifyGenre(bulleted, {}).genre).toBe('listing')
  })

  it('reads a Portuguese report by its attributions, officials and weekdays', () => {
    const report = [
      'A prefeitura anunciou nesta segunda-feira um novo plano de obras para o centro da cidade, com a reforma de três praças e a ampliação das calçadas.',
      'Segundo o secretário de obras, as intervenções começam em março e devem durar oito meses. O prefeito disse que o custo será coberto pelo governo estadual.',
      'A polícia informou que o trânsito será desviado durante as obras.',
    ]
    const decision = classifyGenre(report, {})
    expect(decision.genre).toBe('news')
    expect(decision.reason).toMatch(/reporting verbs, \d+ officials and \d+ day references/)
    expect(classifyGenre(report, {}, 'pt')).toEqual(decision)
  })

  it('reads a Turkish report with suffixed office titles as news', () => {
    const report = [
      'Belediye Başkanı Ahmet Yılmaz, dün düzenlenen törende yeni parkın açılışını yaptı ve parkın tüm mahalle sakinlerine hizmet vereceğini söyledi.',
      'Başkanlığın yaptığı açıklamada, parkta çocuk oyun alanları, yürüyüş yolları ve spor aletlerinin bulunduğu belirtildi.',
      'Törene ilçe emniyet müdürü ve çok sayıda vatandaş katıldı.',
    ]
    expect(classifyGenre(report, {}).genre).toBe('news')
  })

  it('does not read a shop page that speaks to the buyer as news, even with a weekday in it', () => {
    const shop = [
      'Order today and your new kettle ships on Monday. The price includes shipping to your door, and you can return it within thirty days.',
      'You will love the quiet boil and the light body. Buy two and get a discount on your next order; the offer is in stock while it lasts.',
      'Your kettle comes with a two-year warranty and free descaling tablets for your first year.',
    ]
    expect(classifyGenre(shop, {}).genre).toBe('other')
  })

  it('has no wording cues for a language without lists, so a plain text stays other', () => {
    const decision = classifyGenre(newsReport, {}, 'xx')
    expect(decision).toEqual({ genre: 'other', reason: 'no interview or listing structure, and no wording cues for this language' })
  })

  it('reads plain question paragraphs that ask "you" and get first-person answers as an interview', () => {
    const plain = [
      'The composer has written four operas in ten years. We asked her about the new one.',
      'What drew you to this story?',
      'I read the letters of the captain when I was a student, and I could not forget them. They are funny and very sad at once.',
      'How do you work with the librettist?',
      'We meet every Tuesday. I bring melodies, she brings scenes, and we argue until both fit.',
      'Do you write at the piano?',
      'Never. I write at the kitchen table and play it afterwards, which my neighbours regret.',
    ]
    const decision = classifyGenre(plain, {})
    expect(decision.genre).toBe('interview')
    expect(decision.reason).toBe('3 of 3 question paragraphs ask "you" and are answered in the first person')
  })

  it('does not read an FAQ with question headings as an interview', () => {
    const faq = [
      'How do I reset my password?',
      'Open the login page and choose "Forgot password". You will get an e-mail with a link that works for one hour.',
      'Can I change my user name?',
      'Yes. Go to your profile, choose Edit, and type the new name. Your old name stays reserved for thirty days.',
      'How do I delete my account?',
      'Write to support from the address you signed up with, and your data is removed within a week.',
    ]
    expect(classifyGenre(faq, {}).genre).not.toBe('interview')
  })

  it('knows a speaker by surname after the first full-name label', () => {
    const turns = [
      'Radio: What did the prize change for the clinic?',
      'Maria Lopez: We could hire two more nurses and keep the night ward open all year, which the town had asked for since 2015.',
      'Radio: What comes next?',
      'Lopez: A second clinic in the valley, if the council gives us the old school building.',
    ]
    expect(classifyGenre(turns, {}).genre).toBe('interview')
  })

  it('reads a page of teasers cut off with an ellipsis or "read more" as a listing', () => {
    const teasers = [
      'Latest posts',
      'The town council met on Tuesday to discuss the new bus lanes, and the debate went on long into the night as residents…',
      'Our summer reading list is out, with twelve novels from small presses that deserve far more attention than they get... Continue reading',
      'A visit to the oldest bakery in the valley, where the ovens have not gone cold since 1902 and the recipes [...]',
    ]
    expect(classifyGenre(teasers, {})).toEqual({ genre: 'listing', reason: '3 blocks are teasers cut off with "…" or "read more"' })
  })

  it('calls a short plain text other and says why', () => {
    expect(classifyGenre(['Thanks for reading.'], {})).toEqual({ genre: 'other', reason: 'too little text to judge (3 words)' })
  })
})
