import type { TopicClassifier } from '../stages/classify/topics.js'
import { createTextClassifier, type TextClassifierModel } from './text-classifier-model.js'

/**
 * A trained model as the classify stage's topic classifier, in place of the keyword taxonomy:
 * the labels the model assigns (probability at least its threshold, best first, always the
 * best one; none for a text without a known term), each scored by its probability (4 decimals).
 */
export function createModelTopicClassifier(model: TextClassifierModel): TopicClassifier {
  const classifier = createTextClassifier(model)
  return (text) => classifier.assign(text).map((p) => ({ id: p.label, score: Math.round(p.probability * 10000) / 10000 }))
}
