import { UsageError } from '../core/errors.js'

/** One record of an evaluation gold file (see shared/eval/README.md); fields a source does not annotate are null. */
export interface GoldRecord {
  readonly id: string
  readonly dataset: string
  readonly url: string | null
  readonly html: string | null
  readonly text: string | null
  /** Gold main-content text (lines = blocks), or null when the source has snippets only. */
  readonly gold: string | null
  /** User-comment text where the source annotates it ("" = annotated, none on the page). */
  readonly gold_comments: string | null
  /** Snippets a correct extraction must contain / must not contain. */
  readonly gold_with: readonly string[] | null
  readonly gold_without: readonly string[] | null
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const snippetsOrNull = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : null

/**
 * Parses one line of a gold file. A line that is not a JSON object with string `id` and
 * `dataset` is a wrong file, not a bad prediction: it stops the evaluation (exit 2) with the
 * file and line number.
 */
export function parseGoldRecord(line: string, where: string): GoldRecord {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    throw new UsageError(`${where}: not JSON (${error instanceof Error ? error.message : String(error)}); is this a gold JSONL file?`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${where}: expected a JSON object`)
  const r = value as Record<string, unknown>
  if (typeof r['id'] !== 'string' || typeof r['dataset'] !== 'string') {
    throw new UsageError(`${where}: expected string "id" and "dataset" fields; is this a gold file (not predictions)?`)
  }
  return {
    id: r['id'],
    dataset: r['dataset'],
    url: stringOrNull(r['url']),
    html: stringOrNull(r['html']),
    text: stringOrNull(r['text']),
    gold: stringOrNull(r['gold']),
    gold_comments: stringOrNull(r['gold_comments']),
    gold_with: snippetsOrNull(r['gold_with']),
    gold_without: snippetsOrNull(r['gold_without']),
  }
}
