import { Decimal, ZERO } from '../model/decimal.js';
import { PlanError, type Estimate, type LineItem, type PlanMiss, type Totals } from '../model/estimate.js';
import { DEFAULT_HOURS_PER_MONTH, type Provider, type Scenario } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { LookupError } from '../pricing/lookup.js';
import { EndpointError } from '../model/endpoint.js';
import type { Detail } from './aggregate.js';
import { checkZone } from './transfer-path.js';
import { priceClusters } from './price-clusters.js';
import { priceNodeExtras } from './price-node-extras.js';
import { priceNodeGroup } from './price-nodes.js';
import { priceRequests } from './price-requests.js';
import { priceStorage } from './price-storage.js';
import { priceTransfers } from './price-transfers.js';

/** Scenario + pricing → priced line items, exact totals and every assumption made. Pure. */
export function estimate(scenario: Scenario, book: PricingBook): Estimate {
  return price(scenario, book, 'lines');
}

/**
 * The same totals as `estimate`, to the last digit, without sharing tiered
 * aggregates out among their lines: what each Monte Carlo sample needs.
 */
export function estimateTotals(scenario: Scenario, book: PricingBook): Totals {
  return price(scenario, book, 'totals').totals;
}

function price(scenario: Scenario, book: PricingBook, detail: Detail): Estimate {
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
      lines.push(priceNodeGroup(group, i, book, hoursPerMonth, assume));
      lines.push(...priceNodeExtras(group, i, book, hoursPerMonth, assume));
    } catch (e) {
      fail(['nodes', i], e);
    }
  });
  lines.push(...priceStorage(scenario.storage ?? [], book, (i, e) => fail(['storage', i], e), detail));
  lines.push(...priceRequests(scenario.storage ?? [], book, fail, assume));
  lines.push(...priceClusters(scenario.clusters ?? [], book, hoursPerMonth, fail, assume));
  lines.push(...priceTransfers(scenario.transfers ?? [], { book, items: scenario, detail, hoursPerMonth, assume, fail }));
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

export function totalsOf(lines: readonly LineItem[]): Totals {
  const totals = { compute: ZERO, storage: ZERO, egress: ZERO, ingress: ZERO, network: ZERO, total: ZERO } as Totals;
  for (const line of lines) {
    totals[line.category] = totals[line.category].plus(line.cost);
    totals.total = totals.total.plus(line.cost);
  }
  return totals;
}
