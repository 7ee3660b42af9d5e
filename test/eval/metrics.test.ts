import { describe, expect, it } from 'vitest'
import { commentLeak } from '../../src/eval/comment-leak.js'
import { mean } from '../../src/eval/mean.js'
import { aggregateShingleMatches, shingleMatch, shingles, tokensIdentical } from '../../src/eval/shingle-match.js'
import { normalizeWhitespace, snippetCounts, snippetScores } from '../../src/eval/snippet-counts.js'
import { tokenF1 } from '../../src/eval/token-f1.js'
import { tokenCounts, tokenize } from '../../src/eval/tokenize.js'

describe('tokenize', () => {
  it('keeps runs of letters, digits and underscores in any script, and drops punctuation', () => {
    expect(tokenize('Hello, wörld_1 — 42! Привет 東京')).toEqual(['Hello', 'wörld_1', '42', 'Привет', '東京'])
  })

  it('gives no tokens for empty, missing or punctuation-only text', () => {
    expect(tokenize('')).toEqual([])
    expect(tokenize(null)).toEqual([])
    expect(tokenize(' — !? ')).toEqual([])
  })

  it('counts repeated tokens', () => {
    expect([...tokenCounts(['a', 'b', 'a'])]).toEqual([['a', 2], ['b', 1]])
  })
})

describe('ScrapingHub shingles', () => {
  it('builds overlapping 4-token shingles', () => {
    expect([...shingles(['a', 'b', 'c', 'd', 'e'])]).toEqual([['a b c d', 1], ['b c d e', 1]])
  })

  it('gives a text of 1–3 tokens one shorter shingle, and an empty text none', () => {
    expect([...shingles(['a', 'b', 'c'])]).toEqual([['a b c', 1]])
    expect([...shingles(['a'])]).toEqual([['a', 1]])
    expect(shingles([]).size).toBe(0)
  })

  it('scores an identical prediction as all true positives', () => {
    expect(shingleMatch('one two three four five', 'one, two three four five!')).toEqual([1, 0, 0])
  })

  it('scores an empty prediction as all false negatives, and two empty texts as zeros', () => {
    expect(shingleMatch('one two three four five', '')).toEqual([0, 0, 1])
    expect(shingleMatch('', '')).toEqual([0, 0, 0])
  })

  it('normalises the counts of one document to sum to 1', () => {
    // gold {a b c d, b c d e}, prediction {a b c d, b c d x}: tp 1, fp 1, fn 1
    expect(shingleMatch('a b c d e', 'a b c d x')).toEqual([1 / 3, 1 / 3, 1 / 3])
  })

  it('compares short texts by their one shorter shingle', () => {
    // gold "one two three", prediction "one two": different shingles, tp 0 fp 1 fn 1
    expect(shingleMatch('one two three', 'one two')).toEqual([0, 0.5, 0.5])
  })

  it('counts shingles as a multiset and is case-sensitive', () => {
    // gold "a a a a a" has "a a a a" twice; the prediction has it once
    expect(shingleMatch('a a a a a', 'a a a a')).toEqual([0.5, 0, 0.5])
    expect(shingleMatch('The cat sat', 'the cat sat')).toEqual([0, 0.5, 0.5])
  })

  it('averages precision over documents with a prediction and recall over documents with gold', () => {
    // doc 1 perfect; doc 2 empty prediction (no precision, recall 0); doc 3 both empty (neither)
    const agg = aggregateShingleMatches([[1, 0, 0], [0, 0, 1], [0, 0, 0]])
    expect(agg.precision).toBe(1)
    expect(agg.recall).toBe(0.5)
    expect(agg.f1).toBeCloseTo(2 / 3, 15)
  })

  it('takes F1 of the averaged precision and recall, not the mean of per-document F1s', () => {
    // doc A: P 1, R 0.5 (F1 2/3); doc B: P 0.5, R 1 (F1 2/3); averages 0.75 and 0.75 → F1 0.75
    const agg = aggregateShingleMatches([[0.5, 0, 0.5], [0.5, 0.5, 0]])
    expect(agg.precision).toBe(0.75)
    expect(agg.recall).toBe(0.75)
    expect(agg.f1).toBe(0.75)
  })

  it('gives NaN for a set with no documents', () => {
    expect(aggregateShingleMatches([]).f1).toBeNaN()
    expect(mean([])).toBeNaN()
  })

  it('calls two texts identical when their token sequences are equal', () => {
    expect(tokensIdentical('Hello, world', 'Hello world!')).toBe(1)
    expect(tokensIdentical('hello world', 'Hello world')).toBe(0)
    expect(tokensIdentical('a b', 'a b c')).toBe(0)
  })
})

