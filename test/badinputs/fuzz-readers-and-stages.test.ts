import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { isRejected, type Document } from '../../src/core/document.js'
import { createPipeline } from '../../src/core/pipeline.js'
import { listInputFiles, type DocumentFile, type JsonlFile } from '../../src/readers/list-input-files.js'
import { readFileDocument } from '../../src/readers/read-file-document.js'
import { readJsonlFile } from '../../src/readers/read-jsonl-file.js'
import { toDatasetRecord, toRejectRecord } from '../../src/writers/dataset-record.js'
import { collect, removeTree, tempTree } from '../readers/helpers.js'
import { runCli, tempDir } from '../support/run-cli.js'
import { splitLinesLikePython } from '../writers/support.js'

/**
 * A fixed seed, so a failure reproduces on every run (fast-check prints the seed and path to
 * replay it); FUZZ_SEED and FUZZ_RUNS explore further, e.g. `FUZZ_SEED=7 FUZZ_RUNS=5000 npx vitest run test/badinputs/fuzz`.
 */
const FUZZ = { seed: Number(process.env['FUZZ_SEED'] ?? 20261122), numRuns: Number(process.env['FUZZ_RUNS'] ?? 150) } as const

const pipeline = createPipeline(loadConfig())
const roots: string[] = []
afterAll(async () => {
  await Promise.all(roots.map(removeTree))
})

async function listed(name: string, content: Uint8Array | string): Promise<DocumentFile | JsonlFile> {
  const root = await tempTree({ [name]: content })
  roots.push(root)
  const [file] = (await listInputFiles([root])).files
  if (!file) throw new Error(`${name} was not listed`)
  return file
}

/** A processed document must serialise to one JSON line that reads back, as dataset or reject. */
function expectWritable(doc: Document): void {
  const record = isRejected(doc) ? toRejectRecord(doc, 'rules') : toDatasetRecord(doc, { rules: 'rules' })
  const line = JSON.stringify(record)
  expect(splitLinesLikePython(line)).toHaveLength(1)
  expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(record)))
}

/** Tags, attributes and text that HTML parsers find hard: misnesting, raw-text elements, entities, comments. */
const htmlPiece = fc.oneof(
  fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<span class="x">', '</span>', '<table><tr><td>', '</td></tr></table>', '<ul><li>', '</ul>'),
  fc.constantFrom('<script>var a = "</p>";</script>', '<style>p{}</style>', '<!-- comment -->', '<![CDATA[ x ]]>', '<template><p>t</p></template>'),
  fc.constantFrom('&amp;', '&#0;', '&#x110000;', '&#xD800;', '&nbsp;', '&bogus;', '<', '>', '"', "'", '</', '<!', '<?xml?>', '<br/>', '<img src=x onerror=alert(1)>'),
  fc.constantFrom('<nav><a href="/">Home</a></nav>', '<footer>© 2024</footer>', '<h1>Title</h1>', '<plaintext>', '<frameset>', '<body>', '<html>', '<head><meta charset="windows-1256"></head>'),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z ,.]{10,80}$/),
)
const randomHtml = fc.array(htmlPiece, { maxLength: 80 }).map((pieces) => pieces.join(''))

describe('fuzzing the readers and the stages (fast-check)', () => {
  it('turns any bytes in a .txt or .html file into one document that the stages finish and the writers can write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('doc.txt', 'doc.html'), async (bytes, name) => {
        const doc = await readFileDocument((await listed(name, bytes)) as DocumentFile)
        const processed = pipeline.processDocument(doc)
        expect(processed.id).toBe('doc')
        expect(processed.issues.filter((i) => i.code === 'E_STAGE_FAILED')).toEqual([])
        expectWritable(processed)
      }),
      FUZZ,
    )
  })

  it('turns random HTML into a document the stages finish, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(randomHtml, async (html) => {
        const doc = await readFileDocument((await listed('page.html', html)) as DocumentFile)
        const processed = pipeline.processDocument(doc)
        expect(processed.issues.filter((i) => i.code === 'E_STAGE_FAILED')).toEqual([])
        expectWritable(processed)
      }),
      FUZZ,
    )
  })

  it('never keeps script, style or template text when the markup around them is whole, however it nests', async () => {
    const wholePiece = fc.oneof(
      fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<span class="x">', '</span>', '<ul><li>', '</ul>', '<h1>Title</h1>', '<nav><a href="/">Home</a></nav>'),
      fc.constantFrom('<script>var a = "</p>";</script>', '<style>p{color:red}</style>', '<template><p>var a = template</p></template>', '<!-- var a = comment -->'),
      fc.stringMatching(/^[A-Za-z ,.]{10,80}$/),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(wholePiece, { maxLength: 60 }), async (pieces) => {
        const processed = pipeline.processDocument(await readFileDocument((await listed('page.html', pieces.join(''))) as DocumentFile))
        for (const block of processed.blocks) expect(block.text).not.toMatch(/var a =|color:red/)
      }),
      FUZZ,
    )
  })

  it('gives a JSONL file exactly one document per non-blank line, or one error for a file that is not text', async () => {
    const line = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 60 }),
      fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), text: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())) }).map((r) => JSON.stringify(r)),
      fc.constantFrom('', '   ', '{', '}', '[]', 'null', '{"id":"a","text":"x","id":"b"}', '{"__proto__":{"polluted":1},"id":"p","text":"t"}'),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), async (lines, newline) => {
        const content = lines.map((l) => l.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')).join(newline)
        const docs = await collect(readJsonlFile((await listed('batch.jsonl', content)) as JsonlFile))
        const nonBlank = content.split(newline).filter((l) => l.trim() !== '').length
        const whole = docs.length === 1 && ['E_BINARY', 'E_UNSUPPORTED_ENCODING'].includes(docs[0]?.issues[0]?.code ?? '')
        expect(whole || docs.length === nonBlank, `${docs.length} documents for ${nonBlank} lines`).toBe(true)
        for (const doc of docs) expectWritable(pipeline.processDocument(doc))
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      }),
      FUZZ,
    )
  })

  it('keeps the run accounting whole for random batches: every document read is written or rejected', { timeout: 60_000 }, async () => {
    const file = fc.record({
      name: fc.constantFrom('a.txt', 'b.html', 'c.jsonl', 'd.txt', 'e.html'),
      content: fc.oneof(fc.uint8Array({ maxLength: 500 }), randomHtml.map((h) => Buffer.from(h))),
    })
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(file, { selector: (f) => f.name, minLength: 1, maxLength: 5 }), async (files) => {
        const inputDir = tempDir('decruft-fuzz-')
        roots.push(inputDir)
        const root = await tempTree(Object.fromEntries(files.map((f) => [f.name, f.content])))
        roots.push(root)
        const outDir = join(inputDir, 'out')
        const code = await runCli('run', root, '--out', outDir, '--no-state')
        expect([0, 3]).toContain(code)
        const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { counts: { read: number; written: number; rejected: number } }
        const { read, written, rejected } = manifest.counts
        expect(read).toBe(written + rejected)
        const lines = (name: string): number => splitLinesLikePython(readFileSync(join(outDir, name), 'utf8')).length
        expect([lines('dataset.jsonl'), lines('rejects.jsonl')]).toEqual([written, rejected])
      }),
      { seed: FUZZ.seed, numRuns: Math.ceil(FUZZ.numRuns / 10) },
    )
  })
})
