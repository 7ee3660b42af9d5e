import type { DetectorName } from '../../../config/rule-schema.js'
import { detectCounter } from './counter.js'
import { detectDateLine } from './date-line.js'
import type { Detector } from './detector.js'
import { detectEmbeddedData } from './embedded-data.js'
import { detectHeadline } from './headline.js'
import { detectRepeatedTitle } from './repeated-title.js'
import { detectShortLine } from './short-line.js'
import { detectTeaser } from './teaser.js'

/** The detectors rules can name in `match.detector`, by name. */
export const DETECTORS: Readonly<Record<DetectorName, Detector>> = {
  counter: detectCounter,
  'date-line': detectDateLine,
  'embedded-data': detectEmbeddedData,
  headline: detectHeadline,
  'repeated-title': detectRepeatedTitle,
  'short-line': detectShortLine,
  teaser: detectTeaser,
}
