import { Decimal, ZERO, sum } from '../model/decimal.js';
import type { Estimate, LineItem } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import type { PricingSource } from '../model/pricing-book.js';
import { ACTUAL_CATEGORIES, ADJUSTMENT_KINDS, type ActualCategory, type AdjustmentKind } from '../model/billing-record.js';
import { classify } from './categorize.js';
import { lineKey, recordKey } from './line-keys.js';
import type { BillingRecord } from '../model/billing-record.js';
import type { DailySpend } from './source.js';

export interface Comparison {
  projected: Decimal;
  actual: Decimal;
  difference: Decimal;
  /** difference / projected; absent when nothing was projected. */
  variance?: Decimal;
  /** Past the threshold, in either direction; only `over` fails the check. */
  flag?: 'over' | 'under';
}

export interface LineResult extends Comparison {
  line: LineItem;
  /** The usage types / SKUs whose spend landed on this line. */
  matched: string[];
}

export interface Unplanned {
  category: ActualCategory;
  provider: string;
  region: string;
  service: string;
  usageType: string;
  cost: Decimal;
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
  /** On the report's basis; added to `net`. */
  cost: Decimal;
  /**
   * Effective basis, commitment purchases only: the fees as billed. They are already
   * amortized into the usage's effective cost, so only `cost` (normally 0, or the
   * unused part of the commitment) counts towards `net`.
   */
  amortized?: { billed: Decimal };
}

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
}

export interface ReconcileOptions {
  threshold: Decimal;
  period: Period;
  forecast?: Decimal;
  /** Default `billed`. */
  costBasis?: CostBasis;
  /** The source's daily usage series, when its records are longer than a day. */
  daily?: readonly DailySpend[];
}

/**
 * Compare one month of actuals with a projection. For a partial month every
 * projected figure is pro-rated to the days covered. A comparison whose
 * projection is zero is measured against the whole projected total, so a
 * category the plan never mentions fails the check only when it is a material
 * share of the plan, not for every stray cent.
 */