describe('bag-of-tokens F1 (WCXB word_f1)', () => {
  it('scores identical text 1 whatever the case and punctuation', () => {
    expect(tokenF1('The Cat sat.', 'the cat SAT')).toEqual({ precision: 1, recall: 1, f1: 1 })
  })

  it('scores an empty prediction 0', () => {
    expect(tokenF1('The cat sat.', '')).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(tokenF1('The cat sat.', ' — ')).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('scores an empty gold 1 for an empty prediction and 0 for any other', () => {
    expect(tokenF1('', '')).toEqual({ precision: 1, recall: 1, f1: 1 })
    expect(tokenF1('', 'words')).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('counts overlap as the smaller count of each token', () => {
    // gold the×2 cat sat on mat (6); prediction the×2 cat dog (4); overlap the 2 + cat 1 = 3
    const s = tokenF1('The cat sat on the mat', 'the cat the dog')
    expect(s.precision).toBe(0.75)
    expect(s.recall).toBe(0.5)
    expect(s.f1).toBeCloseTo(0.6, 15)
  })

  it('scores a prediction with no gold token 0', () => {
    expect(tokenF1('alpha beta', 'gamma delta')).toEqual({ precision: 0, recall: 0, f1: 0 })
  })
})

describe('comment leak', () => {
  const gold = 'The article text is here.'
  const comments = 'Great article text is here\nI disagree with you'

  it('ignores comment shingles that also occur in the gold article', () => {
    // comment shingles: "Great article text is", "article text is here" (in gold: ignored), "I disagree with you"
    const leak = commentLeak(gold, comments, 'The article text is here. I disagree with you')
    expect(leak?.shingle).toBe(0.5)
  })

  it('counts comment tokens in the prediction beyond what the gold article accounts for', () => {
    // 9 comment tokens; only i, disagree, with, you are in the prediction beyond the gold's counts
    expect(commentLeak(gold, comments, 'The article text is here. I disagree with you')?.token).toBeCloseTo(4 / 9, 15)
    expect(commentLeak(gold, comments, gold)).toEqual({ shingle: 0, token: 0 })
  })

  it('scores a prediction that keeps every comment 1', () => {
    expect(commentLeak(gold, comments, `${gold}\n${comments}`)).toEqual({ shingle: 1, token: 1 })
  })

  it('builds comment shingles per line, so short comments give one short shingle each', () => {
    // shingles "Nice" and "Thanks a lot"; matching is case-sensitive, so "nice" does not leak
    expect(commentLeak('Body text.', 'Nice!\nThanks a lot', 'Body text. nice. Thanks a lot')?.shingle).toBe(0.5)
  })

  it('gives no figure when every comment shingle is part of the gold article', () => {
    expect(commentLeak(gold, 'article text is here', 'anything')).toBeNull()
    expect(commentLeak(gold, '—', 'anything')).toBeNull()
  })

  it('has no token figure without a gold article', () => {
    expect(commentLeak(null, 'I disagree with you', 'I disagree with you')).toEqual({ shingle: 1, token: null })
  })
})

describe('trafilatura snippets', () => {
  it('finds snippets after collapsing whitespace on both sides, case-sensitively', () => {
    expect(normalizeWhitespace('  Hello \n\t world  ')).toBe('Hello world')
    // "Hello   world" found (tp), "missing" not (fn), "Share this" found (fp)
    expect(snippetCounts(['Hello   world', 'missing'], ['Share this'], 'Hello\n world!\nShare  this')).toEqual([1, 1, 1, 0])
    expect(snippetCounts(['hello world'], ['share this'], 'Hello world. Share this')).toEqual([0, 0, 1, 1])
  })

  it('misses every "with" snippet when the prediction is absent', () => {
    expect(snippetCounts(['a', 'b'], ['c'], null)).toEqual([0, 0, 2, 1])
  })

  it('scores pooled counts, with 0 for an empty denominator', () => {
    const s = snippetScores([1, 1, 1, 0])
    expect([s.precision, s.recall, s.f1]).toEqual([0.5, 0.5, 0.5])
    expect(s.accuracy).toBeCloseTo(1 / 3, 15)
    expect(snippetScores([0, 0, 0, 0])).toEqual({ precision: 0, recall: 0, accuracy: 0, f1: 0 })
  })
})
