import type { PiiSpan } from './pii-span.js'

/** Dotted quads with each part 0-255 and no leading zeros; not inside a longer dotted number. */
const IPV4 = /(?<![\p{L}\p{N}.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\p{L}\p{N}]|\.\d)/gu

/** Candidates for IPv6: hex groups and colons (at least two), optionally ending in a dotted quad; checked in code. */
const IPV6_CANDIDATE = /(?<![\p{L}\p{N}:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\p{L}\p{N}:]|\.\d)/gu

/** A version number is not an address: `v1.2.3.4`, `version 4.0.1.2`, `Versão 2.1.0.3`. */
const VERSION_BEFORE = /(?:\bv|\bver\.?|version|versão|versión|sürüm|build|release)\s*$/iu

/**
 * Words that make a quad starting with a one-digit number (`8.8.8.8`, `4.7.0.75`) an address
 * rather than a version or section number.
 */
const ADDRESS_BEFORE = /\b(?:ip|ipv4|dns|servers?|hosts?|address|gateway|adres[i]?|endereço|dirección)\b[^\n]{0,20}$/iu

/** How far back the context checks look. */
const CONTEXT_CHARS = 30

/**
 * Finds IPv4 and IPv6 addresses in a text, in order. Four-part version numbers (after "v",
 * "version", or a slash as in `nginx/1.9.7.1`) are not addresses, and a quad whose first number
 * has one digit (`4.7.0.75`, `1.2.3.4`: versions and section numbers) counts only after a word
 * such as "IP", "DNS" or "server".
 */
export function findIpAddresses(text: string): PiiSpan[] {
  const v6: PiiSpan[] = []
  // Most text has neither two colons nor a dotted number: skip the scans then.
  const mayHaveV6 = /:[0-9A-Fa-f]{0,4}:/u.test(text)
  const mayHaveV4 = /\d\.\d/u.test(text)
  if (!mayHaveV6 && !mayHaveV4) return []
  for (const m of mayHaveV6 ? text.matchAll(IPV6_CANDIDATE) : []) {
    if (isIpv6(m[0])) v6.push({ kind: 'ip', start: m.index, end: m.index + m[0].length })
  }
  const spans: PiiSpan[] = [...v6]
  for (const m of mayHaveV4 ? text.matchAll(IPV4) : []) {
    // The dotted quad at the end of `::ffff:192.0.2.128` is part of that IPv6 address.
    if (v6.some((s) => s.start <= m.index && m.index < s.end)) continue
    const before = text.slice(Math.max(0, m.index - CONTEXT_CHARS), m.index)
    if (VERSION_BEFORE.test(before) || before.endsWith('/')) continue
    if ((m[0].split('.')[0] ?? '').length === 1 && !ADDRESS_BEFORE.test(before)) continue
    spans.push({ kind: 'ip', start: m.index, end: m.index + m[0].length })
  }
  return spans.sort((a, b) => a.start - b.start)
}

/**
 * True for a full (8 groups) or compressed (`::`, fewer groups) IPv6 address, optionally with a
 * dotted quad in place of the last two groups. Needs a digit, so `beef::cafe` in prose is not one;
 * clock times (`10:30:45`) and MAC addresses have too few groups and no `::`.
 */
function isIpv6(candidate: string): boolean {
  if (!/\d/.test(candidate)) return false
  const halves = candidate.split('::')
  if (halves.length > 2) return false
  let groups = 0
  for (const [h, half] of halves.entries()) {
    if (half === '') continue
    const parts = half.split(':')
    for (const [i, part] of parts.entries()) {
      const last = h === halves.length - 1 && i === parts.length - 1
      if (last && part.includes('.')) {
        if (!/^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(part)) return false
        groups += 2
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) {
        groups += 1
      } else {
        return false
      }
    }
  }
  // Compressed: `::1` (loopback) or at least two groups, so `7::` and `30::` in prose are not addresses.
  if (halves.length === 2) return groups <= 7 && (groups >= 2 || (candidate.startsWith('::') && groups === 1))
  return groups === 8
}
