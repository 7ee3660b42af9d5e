import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Document } from '../../src/core/document.js'
import { openRejectsWriter } from '../../src/writers/rejects-writer.js'
import { RULES_HASH, textDocument, useTempDir } from './support.js'

const tempDir = useTempDir()

describe('openRejectsWriter', () => {
  it('writes one reject line per document with its reason and source', async () => {
    const path = join(await tempDir(), 'rejects.jsonl')
    const writer = await openRejectsWriter(path, RULES_HASH)
    const duplicate: Document = {
      ...textDocument('dup', ['x'], { source: { file: 'in.jsonl', line: 3 } }),
      dropped: { stage: 'dedup', code: 'D_DUPLICATE', reason: 'exact duplicate', duplicateOf: 'orig' },
    }
    const empty: Document = {
      ...textDocument('empty\u2028id', [''], { source: { file: 'empty.txt' } }),
      issues: [{ stage: 'read', code: 'E_EMPTY', message: 'no text', severity: 'error' }],
    }
    await writer.write(duplicate)
    await writer.write(empty)
    const info = await writer.commit()

    const lines = (await readFile(path, 'utf8')).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(info.records).toBe(2)
    expect(JSON.parse(lines[0]!)).toEqual({
      id: 'dup',
      source: 'in.jsonl:3',
      stage: 'dedup',
      code: 'D_DUPLICATE',
      reason: 'exact duplicate',
      duplicate_of: 'orig',
      errors: [],
      removed: {},
      rules: RULES_HASH,
    })
    expect(JSON.parse(lines[1]!)).toEqual({
      id: 'empty\u2028id',
      source: 'empty.txt',
      stage: 'read',
      code: 'E_EMPTY',
      reason: 'no text',
      errors: [{ stage: 'read', code: 'E_EMPTY', message: 'no text' }],
      removed: {},
      rules: RULES_HASH,
    })
  })
})
