import { Decimal, ZERO } from '../model/decimal.js';
import { CATEGORIES, type Category } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import type { UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { compilePlan, type CompiledPlan } from './compiled-plan.js';
import { drawParts, sampler } from './distributions.js';
import { decimalOf, roundedSum, roundToPrecision, scaled as scaledInteger, type ScaledPlan } from './scaled-plan.js';
import { SharedDraws } from './random.js';
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
 * Seeded Monte Carlo: each sample draws every uncertain input and prices the
 * plan with the draws set, through the plan compiled once (compiled-plan.ts):
 * the same totals, to the last digit, as the engine gives the sampled
 * scenario, tiers on aggregates, allowances and all. Same scenario, seed and
 * sample count → the same numbers. Each input draws from its own stream,
 * seeded by the run's seed and the input's label (common random numbers
 * across scenarios that share it; `draws` shares the streams themselves).
 */
export function monteCarlo(
  scenario: Scenario,
  uncertain: readonly UncertainInput[],
  book: PricingBook,
  options: MonteCarloOptions & { plan?: CompiledPlan; draws?: SharedDraws } = {},
): MonteCarlo {
  const samples = options.samples ?? DEFAULT_SAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError('samples must be a whole number, at least 1');
  const plan = options.plan ?? compilePlan(scenario, book, uncertain.map((u) => u.path));
  const shared = options.draws?.seed === seed && options.draws.samples === samples ? options.draws : new SharedDraws(seed, samples);
  const streams = uncertain.map((u) => shared.of(u.label));
  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  const budget = scenario.budget?.monthly;
  const scaled = plan.scaled && sampleScaled(plan.scaled, uncertain, streams, samples);
  const spreads = {} as MonteCarlo['spreads'];
  let total: () => Decimal[];
  let over = 0;
  if (scaled) {
    // Exact integers per sample (scaled-plan.ts); Decimals only for the figures reported.
    const at = new Map(plan.scaled!.keys.map((k, i) => [k, i]));
    for (const k of KEYS) {
      const i = at.get(k);
      spreads[k] = i === undefined ? constant(plan.point[k], percentiles) : scaledSpread(scaled[i]!, plan.scaled!.scales[i]!, percentiles);
    }
    const i = at.get('total')!;
    const column = scaled[i]!;
    const scale = plan.scaled!.scales[i]!;
    let materialized: Decimal[] | undefined;
    total = () => (materialized ??= column.map((m) => decimalOf(m, scale)));
    if (budget) {
      // A sample's total is its integer rounded as Decimal rounds it: compare that with the budget at a scale both fit.
      const common = Math.max(scale, budget.decimalPlaces());
      const limit = scaledInteger(budget, common);
      const up = 10n ** BigInt(common - scale);
      for (const m of column) over += roundToPrecision(m) * up > limit ? 1 : 0;
    }
  } else {
    const draw = uncertain.map(sampler);
    // Only what a range can move is kept per sample; the rest is the point total in every sample.
    const moving = KEYS.filter((k) => plan.moves.has(k) || k === 'total');
    const columns = Object.fromEntries(moving.map((k) => [k, new Array<Decimal>(samples)])) as Partial<Record<(typeof KEYS)[number], Decimal[]>>;
    const values = new Array<Decimal>(uncertain.length);
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < values.length; j++) values[j] = draw[j]!(streams[j]![i]!);
      const totals = plan.totals(values);
      for (const k of moving) columns[k]![i] = totals[k];
    }
    for (const k of KEYS) spreads[k] = columns[k] ? spreadOf(columns[k], percentiles) : constant(plan.point[k], percentiles);
    const column = columns.total!;
    total = () => column;
    if (budget) for (const t of column) if (t.gt(budget)) over++;
  }
  return {
    samples,
    seed,
    spreads,
    ...(budget ? { overBudget: new Decimal(over).div(samples) } : {}),
    // Built when asked for (paired comparisons): a Decimal per sample is most of a sampled run's cost.
    get totals() {
      return total();
    },
  };
}

/** Every sample priced in exact integers (a column per key), or undefined when one leaves the range proven exact (then Decimals price the run). */
function sampleScaled(plan: ScaledPlan, uncertain: readonly UncertainInput[], streams: readonly Float64Array[], samples: number): bigint[][] | undefined {
  const draw = uncertain.map(drawParts);
  const n = new Float64Array(uncertain.length);
  const e = new Int32Array(uncertain.length);
  const columns = plan.keys.map(() => new Array<bigint>(samples));
  const out = new Array<bigint>(plan.keys.length);
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < draw.length; j++) draw[j]!(streams[j]![i]!, n, e, j);
    if (!plan.sample(n, e, out)) return undefined;
    for (let k = 0; k < out.length; k++) columns[k]![i] = out[k]!;
  }
  return columns;
}

/**
 * `spreadOf` of the samples m × 10^−scale as Decimals would have them, from the
 * integers: each rounded to Decimal's precision (as `decimalOf` rounds), the mean
 * the running sum `spreadOf` takes with each partial sum rounded as `plus`
 * rounds it (`roundedSum`), over n. Rounding is monotone, so the k-th smallest
 * integer gives the k-th smallest Decimal.
 */
function scaledSpread(column: readonly bigint[], scale: number, percentiles: readonly number[]): Spread {
  const first = roundToPrecision(column[0]!);
  let same = true;
  for (const m of column) if (m !== first && roundToPrecision(m) !== first) same = false;
  if (same) return constant(decimalOf(first, scale), percentiles);
  const n = column.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Number(column[i]!);
  // A typed array sorts numerically without a comparator. Number() of a BigInt is monotone, so the
  // k-th smallest integer is among those whose float equals the k-th smallest float: only that run
  // of equal floats is put in exact order.
  const sorted = keys.slice().sort();
  const kth = (rank: number): bigint => {
    const key = sorted[rank]!;
    let first = rank;
    while (first > 0 && sorted[first - 1] === key) first--;
    const tied: bigint[] = [];
    for (let i = 0; i < n; i++) if (keys[i] === key) tied.push(column[i]!);
    tied.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return tied[rank - first]!;
  };
  return {
    expected: decimalOf(roundedSum(column), scale).div(n),
    percentiles: new Map(percentiles.map((p) => [p, decimalOf(kth(Math.max(0, Math.ceil((p / 100) * n) - 1)), scale)])),
  };
}

function constant(value: Decimal, percentiles: readonly number[]): Spread {
  return { expected: value, percentiles: new Map(percentiles.map((p) => [p, value])) };
}

function spreadOf(values: Decimal[], percentiles: readonly number[]): Spread {
  // A category no range touches (or one the scenario lacks) is the same in every sample.
  const first = values[0]!;
  if (values.every((v) => v.eq(first))) return constant(first, percentiles);
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
