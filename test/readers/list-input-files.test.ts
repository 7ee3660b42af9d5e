import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { listInputFiles, type DocumentFile, type ListedFile } from '../../src/readers/list-input-files.js'
import { readFileDocument } from '../../src/readers/read-file-document.js'
import { removeTree, tempTree } from './helpers.js'

const roots: string[] = []
async function tree(files: Record<string, string> = {}): Promise<string> {
  const root = await tempTree(files)
  roots.push(root)
  return root
}
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTree))
})

const idOf = (files: readonly ListedFile[], file: string) => {
  const found = files.find((f) => f.file === file)
  return found && found.kind !== 'jsonl' ? found.id : undefined
}
const skippedNames = (root: string, skipped: readonly { path: string; reason: string }[]) =>
  skipped.map((s) => [path.relative(root, s.path), s.reason] as const)

describe('listInputFiles', () => {
  it('lists a folder recursively, sorted by relative path in byte order', async () => {
    const root = await tree({ 'b.txt': 'x', 'B.txt': 'x', 'a/z.txt': 'x', 'a-b.txt': 'x', 'é.txt': 'x', 'z.txt': 'x' })
    const { files } = await listInputFiles([root])
    expect(files.map((f) => f.file)).toEqual(['B.txt', 'a-b.txt', 'a/z.txt', 'b.txt', 'z.txt', 'é.txt'])
  })

  it('classifies files by name, including gzip-wrapped ones', async () => {
    const root = await tree({ 'a.txt': '', 'b.html': '', 'c.HTM': '', 'd.jsonl': '', 'e.jsonl.gz': '', 'f.txt.gz': '', 'g.html.gz': '' })
    const { files } = await listInputFiles([root])
    expect(files.map((f) => [f.file, f.kind, f.gzip])).toEqual([
      ['a.txt', 'text', false],
      ['b.html', 'html', false],
      ['c.HTM', 'html', false],
      ['d.jsonl', 'jsonl', false],
      ['e.jsonl.gz', 'jsonl', true],
      ['f.txt.gz', 'text', true],
      ['g.html.gz', 'html', true],
    ])
  })

  it('skips unsupported extensions and hidden entries with a reason, without walking hidden folders', async () => {
    const root = await tree({ 'keep.txt': 'x', 'notes.pdf': 'x', 'data.csv.gz': 'x', '.hidden.txt': 'x', '.git/HEAD.txt': 'x' })
    const { files, skipped } = await listInputFiles([root])
    expect(files.map((f) => f.file)).toEqual(['keep.txt'])
    expect(skippedNames(root, skipped)).toEqual([
      ['.git', 'hidden'],
      ['.hidden.txt', 'hidden'],
      ['data.csv.gz', expect.stringContaining('unsupported file type')],
      ['notes.pdf', expect.stringContaining('unsupported file type')],
    ])
  })

  it('uses the file name without extension as id, and the relative path where names clash', async () => {
    const root = await tree({ 'solo.txt': 'x', 'page.txt': 'x', 'news/page.html': 'x', 'blog/page.txt.gz': 'x', 'data.jsonl': 'x' })
    const { files } = await listInputFiles([root])
    expect(idOf(files, 'solo.txt')).toBe('solo')
    expect(idOf(files, 'page.txt')).toBe('page')
    expect(idOf(files, 'news/page.html')).toBe('news/page')
    expect(idOf(files, 'blog/page.txt.gz')).toBe('blog/page')
    expect(files.find((f) => f.file === 'data.jsonl')).not.toHaveProperty('id')
  })

  it('keeps the extension in the id when two files differ only by extension', async () => {
    const root = await tree({ 'a/page.txt': 'x', 'a/page.html': 'x' })
    const { files } = await listInputFiles([root])
    expect(files.map((f) => (f.kind === 'jsonl' ? '' : f.id))).toEqual(['a/page.html', 'a/page.txt'])
  })

  it('numbers ids that still clash across input roots, in listing order', async () => {
    const first = await tree({ 'sub/x.txt': 'x' })
    const second = await tree({ 'sub/x.txt': 'x' })
    const { files } = await listInputFiles([first, second])
    expect(files.map((f) => (f.kind === 'jsonl' ? '' : f.id))).toEqual(['sub/x.txt~1', 'sub/x.txt~2'])
  })

  it('lists and reads a file whose name is not UTF-8, showing the bad byte as U+FFFD', async () => {
    const root = await tree({ 'good.txt': 'Good text.' })
    const latin1Name = Buffer.concat([Buffer.from(path.join(root, 'caf')), Buffer.from([0xe9]), Buffer.from('.txt')])
    writeFileSync(latin1Name, 'Text under a latin-1 name.')
    const { files, skipped } = await listInputFiles([root])
    expect(skipped).toEqual([])
    const odd = files.find((f) => f.file === 'caf\uFFFD.txt')
    expect(odd?.openPath?.equals(latin1Name)).toBe(true)
    expect(idOf(files, 'caf\uFFFD.txt')).toBe('caf\uFFFD')
    const doc = await readFileDocument(odd as DocumentFile)
    expect(doc.raw).toBe('Text under a latin-1 name.')
  })

  it('gives a single-file input its base name as source file', async () => {
    const root = await tree({ 'deep/inside/one.txt': 'x' })
    const { files } = await listInputFiles([path.join(root, 'deep/inside/one.txt')])
    expect(files).toEqual([{ path: path.join(root, 'deep/inside/one.txt'), file: 'one.txt', kind: 'text', gzip: false, bytes: 1, id: 'one' }])
  })

  it('keeps inputs in the order given and lists a file reached twice only once', async () => {
    const root = await tree({ 'b/one.txt': 'x', 'a/two.txt': 'x' })
    const { files, skipped } = await listInputFiles([path.join(root, 'b'), path.join(root, 'a'), path.join(root, 'b/one.txt')])
    expect(files.map((f) => f.file)).toEqual(['one.txt', 'two.txt'])
    expect(skipped.map((s) => s.reason)).toEqual(['file already listed'])
  })

  it('throws a UsageError naming a missing input path', async () => {
    const root = await tree()
    const missing = path.join(root, 'no-such-folder')
    await expect(listInputFiles([missing])).rejects.toThrow(UsageError)
    await expect(listInputFiles([missing])).rejects.toThrow(missing)
  })

  it('does not follow a symbolic link loop, and skips links leaving the folder and broken links', async () => {
    const outside = await tree({ 'secret.txt': 'x' })
    const root = await tree({ 'docs/a.txt': 'x' })
    await symlink(root, path.join(root, 'docs/loop'))
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'))
    await symlink(path.join(root, 'nowhere.txt'), path.join(root, 'broken.txt'))
    await symlink(path.join(root, 'docs/a.txt'), path.join(root, 'alias.txt'))
    await symlink(path.join(root, 'ping.txt'), path.join(root, 'pong.txt'))
    await symlink(path.join(root, 'pong.txt'), path.join(root, 'ping.txt'))
    const { files, skipped } = await listInputFiles([root])
    expect(files.map((f) => f.file)).toEqual(['alias.txt'])
    expect(skippedNames(root, skipped)).toEqual([
      ['broken.txt', 'cannot open (ENOENT)'],
      ['docs/a.txt', 'file already listed'],
      ['docs/loop', expect.stringContaining('folder already listed')],
      ['escape.txt', 'symbolic link points outside the input folder'],
      ['ping.txt', 'symbolic link loop'],
      ['pong.txt', 'symbolic link loop'],
    ])
  })

  it.skipIf(process.platform === 'win32')('skips a FIFO instead of blocking on it', async () => {
    const root = await tree({ 'good.txt': 'x' })
    await mkdir(path.join(root, 'pipes'))
    execFileSync('mkfifo', [path.join(root, 'pipes/fifo.txt')])
    const { files, skipped } = await listInputFiles([root])
    expect(files.map((f) => f.file)).toEqual(['good.txt'])
    expect(skippedNames(root, skipped)).toEqual([['pipes/fifo.txt', 'not a regular file']])
  })
})
