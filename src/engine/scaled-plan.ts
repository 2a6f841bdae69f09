import { Decimal } from '../model/decimal.js';
import type { Category } from '../model/estimate.js';
import type { AggregateMember } from './aggregate.js';
import type { ExactSums } from './estimate.js';
import { significantParts } from './distributions.js';
import { fieldOf } from '../model/uncertain.js';
import { productFields, type Product, type SampledFactor } from './trace.js';

/**
 * Monte Carlo samples priced in exact integers instead of Decimals: a value is
 * a BigInt m at a scale S fixed when the plan is compiled (the number is
 * m × 10^−S), with D, a bound on its decimal places, carried along each product.
 *
 * Why the totals are the engine's to the last digit: the engine prices a line
 * by Decimal multiplications (count × hours × rate), sums an aggregate's
 * quantities and runs its tier bands (minus, times, plus), and sums the line
 * costs exactly, rounding once (`totalsOf`). A Decimal operation is exact
 * when its result has at most `precision` (40) significant digits. BigInt
 * arithmetic is always exact, so this path takes every step the engine takes,
 * in the same order, and checks that each result would have been exact in
 * Decimal: a value with m < 10^(40 + S − D) has at most 40 significant digits
 * (its last S − D digits of m are zeros). Where the check fails, `sample` says
 * so and the caller prices that run with Decimals. The final sums are exact
 * integers, rounded once by `decimalOf` as `roundedTotals` rounds.
 */
export interface ScaledPlan {
  /** The figures a sample moves, in `sample`'s output order: categories, then 'total'. */
  readonly keys: readonly (Category | 'total')[];
  /** Scale of each key's output. */
  readonly scales: readonly number[];
  /**
   * Price one sample: value i is n[i] × 10^e[i] (n a whole number, e ≥ −INPUT_SCALE).
   * Writes each key's exact sum (at its scale) to `out`; false when a step leaves the
   * range proven exact.
   */
  sample(n: ArrayLike<number>, e: ArrayLike<number>, out: bigint[]): boolean;
}

/** Most decimal places an input may have on this path (a 4-digit draw of 10⁻¹² has 15). */
export const INPUT_SCALE = 16;
const DIGITS = Decimal.precision;

const P10: bigint[] = [1n];
function p10(k: number): bigint {
  while (P10.length <= k) P10.push(P10[P10.length - 1]! * 10n);
  return P10[k]!;
}

