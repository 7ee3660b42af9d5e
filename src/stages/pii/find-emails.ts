import type { PiiSpan } from './pii-span.js'

/**
 * An e-mail address: a local part of letters, digits and `._%+-` (not starting or ending with a
 * dot), `@`, and a domain of dot-separated labels ending in a top-level domain of 2+ letters.
 * Letters may be non-Latin (internationalised addresses).
 */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-](?:[\p{L}\p{N}._%+-]{0,62}[\p{L}\p{N}_%+-])?@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?![\p{L}\p{N}-])/gu

/** File extensions that look like a top-level domain after an `@` (`photo@2x.png`) but are none. */
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|bmp|ico|tiff?|pdf|js|css|mp[34]|webm|avif)$/iu

/** Finds the e-mail addresses in a text, in order. Obfuscated forms ("name at example dot com") are not matched. */
export function findEmails(text: string): PiiSpan[] {
  if (!text.includes('@')) return []
  return [...text.matchAll(EMAIL)]
    .filter((m) => !FILE_EXTENSION.test(m[0]))
    .map((m) => ({ kind: 'email' as const, start: m.index, end: m.index + m[0].length }))
}
