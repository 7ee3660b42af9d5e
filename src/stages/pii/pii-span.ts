/**
 * The kinds of sensitive data the pii stage finds, and one match of them in a text. Kept apart
 * from the detectors so that detectors, masking and counting share one vocabulary.
 */

/** What a match is: an e-mail address, a phone number, or an IPv4/IPv6 address. */
export type PiiKind = 'email' | 'phone' | 'ip'

/** The kinds in reporting order; every count object has all three. */
export const PII_KINDS: readonly PiiKind[] = ['email', 'phone', 'ip']

/** One match: its kind and its UTF-16 offsets in the text (`end` exclusive). */
export interface PiiSpan {
  readonly kind: PiiKind
  readonly start: number
  readonly end: number
}

/** The placeholder that replaces a match of each kind when masking, so a reader sees what was there. */
export const PII_MASKS: Readonly<Record<PiiKind, string>> = { email: '[EMAIL]', phone: '[PHONE]', ip: '[IP]' }
