import { describe, expect, it } from 'vitest'
import { findEmails } from '../../src/stages/pii/find-emails.js'
import { findIpAddresses } from '../../src/stages/pii/find-ip-addresses.js'
import { findPhones } from '../../src/stages/pii/find-phones.js'
import { findPii } from '../../src/stages/pii/find-pii.js'

const texts = (text: string, spans: readonly { start: number; end: number }[]): string[] => spans.map((s) => text.slice(s.start, s.end))

describe('findEmails', () => {
  it('finds plain, dotted, plus-tagged and subdomain addresses', () => {
    const text = 'Write to anna.weber@example.org, to news+tips@mail.example.co.uk or (desk@örnek.com.tr).'
    expect(texts(text, findEmails(text))).toEqual(['anna.weber@example.org', 'news+tips@mail.example.co.uk', 'desk@örnek.com.tr'])
  })

  it('does not take handles, file names or a bare @ for addresses', () => {
    const text = 'Follow @decruft, open photo@2x.png, meet me @ 5pm, or mail user@localhost.'
    expect(findEmails(text)).toEqual([])
  })
})

describe('findPhones', () => {
  it('finds international numbers with + or 00 and grouped national numbers', () => {
    const text =
      'Call +44 20 7946 0958 or 0044 20 7946 0958; in Brazil (11) 2746-2118; in Istanbul 0212 506 06 42; ' +
      'in the US (555) 123-4567, 555-123-4567 or 555.123.4567, and +90-312-555-12-34.'
    expect(texts(text, findPhones(text))).toEqual([
      '+44 20 7946 0958',
      '0044 20 7946 0958',
      '(11) 2746-2118',
      '0212 506 06 42',
      '(555) 123-4567',
      '555-123-4567',
      '555.123.4567',
      '+90-312-555-12-34',
    ])
  })

  it('accepts a shorter or ungrouped number after a phone word', () => {
    const text = 'Tel: 5551234, telefone 11 98304-4567, WhatsApp 02125060642, هاتف 0123456789'
    expect(texts(text, findPhones(text))).toEqual(['5551234', '11 98304-4567', '02125060642', '0123456789'])
  })

  it('does not take dates, times, years or year ranges for phone numbers', () => {
    const text =
      'Published 2024-01-15 10:30, updated 15.01.2024 and 01/15/2024; the 1998-2004 war; seasons 2019 2020 2021; ' +
      'open 09:00-17:30 from 12/03/2021.'
    expect(findPhones(text)).toEqual([])
  })

  it('does not take prices, thousands or percentages for phone numbers', () => {
    const text =
      'It costs $1,299.99 or R$ 1.234.567,89, € 2 500 000 or 125 000 000 TL; population 1 234 567 and 12.345.678; ' +
      'turnover 123 456 789 dollars; growth 123456789%.'
    expect(findPhones(text)).toEqual([])
  })

  it('does not take version numbers, IP addresses, ISBNs or bare digit runs for phone numbers', () => {
    const text =
      'Install v10.0.138.2879 or version 2.10.1234.56, server 192.168.100.200, ISBN 978-3-16-148410-0, ' +
      'order 20240115103045, item 123456789012.'
    expect(findPhones(text)).toEqual([])
  })

  it('does not take tax and bank identifiers, ZIP codes, paper ids, score rows or glued timestamps for phone numbers', () => {
    const text =
      'VAT No: GB 716 6328 31, IBAN BE43 9672 1582 8501, Chicago, IL 60611-4087, arXiv:2512.16245, [2512.16245], ' +
      'What is your reaction? 0 0 0 0 0 0 0, closed 113.88 (17.35), volumes 1-10 (1930-1939), ' +
      'years 1987/88-1991/92, logged 2022-12-01 09:16:022022-12-01 09:22:10.'
    expect(findPhones(text)).toEqual([])
  })

  it('does not take digits inside words, URLs or hashtags', () => {
    const text = 'See example.com/items/555-123-4567, code AB5551234567, tag #5551234567.'
    expect(findPhones(text)).toEqual([])
  })
})

describe('findIpAddresses', () => {
  it('finds IPv4 and full or compressed IPv6 addresses', () => {
    const text = 'Hosts 192.168.0.1, 10.0.0.255 and DNS 8.8.4.4; IPv6 2001:0db8:85a3:0000:0000:8a2e:0370:7334, 2001:db8::1, ::1 and ::ffff:192.0.2.128.'
    expect(texts(text, findIpAddresses(text))).toEqual([
      '192.168.0.1',
      '10.0.0.255',
      '8.8.4.4',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '2001:db8::1',
      '::1',
      '::ffff:192.0.2.128',
    ])
  })

  it('does not take version numbers, out-of-range quads, section numbers or dates for IPv4', () => {
    const text =
      'Update to v1.2.3.4 or version 4.10.2.1; build 10.0.138.2879; 256.1.1.1; section 1.2.3.4; 12.05.2020; 1.2.3; ' +
      'Official OS 4.7.0.75; Server: openresty/1.9.7.1; CFML 5.3.6.61.'
    expect(findIpAddresses(text)).toEqual([])
  })

  it('takes a quad of single digits when a word says it is an address', () => {
    const text = 'Use the DNS server 8.8.8.8 or IP 1.1.1.1.'
    expect(texts(text, findIpAddresses(text))).toEqual(['8.8.8.8', '1.1.1.1'])
  })

  it('does not take clock times, MAC addresses, C++ scopes or ratios for IPv6', () => {
    const text = 'At 10:30:45 the card 00:1A:2B:3C:4D:5E failed in std::vector; the score was 3:2; beef::cafe; Oct. 30:: 2012; Production 7::'
    expect(findIpAddresses(text)).toEqual([])
  })
})

describe('findPii', () => {
  it('returns all kinds in text order without overlaps, addresses before phone numbers', () => {
    const text = 'Mail john.5551234567@example.com, call +1 555 123 4567, host 203.0.113.9.'
    expect(findPii(text).map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ['email', 'john.5551234567@example.com'],
      ['phone', '+1 555 123 4567'],
      ['ip', '203.0.113.9'],
    ])
  })
})
