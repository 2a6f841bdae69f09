import type { Scenario } from '../model/scenario.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { monteCarlo, type MonteCarlo, type MonteCarloOptions } from './montecarlo.js';
import { sensitivity, type Swing } from './sensitivity.js';

/** What the ranges in a scenario do to its cost: the sampled spread and what drives it. */
export interface Uncertainty {
  inputs: readonly UncertainInput[];
  monteCarlo: MonteCarlo;
  sensitivity: Swing[];
}

/** Undefined when the scenario has no ranges: its projection is exact and there is nothing to sample. */
export function assessUncertainty(
  scenario: Scenario,
  uncertain: readonly UncertainInput[],
  book: PricingBook,
  options: MonteCarloOptions = {},
): Uncertainty | undefined {
  if (uncertain.length === 0) return undefined;
  return {
    inputs: uncertain,
    monteCarlo: monteCarlo(scenario, uncertain, book, options),
    sensitivity: sensitivity(scenario, uncertain, book),
  };
}
