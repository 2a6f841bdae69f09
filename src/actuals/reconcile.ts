import { Decimal, ZERO, sum } from '../model/decimal.js';

const ONE = new Decimal(1);
import type { Estimate, LineItem } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import type { PricingSource } from '../model/pricing-book.js';
import { ACTUAL_CATEGORIES, ADJUSTMENT_KINDS, type ActualCategory, type AdjustmentKind } from '../model/billing-record.js';
import { blockNotes, blockParts, type BlockPart } from './capacity-blocks.js';
import { classify } from './categorize.js';
import { commitmentCharge, commitmentHomes } from './commitment-charges.js';
import { lineKey, recordKey } from './line-keys.js';
import type { BillingRecord } from '../model/billing-record.js';
import type { DailySpend } from './source.js';
import { billedUnit } from './units.js';

export interface Comparison {
  projected: Decimal;
  actual: Decimal;
  difference: Decimal;
  /** difference / projected; absent when nothing was projected. */
  variance?: Decimal;
  /** Past the threshold, in either direction; only `over` fails the check. */
  flag?: 'over' | 'under';
  /**
   * The projection was below the variance floor, so the flag measured the difference against
   * the floor (VARIANCE_FLOOR of the plan) instead: a negligible planned line cannot fail its category.
   */
  floor?: Decimal;
}

/** What the bill says was used on a line, beside what the plan said: volume or price drift. */
export interface LineUsage {
  /** Billed quantity, in the bill's unit when all matched rows agree on one (normalized: hour, GB, GB-month…). */
  quantity: Decimal;
  unit: string;
  /** actual / quantity: the effective rate paid. */
  rate?: Decimal;
}

export interface LineResult extends Comparison {
  line: LineItem;
  /** The usage types / SKUs whose spend landed on this line. */
  matched: string[];
  /** Absent when nothing matched or the matched rows bill in different units (a GPU's hours beside its RAM's GiB-hours). */
  usage?: LineUsage;
}

/** Spend no plan line met, one entry per provider × service × usage type (or SKU). */
export interface Unplanned {
  category: ActualCategory;
  provider: string;
  /** The region when every row of the entry is in one; '' when they span several. */
  region: string;
  service: string;
  usageType: string;
  cost: Decimal;
}

/** One provider's part of the bill: compared for the plan's providers, reported apart for the others. */
export interface ProviderSpend extends Comparison {
  provider: string;
}

/** A provider the plan does not mention (or `--provider` left out): its spend, kept out of the variance. */
export interface OtherProvider {
  provider: string;
  /** Usage, and everything else it was billed (credits, tax…), on the report's basis. */
  usage: Decimal;
  total: Decimal;
}

/**
 * Which of a record's costs is compared with the plan: `billed` is what the invoice
 * says for the usage (FOCUS BilledCost: covered usage at $0 or discounted, commitment
 * fees apart); `effective` is the amortized cost after discounts (FOCUS EffectiveCost:
 * commitment fees spread over the usage they cover).
 */
export type CostBasis = 'billed' | 'effective';
export const COST_BASES = ['billed', 'effective'] as const satisfies readonly CostBasis[];

export interface Adjustment {
  kind: AdjustmentKind;
  /** An adjustment's direction: it charged (positive) or gave back (negative). Other kinds say it by name. */
  sign?: 'charge' | 'credit';
  /** On the report's basis; added to `net`. */
  cost: Decimal;
  /**
   * Effective basis, commitment purchases only: the fees as billed. They are already
   * amortized into the usage's effective cost, so only `cost` (normally 0, or the
   * unused part of the commitment) counts towards `net`.
   */
  amortized?: { billed: Decimal };
}

/** A category whose projection is under this share of the plan is measured against it. */
export const VARIANCE_FLOOR = new Decimal('0.01');

export interface Period {
  month: string;
  /** Days of the month the actuals cover; equal to `days` for a finished month. */
  elapsedDays: number;
  days: number;
}

