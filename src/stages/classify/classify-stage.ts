/**
 * The classify stage: labels each surviving document with its language, genre, topics and
 * quality signals, computed from the kept (content) blocks only.
 */
import { contentBlocks, isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import { createModelTopicClassifier } from '../../text-classifier/model-topic-classifier.js'
import type { TextClassifierModel } from '../../text-classifier/text-classifier-model.js'
import { blockLanguages } from './block-languages.js'
import { classifyGenre } from './genre.js'
import { createLanguageDetector, type LanguageOptions } from './language.js'
import { measureQuality } from './quality.js'
import { createTopicClassifier, type Taxonomy } from './topics.js'

/** Frozen configuration of the classify stage: language detection settings and the topic taxonomy. */
export interface ClassifyOptions {
  readonly language: LanguageOptions
  readonly taxonomy: Taxonomy
  /** A trained topic model (`decruft train`); when given, topics come from it instead of the taxonomy. */
  readonly topicModel?: TextClassifierModel
}

/**
 * Builds the classify stage; the language detector and the topic matchers are built here, once.
 * Rejected documents pass through unchanged: nothing downstream reads their labels. The title
 * joins the body for topic scoring because headlines carry the most topical words.
 */
export function createClassifyStage(options: ClassifyOptions): Stage {
  const detectLanguage = createLanguageDetector(options.language)
  const classifyTopics = options.topicModel ? createModelTopicClassifier(options.topicModel) : createTopicClassifier(options.taxonomy)
  return {
    name: 'classify',
    run(doc) {
      if (isRejected(doc)) return doc
      const blocks = contentBlocks(doc).map((b) => b.text)
      const text = blocks.join('\n')
      const language = detectLanguage(text)
      const languages = blockLanguages(blocks, detectLanguage, language.lang)
      const genre = classifyGenre(blocks, doc.meta, language.lang)
      const topics = classifyTopics(doc.meta.title ? `${doc.meta.title}\n${text}` : text)
      return withChanges(doc, {
        labels: {
          ...doc.labels,
          lang: language.lang,
          langScore: language.score,
          languages,
          genre: genre.genre,
          genreReason: genre.reason,
          topics: topics.map((t) => t.id),
          topicScores: Object.fromEntries(topics.map((t) => [t.id, t.score])),
          quality: measureQuality(blocks, language.lang),
        },
      })
    },
  }
}
