import { siteHost } from '../core/site-host.js'

/**
 * How documents without a URL (`.txt` and `.html` files, JSONL records without `url`) are grouped
 * into sites: `folder` by the name of the input file's parent folder (`(files)/<folder>`; files
 * at the input root form `(files)`), since scrapes are commonly saved one folder per site;
 * `single` puts them all in one group, `(files)`. Group names contain parentheses, so they never
 * clash with a host name, and no site pack can be written for them (packs apply to URLs).
 */
export type SiteGrouping = 'folder' | 'single'

/** The group of documents that have no usable URL and sit at the input root (or `single` grouping). */
export const FILES_GROUP = '(files)'

/**
 * The site a document belongs to for the repeated-block pass: the host of its URL, lower case,
 * without a trailing dot or one leading `www.` (as rule scopes and site packs name sites, so
 * learned lists can become packs); for a document without a URL that parses, its group under
 * `grouping` (default `folder`, see `SiteGrouping`).
 */
export function siteOf(doc: { readonly source: { readonly url?: string; readonly file?: string } }, grouping: SiteGrouping = 'folder'): string {
  const host = siteHost(doc.source.url)
  if (host !== undefined) return host
  if (grouping === 'single') return FILES_GROUP
  const folders = (doc.source.file ?? '').split(/[\\/]+/).filter((part) => part.length > 0 && part !== '.')
  const parent = folders.length >= 2 ? folders[folders.length - 2] : undefined
  return parent === undefined ? FILES_GROUP : `${FILES_GROUP}/${parent}`
}
