import type { CorpusPassResults } from './write-corpus-report.js'

const TOP_BLOCKS_PER_SITE = 10
const TOP_CLUSTERS = 10

/** Shortens a block's text for a table cell. */
function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

/**
 * The summary's section on the corpus passes, so a researcher sees in summary.md what the batch
 * taught: per site the learned blocks with their document frequency, and the duplicate clusters
 * with their sizes (reports/corpus.json has them all). Empty when no pass ran.
 */
export function renderCorpusSummary(results: CorpusPassResults): string[] {
  const lines: string[] = []
  if (!results.learned && !results.duplicates) return lines
  lines.push('## Corpus passes', '')
  if (results.learned) {
    const learning = results.learned.filter((s) => s.blocks.length > 0)
    lines.push(
      `**Repeated blocks**: ${learning.length} of ${results.learned.length} sites learned blocks, removed as \`corpus/repeated-block\`; each URL host's list is also a site pack to review in \`learned-sites/\`.`,
      '',
    )
    for (const site of learning) {
      lines.push(`- ${site.site} (${site.documents} documents):`)
      for (const block of site.blocks.slice(0, TOP_BLOCKS_PER_SITE)) {
        lines.push(`  - ${block.documents} documents (${Math.round(block.share * 100)}%): ${JSON.stringify(excerpt(block.sample))}`)
      }
      if (site.blocks.length > TOP_BLOCKS_PER_SITE) lines.push(`  - and ${site.blocks.length - TOP_BLOCKS_PER_SITE} more blocks`)
    }
    if (learning.length > 0) lines.push('')
  }
  const duplicates = results.duplicates
  if (duplicates) {
    const { clusters, drops } = duplicates.decisions
    const history = duplicates.signatures ? `, against ${duplicates.signatures.earlier} documents earlier runs published` : ''
    lines.push(
      `**Duplicates** (similarity ≥ ${duplicates.threshold} over ${duplicates.shingleWords}-word shingles${history}): ${duplicates.documents} documents compared, ${clusters.length} clusters, ${drops.size} documents dropped to rejects.jsonl with \`duplicate_of\`.`,
      '',
    )
    const largest = [...clusters].sort((a, b) => b.size - a.size || (a.survivor < b.survivor ? -1 : 1)).slice(0, TOP_CLUSTERS)
    for (const cluster of largest) {
      const kept = cluster.publishedEarlier ? `${JSON.stringify(cluster.survivor)} (published earlier)` : JSON.stringify(cluster.survivor)
      lines.push(`- ${cluster.size} documents, kept ${kept}; dropped ${cluster.members.map((m) => `${JSON.stringify(m.id)} (${m.kind === 'exact' ? 'exact' : m.similarity})`).join(', ')}`)
    }
    if (clusters.length > TOP_CLUSTERS) lines.push(`- and ${clusters.length - TOP_CLUSTERS} smaller clusters (all in reports/corpus.json)`)
    if (largest.length > 0) lines.push('')
  }
  return lines
}
