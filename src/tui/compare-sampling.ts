import type { Uncertainty } from '../engine/uncertainty.js';
import type { Decimal } from '../model/decimal.js';
import type { Estimate } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';

/** One column of the compare view, with what sampling its ranges needs. */
export interface ComparedPlan {
  scenario: Scenario;
  estimate: Estimate;
  uncertain: readonly UncertainInput[];
  book: PricingBook;
}

/**
 * The compare view's sampled figures (as `tollgate compare` shows them): each
 * plan's spread and its chance of costing less than the first. Numbered like a
 * fetch, and kept for the plans it was asked for: an answer for plans since
 * edited is dropped, and coming back to unchanged plans costs nothing.
 */
export type CompareSampling =
  | { step: 'sampling'; id: number; plans: readonly ComparedPlan[] }
  | { step: 'shown'; plans: readonly ComparedPlan[]; uncertainties: readonly (Uncertainty | undefined)[]; cheaper: readonly (Decimal | undefined)[] };

function samePlans(a: readonly ComparedPlan[], b: readonly ComparedPlan[]): boolean {
  return a.length === b.length && a.every((p, i) => p.scenario === b[i]!.scenario);
}

/** What the compare view needs for `plans`: nothing without ranges, what it has when it is for them, else a new job numbered `id`. */
export function samplingFor(current: CompareSampling | undefined, plans: readonly ComparedPlan[], id: number): CompareSampling | undefined {
  if (!plans.some((p) => p.uncertain.length > 0)) return undefined;
  if (current && samePlans(current.plans, plans)) return current;
  return { step: 'sampling', id, plans };
}

export function compareSampled(
  current: CompareSampling | undefined,
  id: number,
  answer: { uncertainties: readonly (Uncertainty | undefined)[]; cheaper: readonly (Decimal | undefined)[] },
): CompareSampling | undefined {
  if (current?.step !== 'sampling' || current.id !== id) return current;
  return { step: 'shown', plans: current.plans, uncertainties: answer.uncertainties, cheaper: answer.cheaper };
}
