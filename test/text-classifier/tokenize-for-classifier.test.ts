import { describe, expect, it } from 'vitest'
import { countTerms } from '../../src/text-classifier/count-terms.js'
import { tokenizeForClassifier } from '../../src/text-classifier/tokenize-for-classifier.js'

describe('tokenizeForClassifier', () => {
  it('lower-cases words, keeps inner apostrophes and drops punctuation', () => {
    expect(tokenizeForClassifier('Don’t stop, O\'Brien! 3.5% of U.S.')).toEqual(["don't", 'stop', "o'brien", '3', '5', 'of', 'u', 's'])
  })

  it('reads spaced scripts with their combining marks as words', () => {
    expect(tokenizeForClassifier('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया'])
    expect(tokenizeForClassifier('Привет, МИР')).toEqual(['привет', 'мир'])
    expect(tokenizeForClassifier('مرحبا بالعالم')).toEqual(['مرحبا', 'بالعالم'])
    expect(tokenizeForClassifier('한국어 문장입니다')).toEqual(['한국어', '문장입니다'])
  })

  it('folds compatibility forms and removes zero-width joiners, so variants of a word meet', () => {
    expect(tokenizeForClassifier('Ｆｕｌｌ ｗｉｄｔｈ')).toEqual(['full', 'width'])
    expect(tokenizeForClassifier('می‌خواهم')).toEqual(tokenizeForClassifier('میخواهم'))
  })

  it('splits scripts written without spaces into overlapping character pairs, apart from digits and Latin', () => {
    expect(tokenizeForClassifier('東京オリンピック2020は延期')).toEqual(['東京', '京オ', 'オリ', 'リン', 'ンピ', 'ピッ', 'ック', '2020', 'は延', '延期'])
    expect(tokenizeForClassifier('ภาษาไทย')).toEqual(['ภา', 'าษ', 'ษา', 'าไ', 'ไท', 'ทย'])
    expect(tokenizeForClassifier('a 中 b')).toEqual(['a', '中', 'b'])
  })

  it('gives nothing for text without letters or digits', () => {
    expect(tokenizeForClassifier(' — !? … ')).toEqual([])
  })
})

describe('countTerms', () => {
  it('counts words, and with ngrams 2 also adjacent pairs, in first-seen order', () => {
    expect([...countTerms(['a', 'b', 'a'], 1)]).toEqual([['a', 2], ['b', 1]])
    expect([...countTerms(['a', 'b', 'a', 'b'], 2)]).toEqual([['a', 2], ['a b', 2], ['b', 2], ['b a', 1]])
  })
})
