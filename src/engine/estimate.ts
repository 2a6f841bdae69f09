import { Decimal } from '../model/decimal.js';
import { PlanError, type Category, type Estimate, type LineItem, type PlanMiss, type Totals } from '../model/estimate.js';
import { DEFAULT_HOURS_PER_MONTH, type Provider, type Scenario } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { LookupError } from '../pricing/lookup.js';
import { EndpointError } from '../model/endpoint.js';
import type { Detail } from './aggregate.js';
import { checkZone } from './transfer-path.js';
import { applyCommitments } from './commitments.js';
import { priceClusters } from './price-clusters.js';
import { priceLoadBalancers } from './price-load-balancers.js';
import { priceNodeExtras } from './price-node-extras.js';
import { nodeHours, nodeHoursProduct, priceNodeGroup } from './price-nodes.js';
import { priceRequests } from './price-requests.js';
import { priceStorage } from './price-storage.js';
import { priceTransfers } from './price-transfers.js';
import type { PricingTrace } from './trace.js';

/** Scenario + pricing → priced line items, exact totals and every assumption made. Pure. */
export function estimate(scenario: Scenario, book: PricingBook): Estimate {
  return priceTraced(scenario, book, 'lines');
}

/**
 * The same totals as `estimate`, to the last digit, without sharing tiered
 * aggregates out among their lines: what each Monte Carlo sample needs.
 */
export function estimateTotals(scenario: Scenario, book: PricingBook): Totals {
  return priceTraced(scenario, book, 'totals').totals;
}

/**
 * The engine's one pricing pass. `trace` (for compiled plans) hears how each
 * line's quantity was worked out and which lines share an aggregate.
 */
export function priceTraced(scenario: Scenario, book: PricingBook, detail: Detail, trace?: PricingTrace): Estimate {
  const assumptions = new Set<string>();
  const assume = (text: string) => assumptions.add(text);
  const misses: PlanMiss[] = [];
  const fail = (path: (string | number)[], e: unknown) => {
    if (e instanceof LookupError) misses.push({ path: e.field ? [...path, ...e.field.split('.')] : path, message: e.message, suggestion: e.suggestion });
    else if (e instanceof EndpointError) misses.push({ path, message: e.message, suggestion: e.suggestion });
    else throw e;
  };

  // Every use of the month length (default hours, default days, NAT gateway hours) names it in its own assumption.
  const hoursPerMonth = scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);

  const lines: LineItem[] = [];
  (scenario.nodes ?? []).forEach((group, i) => {
    try {
      if (group.zone !== undefined) checkZone(group.provider, group.region, group.zone);
      const line = priceNodeGroup(group, i, book, hoursPerMonth, assume);
      lines.push(line);
      trace?.line(line, nodeHours(hoursPerMonth), nodeHoursProduct(group, hoursPerMonth));
      for (const extra of priceNodeExtras(group, i, book, hoursPerMonth, assume, trace)) lines.push(extra);
    } catch (e) {
      fail(['nodes', i], e);
    }
  });
  if (scenario.commitments?.length) {
    const covered = applyCommitments(lines, scenario.commitments, { groups: scenario.nodes ?? [], book, hoursPerMonth, assume, fail });
    lines.length = 0;
    for (const line of covered) lines.push(line);
  }
  // Appended one by one: spreading a section's lines into push() passes each as an
  // argument, and a few hundred thousand of them overflow the call stack.
  for (const line of priceStorage(scenario.storage ?? [], book, (i, e) => fail(['storage', i], e), detail, trace)) lines.push(line);
  for (const line of priceRequests(scenario.storage ?? [], book, fail, assume, trace)) lines.push(line);
  for (const line of priceClusters(scenario.clusters ?? [], book, hoursPerMonth, fail, assume, trace)) lines.push(line);
  for (const line of priceLoadBalancers(scenario.load_balancers ?? [], book, hoursPerMonth, fail, assume, trace)) lines.push(line);
  for (const line of priceTransfers(scenario.transfers ?? [], { book, items: scenario, detail, hoursPerMonth, assume, fail, trace })) lines.push(line);
  if (misses.length > 0) throw new PlanError(misses);

  const used = new Set<Provider>(lines.map((l) => l.provider));
  return {
    scenario: scenario.name,
    currency: 'USD',
    pricing: book.sources.filter((s) => used.has(s.provider)),
    lines,
    totals: totalsOf(lines),
    assumptions: [...assumptions],
    ...(scenario.budget ? { budget: scenario.budget } : {}),
  };
}

/**
 * Sums of line costs, taken exactly and rounded once to Decimal's precision: a
 * 40-digit cost (a repeating decimal's share) would otherwise make the last
 * digit of a total depend on the order of the additions, or on whether a
 * tiered aggregate was shared out among its lines. No plan's sum comes near
 * these digits, so within them every addition is exact and order-free.
 */
const Exact = Decimal.clone({ precision: 1000 });
export type ExactSums = Record<Category | 'total', Decimal>;

export function exactSums(): ExactSums {
  const zero = new Exact(0);
  return { compute: zero, storage: zero, egress: zero, ingress: zero, network: zero, total: zero };
}

/** Add one cost to its category and the total (exact sums stay exact: `Exact` instances add at its precision). */
export function addCost(sums: ExactSums, category: Category, cost: Decimal): void {
  sums[category] = sums[category].plus(cost);
  sums.total = sums.total.plus(cost);
}

export function roundedTotals(sums: ExactSums): Totals {
  const round = (v: Decimal) => new Decimal(v).toSignificantDigits(Decimal.precision, Decimal.rounding);
  return {
    compute: round(sums.compute),
    storage: round(sums.storage),
    egress: round(sums.egress),
    ingress: round(sums.ingress),
    network: round(sums.network),
    total: round(sums.total),
  };
}

/**
 * One exact addition a line, to its category: the total is the categories' sum, which
 * exactness makes the same number as adding every line to it too (half the additions).
 */
export function totalsOf(lines: readonly LineItem[]): Totals {
  const sums = exactSums();
  for (const line of lines) sums[line.category] = sums[line.category].plus(line.cost);
  sums.total = sums.compute.plus(sums.storage).plus(sums.egress).plus(sums.ingress).plus(sums.network);
  return roundedTotals(sums);
}