export interface Reconciliation {
  scenario: string;
  /** The tables the projection was priced against. */
  pricing: PricingSource[];
  currency: string;
  period: Period;
  threshold: Decimal;
  lines: LineResult[];
  categories: (Comparison & { category: ActualCategory })[];
  total: Comparison;
  unplanned: Unplanned[];
  /** Projected lines with a cost that no usage record matched. */
  unused: LineResult[];
  adjustments: Adjustment[];
  /** Which cost of each record was compared (and summed into adjustments and net). */
  costBasis: CostBasis;
  /** Usage spend per UTC day: the source's own series, else from records no longer than a day (empty for monthly sources without one). */
  daily: { day: string; cost: Decimal; estimated: boolean }[];
  /** Usage + adjustments: what the invoice comes to (billed), or the amortized month (effective). */
  net: Decimal;
  estimated: boolean;
  /** For a month not yet over: the provider's forecast, or else month-to-date usage scaled to the whole month. */
  forecast?: { total: Decimal; basis: 'provider' | 'run-rate' };
  /** Total or some category is over the threshold: the check fails (exit 4). */
  over: boolean;
  /** The plan's providers (or those `--provider` chose), each compared: usage against the projection. */
  providers: ProviderSpend[];
  /** Providers in the bill that were not compared; never part of the variance or `net`. */
  otherProviders: OtherProvider[];
  /** The bill's days stop before the period does (a file exported mid-month). */
  coverage?: { first: string; last: string };
  /** What the reader should know about how the comparison was made (floors applied). */
  notes: string[];
}

export interface ReconcileOptions {
  threshold: Decimal;
  period: Period;
  forecast?: Decimal;
  /** Default `billed`. */
  costBasis?: CostBasis;
  /** The source's daily usage series, when its records are longer than a day. */
  daily?: readonly DailySpend[];
  /** The providers to compare (tollgate names: aws, gcp, azure…); default the plan's own. */
  providers?: readonly string[];
  /** The source's days, when they stop before the period's end. */
  coverage?: { first: string; last: string };
}

/**
 * Compare one month of actuals with a projection. For a partial month every
 * projected figure is pro-rated to the days covered. A comparison whose
 * projection is zero is measured against the whole projected total, so a
 * category the plan never mentions fails the check only when it is a material
 * share of the plan, not for every stray cent; likewise a category planned at
 * less than VARIANCE_FLOOR of the plan is measured against that floor. Records
 * of providers not compared (by default: those the plan has no line for) are
 * summed apart in `otherProviders` and touch nothing else.
 */
