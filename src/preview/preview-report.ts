import type { RunComparison } from './compare-runs.js'
import type { ConfigSummary } from './describe-config.js'
import type { RuleSetDiff } from './diff-rule-sets.js'
import type { SampleSummary } from './read-sample.js'

/** Everything `decruft preview` reports: both configurations, the rule changes, the sample and the comparison; printed as text or as one JSON object. */
export interface PreviewReport {
  readonly current: ConfigSummary
  readonly proposed: ConfigSummary
  readonly ruleChanges: RuleSetDiff
  readonly sample: SampleSummary
  readonly comparison: RunComparison
}
