import { Decimal, ZERO } from '../model/decimal.js';
import { CATEGORIES, type Category } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import { withValues, type UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { sampler } from './distributions.js';
import { estimateTotals } from './estimate.js';
import { seededRandom, streamSeed } from './random.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from './sampling-defaults.js';

export const DEFAULT_PERCENTILES = [50, 90, 95] as const;

export interface MonteCarloOptions {
  samples?: number;
  seed?: number;
  /** Which percentiles to report (whole numbers, 1–99); default 50, 90, 95. */
  percentiles?: readonly number[];
}

/** The spread of one figure over the samples. */
export interface Spread {
  /** The mean over the samples. */
  expected: Decimal;
  /** Percentile → value (nearest rank: the ⌈p% × n⌉-th smallest sample). */
  percentiles: Map<number, Decimal>;
}

export interface MonteCarlo {
  samples: number;
  seed: number;
  /** Each category and the total, spread separately (a category's p95 and the total's p95 come from different samples). */
  spreads: Record<Category | 'total', Spread>;
  /** Share of samples whose total is over the budget, when the scenario has one. */
  overBudget?: Decimal;
  /**
   * The total of each sample, in sample order. Sample i of any scenario run with
   * the same seed drew the same value for an input of the same label: paired
   * samples, for comparing plans month by month.
   */
  totals: readonly Decimal[];
}

const KEYS = [...CATEGORIES, 'total'] as const;

/**
 * Seeded Monte Carlo: each sample draws every uncertain input, sets the draws
 * into a copy of the point scenario and prices it with the engine itself, so
 * tiers on aggregates, allowances and all stay exactly as for one projection.
 * Same scenario, seed and sample count → the same numbers. Each input draws
 * from its own stream, seeded by the run's seed and the input's label (common
 * random numbers across scenarios that share it).
 */
export function monteCarlo(
  scenario: Scenario,
  uncertain: readonly UncertainInput[],
  book: PricingBook,
  options: MonteCarloOptions = {},
): MonteCarlo {
  const samples = options.samples ?? DEFAULT_SAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError('samples must be a whole number, at least 1');
  const draws = uncertain.map((u) => ({ path: u.path, draw: sampler(u), random: seededRandom(streamSeed(seed, u.label)) }));
  const columns = Object.fromEntries(KEYS.map((k) => [k, new Array<Decimal>(samples)])) as Record<(typeof KEYS)[number], Decimal[]>;

  for (let i = 0; i < samples; i++) {
    const sampled = withValues(scenario, draws.map((d) => ({ path: d.path, value: d.draw(d.random()) })));
    const totals = estimateTotals(sampled, book);
    for (const k of KEYS) columns[k][i] = totals[k];
  }

  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  const spreads = Object.fromEntries(KEYS.map((k) => [k, spreadOf(columns[k], percentiles)])) as MonteCarlo['spreads'];
  const budget = scenario.budget?.monthly;
  return {
    samples,
    seed,
    spreads,
    ...(budget ? { overBudget: new Decimal(columns.total.filter((t) => t.gt(budget)).length).div(samples) } : {}),
    totals: columns.total,
  };
}

function spreadOf(values: Decimal[], percentiles: readonly number[]): Spread {
  // A category no range touches (or one the scenario lacks) is the same in every sample.
  const first = values[0]!;
  if (values.every((v) => v.eq(first))) return { expected: first, percentiles: new Map(percentiles.map((p) => [p, first])) };
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  // Sort on float keys for speed; ties (and near-ties a float cannot tell apart) fall back to the exact comparison.
  const keys = values.map((v) => v.toNumber());
  const order = values.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || values[a]!.comparedTo(values[b]!));
  const n = values.length;
  return {
    expected: total.div(n),
    percentiles: new Map(percentiles.map((p) => [p, values[order[Math.max(0, Math.ceil((p / 100) * n) - 1)]!]!])),
  };
}
