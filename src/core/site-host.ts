/**
 * The site a URL belongs to, as rule scopes, site packs and the corpus pass name sites: its
 * host in lower case, without a trailing dot or one leading `www.`; undefined when the URL
 * does not parse or has no host. One definition, so a learned site and a scope always agree.
 */
export function siteHost(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '')
    return host.length > 0 ? host : undefined
  } catch {
    return undefined
  }
}
