/** Precision, recall and F1 of one document or of a set of documents, each in 0..1 (NaN when undefined). */
export interface PrecisionRecallF1 {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}
