/**
 * Finds a calendar date in short text ("Tue Aug 16, 2016 17:52:15", "16 August 2016",
 * "2016-08-16T10:00:00Z") and returns it as ISO 8601 (YYYY-MM-DD) with the matched range.
 * Ambiguous all-numeric forms with slashes (08/09/2016) are not guessed.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
  januar: 1, februar: 2, märz: 3, maerz: 3, mai: 5, juni: 6, juli: 7, oktober: 10, dezember: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, juin: 6, juillet: 7, août: 8, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
}

const MONTH_NAME = '([A-Za-zÀ-ÿ]{3,9})\\.?'
const ISO = /(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/
const YMD_SLASH = /(\d{4})\/(\d{1,2})\/(\d{1,2})/
const DMY_DOT = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/
const MONTH_DAY_YEAR = new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`)
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?${MONTH_NAME},?\\s+(\\d{4})`)

/** A date found in text: ISO form and where it stood. */
export interface FoundDate {
  readonly iso: string
  readonly index: number
  readonly length: number
}

/** Returns the first recognisable calendar date in the text, or null. */
export function findDate(text: string): FoundDate | null {
  if (text.length > 400) text = text.slice(0, 400)
  const candidates: FoundDate[] = []
  const iso = ISO.exec(text)
  if (iso) push(candidates, iso, Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const ymd = YMD_SLASH.exec(text)
  if (ymd) push(candidates, ymd, Number(ymd[1]), Number(ymd[2]), Number(ymd[3]))
  const dmy = DMY_DOT.exec(text)
  if (dmy) push(candidates, dmy, Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
  const mdy = MONTH_DAY_YEAR.exec(text)
  if (mdy) push(candidates, mdy, Number(mdy[3]), monthNumber(mdy[1]), Number(mdy[2]))
  const dmy2 = DAY_MONTH_YEAR.exec(text)
  if (dmy2) push(candidates, dmy2, Number(dmy2[3]), monthNumber(dmy2[2]), Number(dmy2[1]))
  if (candidates.length === 0) return null
  candidates.sort((a, b) => a.index - b.index || b.length - a.length)
  return candidates[0] ?? null
}

/** Converts a date-like string to YYYY-MM-DD, or returns null when no date is recognised. */
export function toIsoDate(text: string): string | null {
  return findDate(text)?.iso ?? null
}

function monthNumber(name: string | undefined): number {
  return name ? (MONTHS[name.toLowerCase()] ?? 0) : 0
}

function push(out: FoundDate[], m: RegExpExecArray, year: number, month: number, day: number): void {
  if (!isValidDate(year, month, day)) return
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  out.push({ iso, index: m.index, length: m[0].length })
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= daysInMonth
}
