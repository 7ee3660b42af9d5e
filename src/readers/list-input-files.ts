import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../core/errors.js'

/** Fields every listed input file has. */
interface ListedFileBase {
  /** Absolute path, for messages; a name that is not UTF-8 shows U+FFFD for its bad bytes. */
  readonly path: string
  /** The path's exact bytes when `path` cannot spell them (a name that is not UTF-8); read from this. */
  readonly openPath?: Buffer
  /** Path relative to the input root it was found under, posix separators (a single-file input: its base name). */
  readonly file: string
  /** True for `.gz` files, which readers gunzip. */
  readonly gzip: boolean
  /** Size on disk in bytes when listed (what a run's size-dependent choices go by). */
  readonly bytes?: number
}

/** A text or HTML file: it becomes exactly one Document with the given id. */
export interface DocumentFile extends ListedFileBase {
  readonly kind: 'text' | 'html'
  readonly id: string
}

/** A JSONL file: each line becomes one Document, with the record's own id. */
export interface JsonlFile extends ListedFileBase {
  readonly kind: 'jsonl'
}

/** An input file the readers know how to read. */
export type ListedFile = DocumentFile | JsonlFile

/** Something found under an input path that will not be read, and why, so a run can report it. */
export interface SkippedFile {
  readonly path: string
  readonly reason: string
}

/** The files of a batch, in reading order, and everything that was left out. */
export interface InputListing {
  readonly files: readonly ListedFile[]
  readonly skipped: readonly SkippedFile[]
}

/** File name endings the readers accept, longest first so `.jsonl.gz` wins over `.gz`. */
const KNOWN_EXTENSIONS: readonly { readonly suffix: string; readonly kind: ListedFile['kind']; readonly gzip: boolean }[] = [
  { suffix: '.jsonl.gz', kind: 'jsonl', gzip: true },
  { suffix: '.html.gz', kind: 'html', gzip: true },
  { suffix: '.htm.gz', kind: 'html', gzip: true },
  { suffix: '.txt.gz', kind: 'text', gzip: true },
  { suffix: '.jsonl', kind: 'jsonl', gzip: false },
  { suffix: '.html', kind: 'html', gzip: false },
  { suffix: '.htm', kind: 'html', gzip: false },
  { suffix: '.txt', kind: 'text', gzip: false },
]

function classifyByName(name: string): (typeof KNOWN_EXTENSIONS)[number] | undefined {
  const lower = name.toLowerCase()
  return KNOWN_EXTENSIONS.find((e) => lower.endsWith(e.suffix) && lower.length > e.suffix.length)
}

function withoutExtension(file: string): string {
  const known = classifyByName(path.posix.basename(file))
  return known ? file.slice(0, file.length - known.suffix.length) : file
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

/** A file-system path: a string, or its bytes when a name in it is not UTF-8. */
type FsPath = string | Buffer

/** `folder/name`, as a string when the name is UTF-8, as bytes otherwise. */
function joinFsPath(folder: FsPath, name: Buffer): FsPath {
  const text = name.toString('utf8')
  if (typeof folder === 'string' && Buffer.from(text, 'utf8').equals(name)) return path.join(folder, text)
  return Buffer.concat([typeof folder === 'string' ? Buffer.from(folder, 'utf8') : folder, Buffer.from(path.sep), name])
}

/**
 * The real path (symbolic links resolved) as a key that keeps every byte: one latin-1 character
 * per byte, so names that are not UTF-8 stay distinct and prefixes compare byte by byte.
 */
async function realKey(fsPath: FsPath): Promise<string> {
  return (await realpath(fsPath, { encoding: 'buffer' })).toString('latin1')
}

/** A path as messages show it: bytes that are not UTF-8 become U+FFFD. */
function shown(fsPath: FsPath): string {
  return typeof fsPath === 'string' ? fsPath : fsPath.toString('utf8')
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep)
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : String(error)
}

/** A supported file found before ids are assigned. */
type FoundFile = Omit<DocumentFile, 'id' | 'kind'> & { readonly kind: ListedFile['kind'] }

/** Walks the input paths of one batch; its `seen` sets keep a folder or file from being listed twice. */
class InputWalker {
  readonly found: FoundFile[] = []
  readonly skipped: SkippedFile[] = []
  private readonly seenFolders = new Set<string>()
  private readonly seenFiles = new Set<string>()

  async addInput(input: string): Promise<void> {
    const absolute = path.resolve(input)
    let stats
    try {
      stats = await stat(absolute)
    } catch (error) {
      throw new UsageError(`input path ${input}: cannot open (${errorCode(error)})`)
    }
    if (stats.isDirectory()) {
      const root = await realKey(absolute)
      const fromRoot: FoundFile[] = []
      const skippedFromRoot: SkippedFile[] = []
      if (this.markSeen(this.seenFolders, root)) await this.walkFolder(absolute, '', root, fromRoot, skippedFromRoot)
      else skippedFromRoot.push({ path: absolute, reason: 'folder already listed' })
      fromRoot.sort((a, b) => compareBytes(a.file, b.file))
      skippedFromRoot.sort((a, b) => compareBytes(a.path, b.path))
      this.found.push(...fromRoot)
      this.skipped.push(...skippedFromRoot)
    } else if (stats.isFile()) {
      this.addFile(absolute, path.basename(absolute), await realKey(absolute), stats.size, this.found, this.skipped)
    } else {
      throw new UsageError(`input path ${input}: not a file or folder`)
    }
  }