export function reconcile(estimate: Estimate, scenario: Scenario, allRecords: readonly BillingRecord[], opts: ReconcileOptions): Reconciliation {
  const basis = opts.costBasis ?? 'billed';
  const costOf = (r: BillingRecord) => (basis === 'effective' ? r.effectiveCost : r.billedCost);
  const share = new Decimal(opts.period.elapsedDays).div(opts.period.days);
  // Amortized, a capacity block that says when it starts costs the days checked their part of its hours, plan and fee alike.
  const blocks = basis === 'effective' ? blockParts(estimate.lines, scenario, opts.period) : new Map<LineItem, BlockPart>();
  const blockShare = (l: LineItem) => blocks.get(l)?.share ?? share;
  const projectedOf = (l: LineItem) => l.cost.times(blockShare(l));
  const totalProjected = estimate.totals.total.times(share).plus(sum([...blocks.keys()].map((l) => l.cost.times(blockShare(l).minus(share)))));
  const floor = totalProjected.times(VARIANCE_FLOOR);
  const floored = new Set<string>();
  const compare = (projected: Decimal, actual: Decimal, what?: string): Comparison => {
    const difference = actual.minus(projected);
    // Categories only: a line past the threshold is flagged but never fails the check.
    const lifted = what !== undefined && !projected.isZero() && projected.lt(floor);
    if (lifted) floored.add(what);
    const base = projected.isZero() ? totalProjected : lifted ? floor : projected;
    const ratio = base.isZero() ? undefined : difference.div(base);
    const flag = ratio === undefined ? (difference.gt(0) ? 'over' : undefined) : ratio.gt(opts.threshold) ? 'over' : ratio.lt(opts.threshold.neg()) ? 'under' : undefined;
    return {
      projected,
      actual,
      difference,
      ...(projected.isZero() ? {} : { variance: difference.div(projected) }),
      ...(flag ? { flag } : {}),
      ...(lifted ? { floor } : {}),
    };
  };

  // A bill may hold providers the plan never mentions (a multi-cloud FOCUS file): they are reported apart.
  const compared = new Set(opts.providers ?? estimate.lines.map((l) => l.provider));
  const others = new Map<string, OtherProvider>();
  const records = allRecords.filter((r) => {
    if (compared.size === 0 || compared.has(r.provider)) return true;
    const o = others.get(r.provider) ?? { provider: r.provider, usage: ZERO, total: ZERO };
    const cost = costOf(r);
    others.set(r.provider, { ...o, total: o.total.plus(cost), usage: classify(r).kind === 'usage' ? o.usage.plus(cost) : o.usage });
    return false;
  });

  const keyed = estimate.lines.map((line) => ({ line, key: lineKey(line, scenario) }));
  const planned = new Set(keyed.flatMap((k) => (k.key ? [k.key] : [])));
  // Some exports (Google's cost table CSV) carry no region: such a record meets a line when only
  // one line of that provider fits it in any region. A CDN record that names no edge (a CloudFront
  // row told by its description) meets the plan's CDN line the same way, when it delivers to one edge.
  const anyRegion = new Map<string, string[]>();
  for (const key of planned) {
    const [provider, , ...rest] = key.split('|');
    const alias = [provider, '', ...rest].join('|');
    anyRegion.set(alias, [...(anyRegion.get(alias) ?? []), key]);
    const edgeless = /^([^|]*\|\|cdn-(?:delivery|requests))\|[^|]+$/.exec(key)?.[1];
    if (edgeless) anyRegion.set(edgeless, [...(anyRegion.get(edgeless) ?? []), key]);
  }
  const resolve = (key: string | undefined, region: string) => {
    if (key === undefined || planned.has(key) || region !== '') return key;
    const candidates = anyRegion.get(key);
    return candidates?.length === 1 ? candidates[0] : key;
  };
  const buckets = new Map<string, { cost: Decimal; quantity: Decimal; units: Set<string>; matched: Set<string> }>();
  const byCategory = new Map<ActualCategory, Decimal>();
  const byProvider = new Map<string, Decimal>();
  const unplanned = new Map<string, Unplanned>();
  const adjustments = new Map<string, { kind: AdjustmentKind; sign?: 'charge' | 'credit'; cost: Decimal }>();
  const purchasesBilled = { cost: ZERO };
  const daily = new Map<string, { cost: Decimal; estimated: boolean }>();

  // A capacity block's fee meets the days checked for their part of its hours (each block its own part).
  const blockKeys = new Set<string>();
  const blocksBilled = new Set<LineItem>();
  const feeScale = (l: LineItem) => blocks.get(l)?.share ?? ONE;
  // A commitment's charges go to the plan lines that planned it (commitment-charges.ts): they are the
  // plan's compute, never an adjustment or unplanned spend; a fee no line planned is a purchase, and a
  // commitment's credit (a CUD's) a discount, as a Savings Plan's negation is, never a generic credit.
  const homes = new Map<string, LineItem[]>();
  const homeOf = (r: BillingRecord): { key: string; lines: LineItem[] } | 'purchase' | 'discount' | undefined => {
    const charge = commitmentCharge(r);
    if (!charge) return undefined;
    const { commitments, bought } = commitmentHomes(estimate.lines, scenario, r.provider, charge.type);
    const lines = charge.role === 'covered' ? commitments : commitments.length ? commitments : bought;
    if (lines.length === 0) return charge.role === 'fee' || charge.role === 'unused' ? 'purchase' : charge.role === 'negation' ? 'discount' : undefined;
    // Only a fee the source did not amortize itself (effective = billed, as Cost Explorer books it) is spread here.
    const spread = charge.type === 'capacity-block' && basis === 'effective' && r.effectiveCost.eq(r.billedCost);
    const key = `commitment|${r.provider}|${charge.type}|${commitments.length ? 'commitments' : 'bought'}${spread ? '|spread' : ''}`;
    homes.set(key, lines);
    if (spread) {
      blockKeys.add(key);
      lines.forEach((l) => blocksBilled.add(l));
    }
    return { key, lines };
  };
  const costOfCharge = (r: BillingRecord, home: ReturnType<typeof homeOf>) => {
    if (typeof home !== 'object' || !blockKeys.has(home.key)) return costOf(r);
    const weights = split(ONE, home.lines);
    return r.effectiveCost.times(sum(home.lines.map((l, i) => weights[i]!.times(feeScale(l)))));
  };

  for (const r of records) {
    const home = homeOf(r);
    const classified = classify(r);
    const chargeCost = costOfCharge(r, home);
    const c = home === 'purchase' || home === 'discount' ? { kind: home } : home ? { kind: 'usage' as const, category: 'compute' as const, region: r.regionId } : classified;
    if (c.kind !== 'usage') {
      // An adjustment can charge or give back: it is told by its sign, never called a refund for both.
      const sign = c.kind === 'adjustment' ? (costOf(r).isNegative() ? 'credit' : 'charge') : undefined;
      const id = sign ? `${c.kind}:${sign}` : c.kind;
      const a = adjustments.get(id) ?? { kind: c.kind, ...(sign ? { sign } : {}), cost: ZERO };
      adjustments.set(id, { ...a, cost: a.cost.plus(costOf(r)) });
      if (c.kind === 'purchase') purchasesBilled.cost = purchasesBilled.cost.plus(r.billedCost);
      continue;
    }
    const cost = chargeCost;
    byCategory.set(c.category, (byCategory.get(c.category) ?? ZERO).plus(cost));
    byProvider.set(r.provider, (byProvider.get(r.provider) ?? ZERO).plus(cost));
    const day = oneDay(r);
    if (day) {
      const d = daily.get(day) ?? { cost: ZERO, estimated: false };
      daily.set(day, { cost: d.cost.plus(cost), estimated: d.estimated || r.estimated });
    }
    const key = typeof home === 'object' ? home.key : resolve('detail' in c && c.detail ? recordKey(r.provider, c.region, c.detail) : undefined, c.region);
    if (key && (planned.has(key) || homes.has(key))) {
      const bucket = buckets.get(key) ?? { cost: ZERO, quantity: ZERO, units: new Set<string>(), matched: new Set<string>() };
      bucket.cost = bucket.cost.plus(cost);
      bucket.quantity = bucket.quantity.plus(r.consumedQuantity);
      bucket.units.add(billedUnit(r.consumedUnit));
      // Cost Explorer's record-type answer names no usage type: its record type says what met the line.
      bucket.matched.add(r.usageType || r.chargeCategory);
      buckets.set(key, bucket);
      continue;
    }
    // One entry per service and usage type: the same usage in several regions or days is one line to read.
    const id = [r.provider, r.serviceName, r.usageType].join('\u0000');
    const u = unplanned.get(id) ?? { category: c.category, provider: r.provider, region: c.region, service: r.serviceName, usageType: r.usageType, cost: ZERO };
    unplanned.set(id, { ...u, region: u.region === c.region ? u.region : '', cost: u.cost.plus(cost) });
  }

  // A line may meet several entries (a reserved group: its usage by instance, its fee as a commitment).
  const allocated = new Map<LineItem, { cost: Decimal; quantity: Decimal; units: Set<string>; matched: Set<string> }>();
  for (const [key, bucket] of buckets) {
    const sharers = homes.get(key) ?? keyed.filter((k) => k.key === key).map((k) => k.line);
    const scale = blockKeys.has(key) ? feeScale : undefined;
    const quantities = split(bucket.quantity, sharers);
    split(bucket.cost, sharers, scale).forEach((amount, i) => {
      const got = allocated.get(sharers[i]!) ?? { cost: ZERO, quantity: ZERO, units: new Set<string>(), matched: new Set<string>() };
      got.cost = got.cost.plus(amount);
      got.quantity = got.quantity.plus(quantities[i]!);
      bucket.units.forEach((u) => got.units.add(u));
      bucket.matched.forEach((m) => got.matched.add(m));
      allocated.set(sharers[i]!, got);
    });
  }
  const lines = keyed.map(({ line }): LineResult => {
    const got = allocated.get(line);
    const unit = got?.units.size === 1 ? [...got.units][0]! : undefined;
    const usage = got && unit !== undefined ? { quantity: got.quantity, unit, ...(got.quantity.isZero() ? {} : { rate: got.cost.div(got.quantity) }) } : undefined;
    return { line, matched: got ? [...got.matched].sort() : [], ...(usage ? { usage } : {}), ...compare(projectedOf(line), got?.cost ?? ZERO) };
  });

  // A category the plan has lines in is shown even at $0 (ingress usually is): the plan said so, the bill agrees.
  const plannedCategories = new Set<string>(estimate.lines.map((l) => l.category));
  const categories = ACTUAL_CATEGORIES.map((category) => {
    const projected = sum(estimate.lines.filter((l) => l.category === category).map(projectedOf));
    return { category, ...compare(projected, byCategory.get(category) ?? ZERO, category) };
  }).filter((c) => plannedCategories.has(c.category) || !c.actual.isZero());
  const total = compare(totalProjected, sum(byCategory.values()));
  const providers = [...new Set([...compared, ...byProvider.keys()])].sort().map((provider): ProviderSpend => {
    const projected = sum(estimate.lines.filter((l) => l.provider === provider).map(projectedOf));
    return { provider, ...compare(projected, byProvider.get(provider) ?? ZERO) };
  });
  const adjusted = ADJUSTMENT_KINDS.flatMap((kind) =>
    [...adjustments.values()]
      .filter((a) => a.kind === kind)
      .sort((a, b) => (a.sign ?? '').localeCompare(b.sign ?? ''))
      .map(
        (a): Adjustment => ({
          kind,
          ...(a.sign ? { sign: a.sign } : {}),
          cost: a.cost,
          ...(basis === 'effective' && kind === 'purchase' ? { amortized: { billed: purchasesBilled.cost } } : {}),
        }),
      ),
  );
  const notes = [
    ...(floored.size
      ? [`${[...floored].join(', ')} projected under ${VARIANCE_FLOOR.times(100).toFixed()}% of the plan ($${floor.toFixed(2)}): measured against that floor, so a negligible planned line cannot fail its category`]
      : []),
    // Every block whose fee met the plan, and every block placed by block_start (its fee may be on another month's bill).
    ...blockNotes([...new Set([...blocksBilled, ...blocks.keys()])], blocks, opts.period.month),
  ];

  return {
    scenario: estimate.scenario,
    pricing: estimate.pricing,
    currency: estimate.currency,
    period: opts.period,
    threshold: opts.threshold,
    lines,
    categories,
    total,
    unplanned: [...unplanned.values()].sort((a, b) => b.cost.comparedTo(a.cost)),
    unused: lines.filter((l) => l.matched.length === 0 && l.projected.gt(0)),
    adjustments: adjusted,
    costBasis: basis,
    daily: opts.daily
      ? opts.daily.map((d) => ({ day: d.day, cost: basis === 'effective' ? d.effectiveCost : d.billedCost, estimated: d.estimated }))
      : [...daily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d })),
    net: total.actual.plus(sum(adjusted.map((a) => a.cost))),
    estimated: records.some((r) => r.estimated) || (opts.daily ?? []).some((d) => d.estimated),
    ...forecastFor(opts, total.actual),
    over: total.flag === 'over' || categories.some((c) => c.flag === 'over'),
    providers,
    otherProviders: [...others.values()].sort((a, b) => b.total.comparedTo(a.total)),
    ...(opts.coverage ? { coverage: opts.coverage } : {}),
    notes,
  };
}

