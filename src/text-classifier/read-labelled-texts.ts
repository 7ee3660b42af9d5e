import { parseLabelledRecord } from '../classify-eval/labelled-record.js'
import { readGoldLines } from '../eval/read-gold-lines.js'
import type { LabelledText } from './train-text-classifier.js'

/**
 * Reads a labelled JSONL file (`.gz` allowed) into training examples: `text` and the label in
 * `labelField`, taken as they are. A bad line is a UsageError naming file:line.
 */
export async function readLabelledTexts(file: string, labelField: string): Promise<LabelledText[]> {
  const examples: LabelledText[] = []
  for await (const { line, lineNumber } of readGoldLines(file)) {
    const { text, label } = parseLabelledRecord(line, `${file}:${lineNumber}`, 'topic', labelField)
    examples.push({ text, label })
  }
  return examples
}
