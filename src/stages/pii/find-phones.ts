import type { PiiSpan } from './pii-span.js'

/**
 * A candidate: an optional `+` (or `(`), then digit groups joined by single separators (space,
 * no-break space, `-`, `.`, `/`) or parentheses. Commas never join a phone number, so `1,234,567`
 * cannot start one. Each candidate is then judged by `isPhoneNumber`.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_+#/.,-]|\d:)(?:\+|\(\+?)?\d(?:\d|[ \u00A0./-](?=[\d(])|\) ?(?=\d)|\((?=\d)){0,24}\d\)?(?![\p{L}\p{N}_%‰]|[.,/:-]\d)/gu

/** E.164 allows at most 15 digits; fewer than 7 is an extension or a number of something. */
const MAX_DIGITS = 15
/** Without a `+` or a word such as "Tel", a number needs this many digits (area code + subscriber). */
const MIN_DIGITS_PLAIN = 9
/** After "+", "00" or a phone word: country or area code plus a subscriber number. */
const MIN_DIGITS_MARKED = 7

/** Words before a number that say it is a phone number, in the languages the corpus has. */
const PHONE_WORD_BEFORE =
  /(?:\b(?:tel|tél|telf|phone|ph|fax|mobile|mob|cell|call|whatsapp|gsm|telefon|telefone|teléfono|téléphone|celular|cep|hotline)\b\.?|☎|📞|📱|هاتف|جوال|تلفن|موبایل|فون|نمبر)[^\p{L}\p{N}]{0,6}$/iu

/** A currency sign or code right before the number: it is a price. */
const CURRENCY_BEFORE = /(?:[$€£¥₺₹₽₩¢]|\b(?:r\$|us\$|usd|eur|gbp|tl|try|rs|inr|brl|aed|sar|pkr|irr|rial|riyal)\b\.?)\s*$/iu
/** A currency sign or word right after the number: it is a price. */
const CURRENCY_AFTER = /^\s*(?:[$€£¥₺₹₽₩¢]|(?:usd|eur|gbp|tl|try|rs|inr|brl|dollars?|euros?|reais|lira|rupees?|riyals?|تومان|ریال|روپے)\b)/iu
/**
 * "v1.2.3", "version 10.0.138": a version number; "ISBN 978-3-16-148410-0", "arXiv:2512.16245",
 * "VAT No: GB 716 6328 31", an IBAN's "BE43 …": an identifier, not a phone number.
 */
const IDENTIFIER_BEFORE =
  /(?:\bv|\bver\.?|version|versão|versión|sürüm|build|release|isbn(?:-1[03])?|issn|doi|arxiv|vat|iban|steuernummer|tax|invoice|order|sku|serial|patent)\b[^\p{L}\p{N}]{0,3}(?:(?:[a-z]{2}|no\.?|number|nr\.?):?\s?){0,2}$|\b[A-Z]{2}\d{2}\s?$/iu

/** Dates written with separators: 2024-01-15, 15.01.2024, 01/15/2024, 15-1-24. */
const DATE_SHAPE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/u
/** A full date inside a longer run (text glued to a date: "202221/04/2022"). */
const DATE_INSIDE = /\d{1,2}([./])\d{1,2}\1(?:19|20)\d\d|(?:19|20)\d\d([./-])\d{1,2}\2\d{1,2}/u
/** A US ZIP+4 code (`60611-4087`). */
const ZIP_PLUS_FOUR = /^\d{5}-\d{4}$/u
/** A year from 1900 to 2099, alone in a group ("2019-2020", "1998 2004 2010"). */
const YEAR = /^(?:19|20)\d\d$/u

/** How far back and forward the context checks look. */
const CONTEXT_CHARS = 30

/**
 * Finds phone numbers in a text, in order: international (`+44 20 7946 0958`, `0044 …`),
 * national with an area code in parentheses or grouped by separators (`(11) 2746-2118`,
 * `0212 506 06 42`, `555-123-4567`), and any 7+ digit number after a word such as "Tel".
 * Dates, year ranges, prices, thousands (`1 234 567`), version numbers and bare digit runs
 * (ids, timestamps) are not phone numbers; neither are dotted quads (IP addresses).
 */
export function findPhones(text: string): PiiSpan[] {
  const spans: PiiSpan[] = []
  for (const m of text.matchAll(CANDIDATE)) {
    // A closing parenthesis without an opening one belongs to the sentence: "(or +1-415-433-1740)".
    const candidate = m[0].endsWith(')') && !m[0].includes('(') ? m[0].slice(0, -1) : m[0]
    const before = text.slice(Math.max(0, m.index - CONTEXT_CHARS), m.index)
    const after = text.slice(m.index + candidate.length, m.index + candidate.length + CONTEXT_CHARS)
    if (isPhoneNumber(candidate, before, after)) spans.push({ kind: 'phone', start: m.index, end: m.index + candidate.length })
  }
  return spans
}

/** Judges one candidate given the text just before and after it. */
function isPhoneNumber(candidate: string, before: string, after: string): boolean {
  const digits = candidate.replace(/\D/gu, '')
  if (digits.length > MAX_DIGITS) return false
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after) || IDENTIFIER_BEFORE.test(before)) return false
  if (DATE_SHAPE.test(candidate) || DATE_INSIDE.test(candidate) || ZIP_PLUS_FOUR.test(candidate)) return false
  // Dots in a phone number separate every group; mixed with spaces or brackets they are decimals ("113.88 (17.35)").
  if (candidate.includes('.') && /[ \u00A0()/-]/u.test(candidate)) return false
  const groups = candidate.split(/[^\d]+/u).filter((g) => g !== '')
  // Years alone or two of them ("2019 2020", "1-10 (1930-1939)", "1987/88-1991/92") date something.
  if (groups.every((g) => YEAR.test(g)) || groups.filter((g) => YEAR.test(g)).length >= 2) return false
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/u.test(candidate)) return false
  // "00" is the international prefix only before a country code, which never starts with 0.
  const international = candidate.startsWith('+') || candidate.startsWith('(+') || /^00[1-9]/u.test(candidate)
  const marked = international || PHONE_WORD_BEFORE.test(before)
  if (digits.length < (marked ? MIN_DIGITS_MARKED : MIN_DIGITS_PLAIN)) return false
  if (marked) return true
  const separated = groups.length >= 2 || candidate.includes('(')
  if (!separated) return false
  if (isThousandsGrouping(candidate, groups)) return false
  // A one-digit group after the first is a code or a version (978-3-16-…, 10.0.1.23), not a phone;
  // a leading one ("1-800-…") is a country or trunk prefix.
  if (groups.slice(1).some((g) => g.length === 1)) return false
  // Dotted phone numbers have three or more groups (555.123.4567); two are a decimal or an id.
  if (/^[\d.]+$/u.test(candidate) && groups.length < 3) return false
  return true
}

/** `1 234 567` or `12.345.678`: a first group of 1-3 digits, then groups of exactly three. */
function isThousandsGrouping(candidate: string, groups: readonly string[]): boolean {
  if (candidate.includes('(') || /[-/]/u.test(candidate)) return false
  const [first, ...rest] = groups
  return first !== undefined && first.length <= 3 && rest.length > 0 && rest.every((g) => g.length === 3)
}
