import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seededRandom } from '../../src/core/seeded-random.js'
import type { LabelledText } from '../../src/text-classifier/train-text-classifier.js'
import { tempDir } from '../support/run-cli.js'

/** Words only texts of one label use: the labels are separable by construction. */
export const LABEL_WORDS: Readonly<Record<string, readonly string[]>> = {
  sport: ['striker', 'goal', 'league', 'referee', 'penalty', 'stadium', 'coach', 'match', 'cup', 'midfielder', 'tournament', 'defender'],
  politics: ['parliament', 'minister', 'election', 'vote', 'senate', 'policy', 'campaign', 'coalition', 'ballot', 'opposition', 'cabinet', 'bill'],
  tech: ['software', 'processor', 'internet', 'startup', 'smartphone', 'algorithm', 'broadband', 'chip', 'server', 'browser', 'gadget', 'app'],
}

const FILLER = ['the', 'a', 'on', 'in', 'said', 'after', 'with', 'new', 'year', 'people', 'day', 'week', 'report', 'city', 'team', 'group', 'plan', 'time', 'news', 'today']

/** `perLabel` texts of every label, 15–30 words, about a third of them the label's own words; the same seed gives the same texts. */
export function generateLabelledTexts(perLabel: number, seed: number): LabelledText[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const texts: LabelledText[] = []
  for (let i = 0; i < perLabel; i++) {
    for (const [label, words] of Object.entries(LABEL_WORDS)) {
      const length = 15 + Math.floor(random() * 16)
      const text = Array.from({ length }, () => (random() < 0.35 ? pick(words) : pick(FILLER))).join(' ')
      texts.push({ label, text: `${text[0]?.toUpperCase()}${text.slice(1)}.` })
    }
  }
  return texts
}

/** Writes labelled texts as JSONL (`text` and the label under `labelField`) in a fresh folder; returns the file. */
export function writeLabelledJsonl(texts: readonly LabelledText[], name = 'labelled.jsonl', labelField = 'label'): string {
  const file = join(tempDir('decruft-text-classifier-'), name)
  writeFileSync(file, texts.map((t, i) => JSON.stringify({ id: `doc-${i}`, text: t.text, [labelField]: t.label })).join('\n') + '\n')
  return file
}