/** The largest of some numbers, 0 for none (no argument spreading: aggregates may have 10^5 members). */
function most(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

/**
 * A Decimal's exact integer at `scale` (≥ its decimal places). Shifting by a power of ten is exact
 * in Decimal, and an integer's hexadecimal form is exact text BigInt reads, so no decimal string
 * (and no rounding) is involved.
 */
export function scaled(v: Decimal, scale: number): bigint {
  const dp = v.decimalPlaces();
  const magnitude = BigInt(v.abs().times(TEN.pow(dp)).toHexadecimal());
  return (v.isNegative() ? -magnitude : magnitude) * p10(scale - dp);
}

const TEN = new Decimal(10);

/** The BigInts of a draw's 4-digit mantissas, made once (when a plan is first scaled). */
const SMALL: bigint[] = [];

/** m × 10^−scale rounded once to Decimal's precision, as `roundedTotals` rounds an exact sum. */
export function decimalOf(m: bigint, scale: number): Decimal {
  return new Decimal(`${m}e-${scale}`).toSignificantDigits(Decimal.precision, Decimal.rounding);
}

if (Decimal.rounding !== Decimal.ROUND_HALF_EVEN) throw new Error('scaled-plan.ts rounds half to even, as model/decimal.ts sets Decimal');

p10(DIGITS + 1);
// Digits of the last integer rounded: the figures of one run are of one size, so the count starts there.
let lastDigits = DIGITS + 1;

/**
 * m (≥ 0, at any scale) rounded to Decimal's precision in significant digits,
 * half to even, at the same scale: `decimalOf(m, s)` is exactly
 * `roundToPrecision(m) × 10^−s`, and a Decimal operation's exact result m is
 * rounded to it.
 */
export function roundToPrecision(m: bigint): bigint {
  if (m < P10[DIGITS]!) return m;
  let d = lastDigits;
  while (d > DIGITS + 1 && m < p10(d - 1)) d--;
  while (m >= p10(d)) d++;
  lastDigits = d;
  const unit = P10[d - DIGITS]!;
  let q = m / unit;
  const r = m - q * unit;
  const half = unit / 2n;
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  return q * unit;
}

/**
 * The sum of the values m × 10^−s as a Decimal running sum takes it (from 0,
 * each value a Decimal as `decimalOf` makes it, each partial sum rounded as
 * `plus` rounds), as an integer at the same scale: exact integers for
 * `spreadOf`'s total (montecarlo.ts).
 */
export function roundedSum(column: readonly bigint[]): bigint {
  let sum = 0n;
  for (const m of column) sum = roundToPrecision(sum + roundToPrecision(m));
  return sum;
}

/** An item whose fields may vary: (field, index into the values). */
export interface VaryingItem {
  base: Record<string, unknown>;
  fields: readonly (readonly [string, number])[];
}

export interface ScaledSource {
  direct: readonly { item: VaryingItem; product: Product | undefined; rate: Decimal; category: Category }[];
  aggregates: readonly {
    members: readonly AggregateMember[];
    varying: readonly { member: number; item: VaryingItem; product: Product | undefined }[];
    category: Category;
  }[];
  /** Exact sums of the lines no value touches. */
  fixed: ExactSums;
  keys: readonly (Category | 'total')[];
}

/** One term of a product: input `input` (its value's scale is INPUT_SCALE), a sampled factor (the same scale), or a constant. */
interface Term {
  input: number;
  m: bigint;
  scale: number;
  factor?: Factor;
}

/** A sampled factor (trace.ts) with each arg as the sample gives it: a constant double, an input as drawn, or an exact product. */
interface Factor {
  args: ({ constant: number } | { input: number } | { chain: Chain })[];
  of: SampledFactor['of'];
  /** The args' doubles, rewritten for each sample. */
  values: number[];
}

interface Chain {
  terms: Term[];
  scale: number;
}

interface Contribution {
  /** Where the contribution goes: its key's position. */
  key: number;
  /** 10^(key scale − contribution scale); 1n is skipped. */
  toKey: bigint;
  aligned: boolean;
}

/** Undefined when some step is not a product of non-negative numbers, or an aggregate has several schedules. */
export function scalePlan(source: ScaledSource): ScaledPlan | undefined {
  const nonNegative = (v: Decimal) => !v.isNegative();
  const termsOf = (item: VaryingItem, product: Product): Term[] | undefined => {
    const terms: Term[] = [];
    for (const t of product) {
      const at = typeof t === 'string' ? item.fields.find(([f]) => f === t)?.[1] : undefined;
      if (at !== undefined) {
        terms.push({ input: at, m: 1n, scale: INPUT_SCALE });
        continue;
      }
      if (typeof t !== 'string' && !(t instanceof Decimal) && !('fields' in t)) {
        const factor = factorOf(item, t);
        if (!factor) return undefined;
        terms.push({ input: -1, m: 1n, scale: INPUT_SCALE, factor });
        continue;
      }
      // An item constant is the rule's own Decimal while none of its fields varies (trace.ts).
      if (typeof t !== 'string' && 'fields' in t && t.fields.some((f) => item.fields.some(([v]) => v === f))) return undefined;
      const c = typeof t === 'string' ? fieldOf(item.base, t) : 'fields' in t ? t.value(item.base) : t;
      if (!(c instanceof Decimal) || !nonNegative(c)) return undefined;
      terms.push({ input: -1, m: scaled(c, c.decimalPlaces()), scale: c.decimalPlaces() });
    }
    return terms;
  };
  const factorOf = (item: VaryingItem, f: SampledFactor): Factor | undefined => {
    const args: Factor['args'] = [];
    for (const arg of f.args) {
      const at = arg.length === 1 && typeof arg[0] === 'string' ? item.fields.find(([name]) => name === arg[0])?.[1] : undefined;
      if (at !== undefined) {
        args.push({ input: at });
        continue;
      }
      const terms = termsOf(item, arg);
      if (!terms || terms.length === 0) return undefined;
      if (terms.some((t) => t.input >= 0)) {
        args.push({ chain: { terms, scale: terms.reduce((s, t) => s + t.scale, 0) } });
        continue;
      }
      // No input in it: the product the rule takes, in its order and at Decimal's precision, once.
      let v: Decimal | undefined;
      for (const a of arg) {
        const d = (typeof a === 'string' ? fieldOf(item.base, a) : a) as Decimal;
        v = v ? v.times(d) : d;
      }
      args.push({ constant: v!.toNumber() });
    }
    return { args, of: f.of, values: new Array<number>(args.length) };
  };
  const chainOf = (item: VaryingItem, product: Product | undefined): Chain | undefined => {
    // A product describes the item as priced: a varying field it does not name is one the rule
    // does not read (a node group's disk size for its instance hours), unless the item lacks it
    // (hours set on a group that had none), which could change the rule itself.
    if (!product || product.length === 0) return undefined;
    const named = productFields(product);
    if (!item.fields.every(([f]) => named.includes(f) || fieldOf(item.base, f) !== undefined)) return undefined;
    const terms = termsOf(item, product);
    return terms && { terms, scale: terms.reduce((s, t) => s + t.scale, 0) };
  };

  const keyOf = new Map(source.keys.map((k, i) => [k, i]));
  const totalAt = keyOf.get('total');
  if (totalAt === undefined) return undefined;
  const total: number = totalAt;

  const direct: { chain: Chain; rate: bigint; scale: number; to: Contribution }[] = [];
  const contributions: { key: number; scale: number; set: (c: Contribution) => void }[] = [];
  for (const d of source.direct) {
    const chain = chainOf(d.item, d.product);
    const key = keyOf.get(d.category);
    if (!chain || key === undefined || !nonNegative(d.rate)) return undefined;
    // Free (same zone, ingress): q × 0 is 0 whatever q is, in Decimal as here.
    if (d.rate.isZero()) continue;
    const entry = { chain, rate: scaled(d.rate, d.rate.decimalPlaces()), scale: chain.scale + d.rate.decimalPlaces(), to: undefined as unknown as Contribution };
    direct.push(entry);
    contributions.push({ key, scale: entry.scale, set: (c) => (entry.to = c) });
  }

  const aggregates: Aggregate[] = [];
  for (const a of source.aggregates) {
    const tiers = a.members[0]!.tiers;
    const key = keyOf.get(a.category);
    if (key === undefined || a.members.some((m) => m.schedule !== a.members[0]!.schedule)) return undefined;
    const varying = new Map(a.varying.map((v) => [v.member, v]));
    const chains: Chain[] = [];
    for (const v of a.varying) {
      const chain = chainOf(v.item, v.product);
      if (!chain) return undefined;
      chains.push(chain);
    }
    const fixedMembers = a.members.filter((_, k) => !varying.has(k)).map((m) => m.quantity);
    if (!fixedMembers.every(nonNegative) || !tiers.every((t) => nonNegative(t.rate))) return undefined;
    const dp = (v: Decimal | undefined) => v?.decimalPlaces() ?? 0;
    const fixedPlaces = most(fixedMembers.map(dp));
    const qScale = Math.max(most(chains.map((c) => c.scale)), fixedPlaces, most(tiers.map((t) => dp(t.up_to))));
    const rScale = most(tiers.map((t) => dp(t.rate)));
    let fixedQ = 0n;
    for (const q of fixedMembers) fixedQ += scaled(q, qScale);
    const entry: Aggregate = {
      chains: chains.map((c) => ({ chain: c, align: p10(qScale - c.scale) })),
      fixedQ,
      fixedPlaces,
      qScale,
      rScale,
      upTo: tiers.map((t) => (t.up_to === undefined ? undefined : scaled(t.up_to, qScale))),
      upToPlaces: tiers.map((t) => dp(t.up_to)),
      rate: tiers.map((t) => scaled(t.rate, rScale)),
      ratePlaces: tiers.map((t) => dp(t.rate)),
      to: undefined as unknown as Contribution,
    };
    aggregates.push(entry);
    contributions.push({ key, scale: qScale + rScale, set: (c) => (entry.to = c) });
  }

  const fixed = source.keys.map((k) => source.fixed[k]);
  if (!fixed.every(nonNegative)) return undefined;
  const scales = source.keys.map((_, i) => Math.max(fixed[i]!.decimalPlaces(), most(contributions.filter((c) => c.key === i).map((c) => c.scale))));
  // The total is the fixed total plus what each key gained, so it is at least every key's scale.
  scales[total] = most(scales);
  for (const c of contributions) {
    const toKey = p10(scales[c.key]! - c.scale);
    c.set({ key: c.key, toKey, aligned: toKey === 1n });
  }
  const keyToTotal = scales.map((sc) => p10(scales[total]! - sc));
  const base = fixed.map((f, i) => scaled(f, scales[i]!));
  // Every power the sampling loop reads is 10^(DIGITS + S − D) with D ≥ 0: grown here, not there.
  p10(DIGITS + Math.max(most(scales), most(contributions.map((c) => c.scale))));

  if (SMALL.length === 0) for (let i = 0; i < 10_000; i++) SMALL.push(BigInt(i));
  // Inputs only free lines read are never made integers.
  const used: boolean[] = [];
  const mark = (c: Chain): void => {
    for (const t of c.terms) {
      if (t.input >= 0) used[t.input] = true;
      for (const a of t.factor?.args ?? []) if ('chain' in a) mark(a.chain);
    }
  };
  for (const c of [...direct.map((d) => d.chain), ...aggregates.flatMap((a) => a.chains.map((x) => x.chain))]) mark(c);
  const inputs: bigint[] = [];
  // The sample's draws as given: a sampled factor takes an input's double from them.
  let drawnN: ArrayLike<number> = [];
  let drawnE: ArrayLike<number> = [];
  const parts = { n: new Float64Array(1), e: new Int32Array(1) };
  const slack: number[] = [];
  const acc: bigint[] = new Array(source.keys.length);
  // The chain's slack (S − D) after evaluate(): a product's scale and places grow by each term's alike.
  let chainSlack = 0;

  /** The product, each step checked as Decimal would have taken it exactly; −1n when one would not. */
  function evaluate(chain: Chain): bigint {
    let m = 1n;
    let s = 0;
    for (let k = 0; k < chain.terms.length; k++) {
      const t = chain.terms[k]!;
      if (t.input >= 0) {
        m *= inputs[t.input]!;
        s += slack[t.input]!;
      } else if (t.factor) {
        const f = factorValue(t.factor);
        if (f < 0n) return -1n;
        m *= f;
        s += factorSlack;
      } else m *= t.m;
      if (k > 0 && m >= P10[DIGITS + s]!) return -1n;
    }
    chainSlack = s;
    return m;
  }

  // The slack of the last factorValue(), as an input's: the factor is n × 10^e at INPUT_SCALE.
  let factorSlack = 0;

  /** A sampled factor's value at INPUT_SCALE, from its args' doubles and `significantParts`, as the rule's `significant` takes it; −1n off the path. */
  function factorValue(f: Factor): bigint {
    for (let j = 0; j < f.args.length; j++) {
      const a = f.args[j]!;
      if ('constant' in a) f.values[j] = a.constant;
      else if ('input' in a) f.values[j] = doubleOfParts(drawnN[a.input]!, drawnE[a.input]!);
      else {
        const m = evaluate(a.chain);
        if (m < 0n) return -1n;
        f.values[j] = nearestDouble(m, a.chain.scale, chainSlack);
      }
    }
    significantParts(f.of(f.values), parts.n, parts.e, 0);
    const n = parts.n[0]!;
    const e = parts.e[0]!;
    if (!(n >= 0) || !Number.isSafeInteger(n) || e < -INPUT_SCALE || e + INPUT_SCALE >= P10.length) return -1n;
    factorSlack = e >= 0 ? INPUT_SCALE : INPUT_SCALE + e;
    return (n < SMALL.length ? SMALL[n]! : BigInt(n)) * P10[e + INPUT_SCALE]!;
  }

  function add(to: Contribution, m: bigint): void {
    acc[to.key] = acc[to.key]! + (to.aligned ? m : m * to.toKey);
  }

  return {
    keys: source.keys,
    scales,
    sample(n, e, out) {
      drawnN = n;
      drawnE = e;
      for (let i = 0; i < n.length; i++) {
        const ni = n[i]!;
        const ei = e[i]!;
        if (ni < 0 || ei < -INPUT_SCALE || !Number.isSafeInteger(ni)) return false;
        if (!used[i]) continue;
        inputs[i] = (ni < SMALL.length ? SMALL[ni]! : BigInt(ni)) * P10[ei + INPUT_SCALE]!;
        slack[i] = ei >= 0 ? INPUT_SCALE : INPUT_SCALE + ei;
      }
      for (let k = 0; k < acc.length; k++) {
        acc[k] = base[k]!;
      }
      for (const d of direct) {
        const q = evaluate(d.chain);
        if (q < 0n) return false;
        const cost = q * d.rate;
        if (cost >= P10[DIGITS + chainSlack]!) return false;
        add(d.to, cost);
      }
      for (const a of aggregates) if (!priceAggregate(a)) return false;
      // Exact integers: the fixed total plus each key's contributions is the sum of them all.
      let sum = base[total]!;
      for (let k = 0; k < acc.length; k++) if (k !== total && acc[k] !== base[k]) sum += (acc[k]! - base[k]!) * keyToTotal[k]!;
      acc[total] = sum;
      for (let k = 0; k < acc.length; k++) {
        out[k] = acc[k]!;
      }
      return true;
    },
  };

  /** `priceAggregate` in 'totals' detail on one schedule: the quantities summed, then `tieredCost`'s bands. */
  function priceAggregate(a: Aggregate): boolean {
    let q = a.fixedQ;
    let qPlaces = a.fixedPlaces;
    for (const { chain, align } of a.chains) {
      const m = evaluate(chain);
      if (m < 0n) return false;
      q += m * align;
      const p = chain.scale - chainSlack;
      if (p > qPlaces) qPlaces = p;
    }
    if (q >= P10[DIGITS + a.qScale - qPlaces]!) return false;
    const cScale = a.qScale + a.rScale;
    let from = 0n;
    let fromPlaces = 0;
    let cost = 0n;
    let costPlaces = 0;
    for (let k = 0; k < a.rate.length; k++) {
      if (q <= from) break;
      const upTo = a.upTo[k];
      const capped = upTo !== undefined && upTo < q;
      const inBand = (capped ? upTo : q) - from;
      const inPlaces = Math.max(capped ? a.upToPlaces[k]! : qPlaces, fromPlaces);
      if (inBand >= P10[DIGITS + a.qScale - inPlaces]!) return false;
      const band = inBand * a.rate[k]!;
      const bandPlaces = inPlaces + a.ratePlaces[k]!;
      if (band >= P10[DIGITS + cScale - bandPlaces]!) return false;
      cost += band;
      if (bandPlaces > costPlaces) costPlaces = bandPlaces;
      if (cost >= P10[DIGITS + cScale - costPlaces]!) return false;
      if (upTo === undefined) break;
      from = upTo;
      fromPlaces = a.upToPlaces[k]!;
    }
    add(a.to, cost);
    return true;
  }
}

/** Exact powers of ten as doubles (10^22 is the last a double holds exactly). */
const F10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** The double nearest n × 10^e (n whole, e ≥ −INPUT_SCALE): one correctly rounded operation on exact doubles, as `Number()` of the Decimal's text rounds. */
function doubleOfParts(n: number, e: number): number {
  if (e >= 0 && e < F10.length) return n * F10[e]!;
  if (e < 0 && -e < F10.length) return n / F10[-e]!;
  return Number(`${n}e${e}`);
}

const SAFE = 2n ** 53n;

/** The double nearest m × 10^−scale, whose last `slack` digits of m are zeros: as `Decimal.toNumber()` of the same number. */
function nearestDouble(m: bigint, scale: number, slack: number): number {
  const q = m / p10(slack);
  const places = scale - slack;
  return q <= SAFE && places < F10.length ? Number(q) / F10[places]! : Number(`${q}e-${places}`);
}

interface Aggregate {
  chains: { chain: Chain; align: bigint }[];
  /** The members that do not vary, summed at qScale, and their most decimal places. */
  fixedQ: bigint;
  fixedPlaces: number;
  qScale: number;
  rScale: number;
  upTo: (bigint | undefined)[];
  upToPlaces: number[];
  rate: bigint[];
  ratePlaces: number[];
  to: Contribution;
}
