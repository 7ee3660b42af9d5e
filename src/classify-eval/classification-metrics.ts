/** Precision, recall and F1 of one label, and how many gold items carry it. */
export interface LabelScores {
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly support: number
}

/** How well predicted labels match gold labels: the figures `decruft evaluate-classifier` prints. */
export interface ClassificationScores {
  readonly documents: number
  readonly accuracy: number
  /** Mean F1 over every label that occurs in gold or predictions, so a label never predicted counts as 0. */
  readonly macro_f1: number
  /** Per label, sorted by label. */
  readonly labels: Readonly<Record<string, LabelScores>>
  /** confusion[gold][predicted] = count; gold and predicted labels sorted. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000
}

/**
 * Scores predictions against gold labels: accuracy, per-label precision/recall/F1, macro-F1 and
 * the confusion matrix. Every label seen on either side takes part in the macro average.
 */
export function scoreClassification(pairs: Iterable<{ readonly gold: string; readonly predicted: string }>): ClassificationScores {
  const confusion = new Map<string, Map<string, number>>()
  const goldCount = new Map<string, number>()
  const predictedCount = new Map<string, number>()
  let documents = 0
  let correct = 0
  for (const { gold, predicted } of pairs) {
    documents++
    if (gold === predicted) correct++
    goldCount.set(gold, (goldCount.get(gold) ?? 0) + 1)
    predictedCount.set(predicted, (predictedCount.get(predicted) ?? 0) + 1)
    const row = confusion.get(gold) ?? new Map<string, number>()
    row.set(predicted, (row.get(predicted) ?? 0) + 1)
    confusion.set(gold, row)
  }
  const labels = [...new Set([...goldCount.keys(), ...predictedCount.keys()])].sort()
  const perLabel: Record<string, LabelScores> = {}
  let f1Sum = 0
  for (const label of labels) {
    const truePositives = confusion.get(label)?.get(label) ?? 0
    const predicted = predictedCount.get(label) ?? 0
    const support = goldCount.get(label) ?? 0
    const precision = predicted === 0 ? 0 : truePositives / predicted
    const recall = support === 0 ? 0 : truePositives / support
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    f1Sum += f1
    perLabel[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support }
  }
  const matrix: Record<string, Record<string, number>> = {}
  for (const gold of [...confusion.keys()].sort()) {
    const row = confusion.get(gold) as Map<string, number>
    matrix[gold] = Object.fromEntries([...row.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }
  return {
    documents,
    accuracy: documents === 0 ? 0 : round(correct / documents),
    macro_f1: labels.length === 0 ? 0 : round(f1Sum / labels.length),
    labels: perLabel,
    confusion: matrix,
  }
}
