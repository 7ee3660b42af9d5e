import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ruleSchema } from '../../src/config/rule-schema.js'
import { createDocument, type Document } from '../../src/core/document.js'
import { runStages } from '../../src/core/pipeline.js'
import { emptyReport, mergeReports, reportOfDocument, type RunReport, type StageFigures } from '../../src/report/run-report.js'
import { renderSummary } from '../../src/report/summary-markdown.js'
import { LISTED_WARNING_IDS } from '../../src/report/warning-documents.js'
import { RULES_REMOVED_NEARLY_ALL } from '../../src/stages/boilerplate/apply-rules-with-safety-valve.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { compileRule } from '../../src/stages/boilerplate/compiled-rule.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'
import { ruleYaml, tempConfig } from '../config/support.js'
import { runCli, tempDir } from '../support/run-cli.js'
import { WATER_LAW_PROSE } from '../support/sample-prose.js'

const PROSE = WATER_LAW_PROSE.join('\n')

const CTX = { runId: 'r', startedAt: '2026-01-01T00:00:00Z', durationMs: 1, inputs: ['in'], configHash: 'abc', version: '0', skippedFiles: 0 }

/** A document as the reader makes it, with a warning of the given code already raised by boilerplate. */
function warned(id: string, code = 'W_TEST'): Document {
  return { ...createDocument({ id, source: { format: 'text' }, raw: 'x' }), issues: [{ stage: 'boilerplate', code, severity: 'warning', message: 'm' }] }
}

function boilerplate(report: RunReport): StageFigures {
  return report.stages['boilerplate'] as StageFigures
}

describe('documents listed per warning code', () => {
  it('lists the id of a document the rule-share safety valve flagged, in the figures and in summary.md', () => {
    const everySentence = compileRule(
      ruleSchema.parse({ id: 'test/every-sentence', description: 'a bad rule for this test', match: { pattern: '\\.$' }, action: 'drop-block' }),
      'test.yaml',
    )
    const stages = [createSegmentStage(), createBoilerplateStage([everySentence], { minProseCharsBeforeDropFromHere: 300, excerptChars: 40 })]
    const flagged = runStages(stages, createDocument({ id: 'water-law', source: { format: 'text' }, raw: PROSE }))
    const clean = runStages(stages, createDocument({ id: 'short-note', source: { format: 'text' }, raw: 'A short note without a full stop' }))
    const report = mergeReports(reportOfDocument(flagged), reportOfDocument(clean))
    expect(report.documents.written).toBe(2)
    expect(boilerplate(report).warningDocuments).toEqual({ [RULES_REMOVED_NEARLY_ALL]: { total: 1, ids: ['water-law'] } })
    expect(renderSummary(report, CTX)).toContain(`- \`${RULES_REMOVED_NEARLY_ALL}\` (1): \`water-law\``)
  })

  it(`keeps the first ${LISTED_WARNING_IDS} ids in sorted order with the total, whatever the order or grouping of the merges`, () => {
    const ids = Array.from({ length: 70 }, (_, i) => `doc-${String(i).padStart(3, '0')}`)
    const parts = [...ids].reverse().map((id) => reportOfDocument(warned(id)))
    const forward = parts.reduce(mergeReports, emptyReport())
    const backward = [...parts].reverse().reduce(mergeReports, emptyReport())
    const grouped = mergeReports(parts.slice(0, 35).reduce(mergeReports, emptyReport()), parts.slice(35).reduce(mergeReports, emptyReport()))
    const expected = { total: 70, ids: ids.slice(0, LISTED_WARNING_IDS) }
    for (const report of [forward, backward, grouped]) expect(boilerplate(report).warningDocuments['W_TEST']).toEqual(expected)
    const summary = renderSummary(forward, CTX)
    expect(summary).toContain('| `W_TEST` | 70 |')
    expect(summary).toContain(`\`doc-049\`, and 20 more`)
    expect(summary).not.toContain('doc-050')
  })

  it('counts a document once per code even when it carries the code twice, and writes odd ids as code spans', () => {
    const doc = warned('a`b')
    const twice = { ...doc, issues: [...doc.issues, ...doc.issues] }
    const report = reportOfDocument(twice)
    expect(boilerplate(report).warnings['W_TEST']).toBe(2)
    expect(boilerplate(report).warningDocuments['W_TEST']).toEqual({ total: 1, ids: ['a`b'] })
    expect(renderSummary(report, CTX)).toContain('- `W_TEST` (1): ``a`b``')
  })

  it('writes the flagged document to the dataset and lists it in reports/boilerplate.json and summary.md', { timeout: 60_000 }, async () => {
    const cfg = tempConfig({ bad: { 'bad.yaml': `rules:\n${ruleYaml('bad/every-sentence', "match:\n      pattern: '\\.$'\n    action: drop-block")}` } })
    const input = tempDir()
    mkdirSync(input, { recursive: true })
    writeFileSync(join(input, 'water-law.txt'), `${PROSE}\n`)
    const out = join(tempDir(), 'out')
    expect(await runCli('run', input, '--out', out, '--config', cfg.pipelineFile)).toBe(0)
    const [record] = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; warnings: string[] })
    expect(record?.warnings).toContain(RULES_REMOVED_NEARLY_ALL)
    expect(record?.text).toContain('The law takes effect in January')
    const figures = JSON.parse(readFileSync(join(out, 'reports', 'boilerplate.json'), 'utf8')) as StageFigures
    expect(figures.warningDocuments[RULES_REMOVED_NEARLY_ALL]).toEqual({ total: 1, ids: ['water-law'] })
    expect(readFileSync(join(out, 'reports', 'summary.md'), 'utf8')).toContain(`- \`${RULES_REMOVED_NEARLY_ALL}\` (1): \`water-law\``)
  })
})