function forecastFor(opts: ReconcileOptions, actual: Decimal): Pick<Reconciliation, 'forecast'> {
  const { elapsedDays, days } = opts.period;
  if (elapsedDays === days) return {};
  if (opts.forecast) return { forecast: { total: opts.forecast, basis: 'provider' } };
  return { forecast: { total: actual.times(days).div(elapsedDays), basis: 'run-rate' } };
}

/**
 * Lines that meet the same bill entries (two flows out of one region) split it
 * in proportion to their projection (or quantity, or evenly), each weight times
 * `scale` when given (a capacity block's part of the days checked). The last
 * share is the remainder, so the parts always add up to the entry exactly.
 */
function split(amount: Decimal, sharers: readonly LineItem[], scale?: (l: LineItem) => Decimal): Decimal[] {
  const byCost = sum(sharers.map((l) => l.cost));
  const byQuantity = sum(sharers.map((l) => l.quantity));
  const weight = (l: LineItem) => (!byCost.isZero() ? l.cost.div(byCost) : !byQuantity.isZero() ? l.quantity.div(byQuantity) : ONE.div(sharers.length));
  const scaled = scale ? sharers.map((l) => weight(l).times(scale(l))) : undefined;
  const total = scaled ? sum(scaled) : ONE;
  const parts = sharers.slice(0, -1).map((l, i) => (!scaled ? amount.times(weight(l)) : total.isZero() ? ZERO : amount.times(scaled[i]!).div(total)));
  return [...parts, amount.minus(sum(parts))];
}

function oneDay(r: BillingRecord): string | undefined {
  const start = r.chargePeriodStart.slice(0, 10);
  const end = Date.parse(r.chargePeriodEnd.slice(0, 10));
  return end - Date.parse(start) <= 86_400_000 ? start : undefined;
}
