import { assessUncertainty, type Uncertainty } from '../engine/uncertainty.js';
import type { Scenario } from '../model/scenario.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';

export interface SampledPlan {
  uncertainty: Uncertainty;
  ms: number;
}

// Per plan as edited: undo back to a sampled plan, or opening a view on it again, costs nothing.
const sampledPlans = new WeakMap<Scenario, SampledPlan>();

/**
 * A plan's ranges sampled as `tollgate estimate` and `compare` sample them
 * (their default sample count and seed), so the session shows the same figures.
 * Blocks for 110–250 ms on a plan not sampled before: callers run it off the keystroke path.
 */
export function samplePlan(scenario: Scenario, uncertain: readonly UncertainInput[], book: PricingBook): SampledPlan {
  let answer = sampledPlans.get(scenario);
  if (!answer) {
    const started = performance.now();
    const uncertainty = assessUncertainty(scenario, uncertain, book)!;
    answer = { uncertainty, ms: Math.round(performance.now() - started) };
    sampledPlans.set(scenario, answer);
  }
  return answer;
}
