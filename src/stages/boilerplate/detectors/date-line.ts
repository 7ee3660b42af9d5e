import { findDate } from '../../metadata/parse-date.js'
import type { Detector } from './detector.js'

const MAX_DATE_LINE_CHARS = 80
const LEFTOVER_ALLOWED =
  /^(?:(?:published|posted|updated|last updated|date|on|am|le|el|il|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at|um|gmt|utc|[ap]\.?m\.?|\d{1,2}(?::\d{2}){1,2}|[|:,\-–—/•·()]|\s)+)?$/iu

/**
 * A line that is essentially a publication date ("Tue Aug 16, 2016 17:52:15",
 * "Published: 16 August 2016"): the date goes to metadata instead of the text.
 */
export const detectDateLine: Detector = (block) => {
  const text = block.text.trim()
  if (text.length === 0 || text.length > MAX_DATE_LINE_CHARS) return null
  const found = findDate(text)
  if (!found) return null
  const leftover = text.slice(0, found.index) + ' ' + text.slice(found.index + found.length)
  if (!LEFTOVER_ALLOWED.test(leftover.trim())) return null
  return { meta: { date: found.iso }, reason: `date line (${found.iso})` }
}
