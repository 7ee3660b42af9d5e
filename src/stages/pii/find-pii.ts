import { findEmails } from './find-emails.js'
import { findIpAddresses } from './find-ip-addresses.js'
import { findPhones } from './find-phones.js'
import type { PiiSpan } from './pii-span.js'

/**
 * Finds all sensitive-data matches in a text, in order and never overlapping: e-mail addresses
 * first, then IP addresses, then phone numbers, each kept only where no earlier kind matched
 * (the digits of `john.5551234567@example.com` are part of an address, not a phone number).
 */
export function findPii(text: string): PiiSpan[] {
  const kept: PiiSpan[] = []
  for (const spans of [findEmails(text), findIpAddresses(text), findPhones(text)]) {
    for (const span of spans) {
      if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span)
    }
  }
  return kept.sort((a, b) => a.start - b.start)
}