  private markSeen(seen: Set<string>, realPath: string): boolean {
    if (seen.has(realPath)) return false
    seen.add(realPath)
    return true
  }

  private addFile(absolute: FsPath, file: string, realPath: string, bytes: number, found: FoundFile[], skipped: SkippedFile[]): void {
    const display = shown(absolute)
    const known = classifyByName(path.basename(display))
    if (!known) {
      skipped.push({ path: display, reason: 'unsupported file type (expected .txt, .html, .htm, .jsonl, optionally .gz)' })
      return
    }
    if (!this.markSeen(this.seenFiles, realPath)) {
      skipped.push({ path: display, reason: 'file already listed' })
      return
    }
    found.push({ path: display, ...(typeof absolute === 'string' ? {} : { openPath: absolute }), file, kind: known.kind, gzip: known.gzip, bytes })
  }

  private async walkFolder(folder: FsPath, relative: string, root: string, found: FoundFile[], skipped: SkippedFile[]): Promise<void> {
    let entries
    try {
      // Names as bytes: a name that is not UTF-8 would not survive a round trip through a string.
      entries = await readdir(folder, { withFileTypes: true, encoding: 'buffer' })
    } catch (error) {
      skipped.push({ path: shown(folder), reason: `cannot list folder (${errorCode(error)})` })
      return
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name))
    for (const entry of entries) {
      const name = entry.name.toString('utf8')
      const absolute = joinFsPath(folder, entry.name)
      const file = relative ? `${relative}/${name}` : name
      if (name.startsWith('.')) {
        skipped.push({ path: shown(absolute), reason: 'hidden' })
        continue
      }
      let target: string
      let stats
      try {
        target = await realKey(absolute)
        stats = await stat(absolute)
      } catch (error) {
        const code = errorCode(error)
        skipped.push({ path: shown(absolute), reason: code === 'ELOOP' ? 'symbolic link loop' : `cannot open (${code})` })
        continue
      }
      if (entry.isSymbolicLink() && !isInside(target, root)) {
        skipped.push({ path: shown(absolute), reason: 'symbolic link points outside the input folder' })
      } else if (stats.isDirectory()) {
        if (this.markSeen(this.seenFolders, target)) await this.walkFolder(absolute, file, root, found, skipped)
        else skipped.push({ path: shown(absolute), reason: 'folder already listed (symbolic link loop or duplicate)' })
      } else if (stats.isFile()) {
        this.addFile(absolute, file, target, stats.size, found, skipped)
      } else {
        skipped.push({ path: shown(absolute), reason: 'not a regular file' })
      }
    }
  }
}

/** The names that occur more than once. */
function duplicated(names: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const dupes = new Set<string>()
  for (const name of names) (seen.has(name) ? dupes : seen).add(name)
  return dupes
}

/**
 * Document ids for text/HTML files: the file name without extension; where names clash in the
 * batch, the relative path without extension; then the relative path with extension; and as a
 * last resort (same relative path under two input roots) a `~<n>` suffix in listing order.
 */
function assignIds(files: readonly FoundFile[]): string[] {
  const candidates: readonly ((f: FoundFile) => string)[] = [
    (f) => withoutExtension(path.posix.basename(f.file)),
    (f) => withoutExtension(f.file),
    (f) => f.file,
  ]
  let ids = files.map(candidates[0]!)
  for (const next of candidates.slice(1)) {
    const dupes = duplicated(ids)
    ids = ids.map((id, i) => (dupes.has(id) ? next(files[i]!) : id))
  }
  const dupes = duplicated(ids)
  const taken = new Set(ids)
  const counters = new Map<string, number>()
  return ids.map((id) => {
    if (!dupes.has(id)) return id
    let numbered: string
    do {
      const n = (counters.get(id) ?? 0) + 1
      counters.set(id, n)
      numbered = `${id}~${n}`
    } while (taken.has(numbered))
    taken.add(numbered)
    return numbered
  })
}

/**
 * Lists the readable files under the given input paths (files or folders), recursively, in a
 * deterministic order: inputs in the order given, each folder's files sorted by relative path in
 * byte order. Files are classified by name (`.txt`, `.html`/`.htm`, `.jsonl`, each optionally
 * `.gz`); anything else, hidden entries (name starting with '.'), non-regular files, symbolic links
 * leaving the input folder and folders or files already listed (symlink loops) are returned in
 * `skipped` with a reason. A missing input path is a UsageError naming it.
 */
export async function listInputFiles(inputs: readonly string[]): Promise<InputListing> {
  const walker = new InputWalker()
  for (const input of inputs) await walker.addInput(input)
  const documentFiles = walker.found.filter((f) => f.kind !== 'jsonl')
  const documentIds = assignIds(documentFiles)
  const ids = new Map(documentFiles.map((f, i) => [f, documentIds[i]!]))
  const files = walker.found.map((f): ListedFile =>
    f.kind === 'jsonl' ? { ...f, kind: 'jsonl' } : { ...f, kind: f.kind, id: ids.get(f)! },
  )
  return { files, skipped: walker.skipped }
}
