import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Document } from '../../src/core/document.js'

/** The shared hostile-input fixtures, next to the repository. */
export const BADINPUTS = fileURLToPath(new URL('../../../shared/badinputs/', import.meta.url))

/** The repository's seed documents. */
export const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url))

/** One expected outcome from badinputs/MANIFEST.json. */
export interface ManifestEntry {
  readonly path: string
  readonly generated: boolean
  readonly expect: string
  readonly code: string
}

/** Every committed (not generated) fixture whose path starts with `folder/`. */
export async function manifestEntries(folder: string): Promise<ManifestEntry[]> {
  const manifest = JSON.parse(await readFile(path.join(BADINPUTS, 'MANIFEST.json'), 'utf8')) as { files: ManifestEntry[] }
  return manifest.files.filter((f) => !f.generated && f.path.startsWith(`${folder}/`))
}

/** Drains an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

/** Issue codes of a document, in order. */
export function codes(doc: Document): string[] {
  return doc.issues.map((i) => i.code)
}

/** A fresh temp folder with the given files (path → content); returns its path. */
export async function tempTree(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'decruft-readers-'))
  for (const [relative, content] of Object.entries(files)) {
    const absolute = path.join(root, relative)
    await mkdir(path.dirname(absolute), { recursive: true })
    await writeFile(absolute, content)
  }
  return root
}

/** Removes a folder made by `tempTree`. */
export async function removeTree(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true })
}
