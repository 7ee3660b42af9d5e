import type { Detector } from './detector.js'

const CURRENCY_CODE = /\b(?:usd|eur|gbp|rub|jpy|chf|cad|aud|k|m|mn|bn)\b/giu
const COUNTER_SHAPE = /^[\p{Sc}\p{N}\s.,:;%/+\-–—()[\]#×x*]*\p{N}[\p{Sc}\p{N}\s.,:;%/+\-–—()[\]#×x*]*$/u

/**
 * A block made only of numbers, currency signs and separators: donation meters ("2,500 $"),
 * share and view counters, pagination. Such a line carries no prose.
 */
export const detectCounter: Detector = (block) => {
  const text = block.text.trim()
  if (text.length === 0 || text.length > 60) return null
  const withoutCodes = text.replace(CURRENCY_CODE, ' ')
  if (!COUNTER_SHAPE.test(withoutCodes)) return null
  return { reason: 'only numbers, currency signs and separators' }
}