export function reconcile(estimate: Estimate, scenario: Scenario, records: readonly BillingRecord[], opts: ReconcileOptions): Reconciliation {
  const basis = opts.costBasis ?? 'billed';
  const costOf = (r: BillingRecord) => (basis === 'effective' ? r.effectiveCost : r.billedCost);
  const share = new Decimal(opts.period.elapsedDays).div(opts.period.days);
  const projectedOf = (l: LineItem) => l.cost.times(share);
  const totalProjected = estimate.totals.total.times(share);
  const compare = (projected: Decimal, actual: Decimal): Comparison => {
    const difference = actual.minus(projected);
    const base = projected.isZero() ? totalProjected : projected;
    const ratio = base.isZero() ? undefined : difference.div(base);
    const flag = ratio === undefined ? (difference.gt(0) ? 'over' : undefined) : ratio.gt(opts.threshold) ? 'over' : ratio.lt(opts.threshold.neg()) ? 'under' : undefined;
    return { projected, actual, difference, ...(projected.isZero() ? {} : { variance: difference.div(projected) }), ...(flag ? { flag } : {}) };
  };

  const keyed = estimate.lines.map((line) => ({ line, key: lineKey(line, scenario) }));
  const planned = new Set(keyed.flatMap((k) => (k.key ? [k.key] : [])));
  // Some exports (Google's cost table CSV) carry no region: such a record meets a line when only
  // one line of that provider fits it in any region.
  const anyRegion = new Map<string, string[]>();
  for (const key of planned) {
    const [provider, , ...rest] = key.split('|');
    const alias = [provider, '', ...rest].join('|');
    anyRegion.set(alias, [...(anyRegion.get(alias) ?? []), key]);
  }
  const resolve = (key: string | undefined, region: string) => {
    if (key === undefined || planned.has(key) || region !== '') return key;
    const candidates = anyRegion.get(key);
    return candidates?.length === 1 ? candidates[0] : key;
  };
  const buckets = new Map<string, { cost: Decimal; matched: Set<string> }>();
  const byCategory = new Map<ActualCategory, Decimal>();
  const unplanned = new Map<string, Unplanned>();
  const adjustments = new Map<AdjustmentKind, Decimal>();
  const purchasesBilled = { cost: ZERO };
  const daily = new Map<string, { cost: Decimal; estimated: boolean }>();

  for (const r of records) {
    const c = classify(r);
    if (c.kind !== 'usage') {
      adjustments.set(c.kind, (adjustments.get(c.kind) ?? ZERO).plus(costOf(r)));
      if (c.kind === 'purchase') purchasesBilled.cost = purchasesBilled.cost.plus(r.billedCost);
      continue;
    }
    const cost = costOf(r);
    byCategory.set(c.category, (byCategory.get(c.category) ?? ZERO).plus(cost));
    const day = oneDay(r);
    if (day) {
      const d = daily.get(day) ?? { cost: ZERO, estimated: false };
      daily.set(day, { cost: d.cost.plus(cost), estimated: d.estimated || r.estimated });
    }
    const key = resolve(c.detail ? recordKey(r.provider, c.region, c.detail) : undefined, c.region);
    if (key && planned.has(key)) {
      const bucket = buckets.get(key) ?? { cost: ZERO, matched: new Set<string>() };
      bucket.cost = bucket.cost.plus(cost);
      bucket.matched.add(r.usageType);
      buckets.set(key, bucket);
      continue;
    }
    const id = [c.category, r.provider, c.region, r.serviceName, r.usageType].join('\u0000');
    const u = unplanned.get(id) ?? { category: c.category, provider: r.provider, region: c.region, service: r.serviceName, usageType: r.usageType, cost: ZERO };
    u.cost = u.cost.plus(cost);
    unplanned.set(id, u);
  }

  const allocated = new Map<LineItem, Decimal>();
  for (const [key, bucket] of buckets) {
    const sharers = keyed.filter((k) => k.key === key).map((k) => k.line);
    split(bucket.cost, sharers).forEach((amount, i) => allocated.set(sharers[i]!, amount));
  }
  const lines = keyed.map(({ line, key }): LineResult => {
    const bucket = key ? buckets.get(key) : undefined;
    return { line, matched: bucket ? [...bucket.matched].sort() : [], ...compare(projectedOf(line), allocated.get(line) ?? ZERO) };
  });

  // A category the plan has lines in is shown even at $0 (ingress usually is): the plan said so, the bill agrees.
  const plannedCategories = new Set<string>(estimate.lines.map((l) => l.category));
  const categories = ACTUAL_CATEGORIES.map((category) => {
    const projected = sum(estimate.lines.filter((l) => l.category === category).map(projectedOf));
    return { category, ...compare(projected, byCategory.get(category) ?? ZERO) };
  }).filter((c) => plannedCategories.has(c.category) || !c.actual.isZero());
  const total = compare(totalProjected, sum(byCategory.values()));
  const adjusted = ADJUSTMENT_KINDS.filter((k) => adjustments.has(k)).map(
    (kind): Adjustment => ({
      kind,
      cost: adjustments.get(kind)!,
      ...(basis === 'effective' && kind === 'purchase' ? { amortized: { billed: purchasesBilled.cost } } : {}),
    }),
  );

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
 * in proportion to their projection (or quantity, or evenly). The last share is
 * the remainder, so the parts always add up to the entry exactly.
 */
function split(amount: Decimal, sharers: readonly LineItem[]): Decimal[] {
  const byCost = sum(sharers.map((l) => l.cost));
  const byQuantity = sum(sharers.map((l) => l.quantity));
  const weight = (l: LineItem) => (!byCost.isZero() ? l.cost.div(byCost) : !byQuantity.isZero() ? l.quantity.div(byQuantity) : new Decimal(1).div(sharers.length));
  const parts = sharers.slice(0, -1).map((l) => amount.times(weight(l)));
  return [...parts, amount.minus(sum(parts))];
}

function oneDay(r: BillingRecord): string | undefined {
  const start = r.chargePeriodStart.slice(0, 10);
  const end = Date.parse(r.chargePeriodEnd.slice(0, 10));
  return end - Date.parse(start) <= 86_400_000 ? start : undefined;
}
