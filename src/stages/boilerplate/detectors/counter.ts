import type { Detector } from './detector.js'

/** Currency codes and magnitude suffixes, standing alone or glued to a number ("1.2k", "3bn"), never inside a word. */
const CURRENCY_CODE = /(?<!\p{L})(?:usd|eur|gbp|rub|jpy|chf|cad|aud|k|m|mn|bn)(?!\p{L})/giu
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
