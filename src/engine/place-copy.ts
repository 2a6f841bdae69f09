import { Decimal, ZERO } from '../model/decimal.js';
import { DEFAULT_HOURS_PER_MONTH } from '../model/scenario.js';
import { parseEndpoint } from '../model/endpoint.js';
import { PlanError, type Totals } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { Provider, Scenario, StorageLine, Transfer } from '../model/scenario.js';
import { breakEven, type BreakEven } from './breakeven.js';
import { estimateTotals } from './estimate.js';
import type { Spot } from './placement.js';
import { transferGB } from './price-transfers.js';

/** The plan where a store is copied next to the placed groups, and what that copy costs against reading across. */
export interface CopyPlan {
  scenario: Scenario;
  totals: Totals;
  replica: StorageLine;
  /** The GB a month the reads carried, now read from the replica. */
  readGb: Decimal;
  /** The monthly read volume at which copying and reading across cost the same (within 0 … 10 × today's reads); solved when asked (a hundred pricings). */
  breakEven: () => BreakEven;
}

/**
 * The replica's class: the store's own on its own cloud, else the other
 * cloud's standard object storage where that region prices it.
 */
function replicaClass(book: PricingBook, store: StorageLine, provider: Provider, region: string): string | undefined {
  const classes = book.tables[provider]?.storage ?? {};
  const priced = (name: string) => {
    const rates = (classes[name] as { rates?: Record<string, unknown> } | undefined)?.rates;
    return rates === undefined || region in rates;
  };
  if (provider === store.provider && classes[store.class] && priced(store.class)) return store.class;
  return Object.keys(classes).find((c) => c.endsWith('-standard') && priced(c));
}

/** The same transfer carrying `factor` × its volume. */
function scaled(t: Transfer, factor: Decimal): Transfer {
  return t.gb_per_month !== undefined ? { ...t, gb_per_month: t.gb_per_month.times(factor) } : { ...t, gb_per_day: t.gb_per_day!.times(factor) };
}

/**
 * Reads of the store by a placed group: transfers into `nodes:GROUP` from
 * `storage:NAME` or from the store's provider:region as written.
 */
function readsOf(scenario: Scenario, store: StorageLine, groups: readonly string[]): number[] {
  const into = new Set(groups.map((g) => `nodes:${g}`));
  return (scenario.transfers ?? []).flatMap((t, i) => {
    if (!into.has(t.to)) return [];
    if (t.from === `storage:${store.name}`) return [i];
    const from = parseEndpoint(t.from);
    return from.kind === 'cloud' && from.provider === store.provider && from.region === store.region && from.zone === undefined ? [i] : [];
  });
}

/**
 * For a placed plan: the store replicated next to the placed group (its GB
 * in the group's region, the reads made from the replica, and a monthly
 * refresh of `refreshGb` from the store, by default a whole copy a year in
 * whole GB, a number the file --apply writes can hold as it is), when the group sits elsewhere
 * and reads it. Undefined when there is nothing to copy or no class to copy into.
 */
export function copyPlan(placed: Scenario, spots: readonly Spot[], storeName: string, refreshGb: Decimal | undefined, book: PricingBook): CopyPlan | undefined {
  const store = (placed.storage ?? []).find((s) => s.name === storeName)!;
  const spot = spots[0]!;
  if (spot.provider === store.provider && spot.region === store.region) return undefined;
  const reads = readsOf(placed, store, spots.map((s) => s.group));
  if (reads.length === 0) return undefined;
  const cls = replicaClass(book, store, spot.provider, spot.region);
  if (!cls) return undefined;
  const replica: StorageLine = { name: `${store.name}-copy`, provider: spot.provider, region: spot.region, class: cls, gb: store.gb };
  const month = placed.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  const readGb = reads.reduce((sum, i) => sum.plus(transferGB(placed.transfers![i]!, month)), ZERO);
  const refresh: Transfer = { name: `${store.name}-copy-refresh`, from: `storage:${store.name}`, to: `storage:${replica.name}`, gb_per_month: refreshGb ?? store.gb.div(12).ceil() };
  const withReads = (factor: Decimal, copied: boolean): Scenario => ({
    ...placed,
    storage: copied ? [...(placed.storage ?? []), replica] : placed.storage,
    transfers: [
      ...(placed.transfers ?? []).map((t, i) => (reads.includes(i) ? { ...scaled(t, factor), ...(copied ? { from: `storage:${replica.name}` } : {}) } : t)),
      ...(copied ? [refresh] : []),
    ],
  });
  const scenario = withReads(new Decimal(1), true);
  let totals: Totals;
  try {
    totals = estimateTotals(scenario, book);
  } catch (e) {
    if (e instanceof PlanError) return undefined;
    throw e;
  }
  // Reads scaled from 0 to ten times today's: where copying starts (or stops) paying.
  const cost = (copied: boolean) => (gb: Decimal) => estimateTotals(withReads(readGb.isZero() ? ZERO : gb.div(readGb), copied), book).total;
  const solve = () => (readGb.isZero() ? ({ kind: 'never', cheaper: 0 } as BreakEven) : breakEven(cost(false), cost(true), ZERO, readGb.times(10)));
  return { scenario, totals, replica, readGb, breakEven: solve };
}
