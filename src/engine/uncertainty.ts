import type { Scenario } from '../model/scenario.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { compilePlan } from './compiled-plan.js';
import { monteCarlo, type MonteCarlo, type MonteCarloOptions } from './montecarlo.js';
import { SharedDraws } from './random.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from './sampling-defaults.js';
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
  options: MonteCarloOptions & { draws?: SharedDraws } = {},
): Uncertainty | undefined {
  if (uncertain.length === 0) return undefined;
  // One compiled plan serves the samples and the swings.
  const plan = compilePlan(scenario, book, uncertain.map((u) => u.path));
  return {
    inputs: uncertain,
    monteCarlo: monteCarlo(scenario, uncertain, book, { ...options, plan }),
    sensitivity: sensitivity(scenario, uncertain, book, plan),
  };
}

/**
 * Several plans sampled for comparing them: one run's draws shared by all
 * (sample k of every plan draws an input they share by label from the same
 * uniform: paired samples), and one compiled plan per distinct scenario. Each
 * plan costs what it would alone, so n plans cost n times one.
 */
export function assessPlans(
  plans: readonly { scenario: Scenario; uncertain: readonly UncertainInput[]; book: PricingBook }[],
  options: MonteCarloOptions = {},
): (Uncertainty | undefined)[] {
  const draws = new SharedDraws(options.seed ?? DEFAULT_SEED, options.samples ?? DEFAULT_SAMPLES);
  const done = new Map<Scenario, Uncertainty | undefined>();
  return plans.map((p) => {
    if (!done.has(p.scenario)) done.set(p.scenario, assessUncertainty(p.scenario, p.uncertain, p.book, { ...options, draws }));
    return done.get(p.scenario);
  });
}
