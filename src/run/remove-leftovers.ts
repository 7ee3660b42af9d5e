import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isPartialFileName } from '../writers/atomic-file-writer.js'
import { isSpillFileName } from './document-spill.js'

/** Folders of an output that hold files written through temporary names. */
const OUTPUT_FOLDERS = ['', 'reports', 'learned-sites']

/**
 * Removes the temporary files a run that died (kill -9, power cut) left in an output folder, and
 * returns their paths; `keep` is a spill the run resumes from. Call it only while holding the run state's lock: a live run on the same
 * output would otherwise lose its files in progress.
 */
export async function removeLeftovers(outDir: string, keep?: string): Promise<string[]> {
  const removed: string[] = []
  for (const folder of OUTPUT_FOLDERS) {
    const dir = join(outDir, folder)
    let names: string[]
    try {
      names = await readdir(dir)
    } catch {
      continue
    }
    for (const name of names) {
      // Temporary files a run writes: atomic writers' `<name>.partial-<hex>` and the document spill.
      if (!(isPartialFileName(name) || isSpillFileName(name)) || join(dir, name) === keep) continue
      await rm(join(dir, name), { force: true })
      removed.push(join(dir, name))
    }
  }
  return removed
}
