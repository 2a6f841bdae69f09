import type { Comparison, ComparedCosts, ComparedLine } from '../../engine/compare.js';
import type { Estimate } from '../../model/estimate.js';
import { pricingJson, pricingUsed } from '../describe.js';
import { commitmentJson, coverageJson, purchaseJson } from '../json.js';
import { exact } from '../../model/numbers.js';
import { uncertaintyJson } from '../uncertainty.js';
import { UNSAMPLED, type Sampled } from './shared.js';

/** Exact decimal strings per scenario; null where a line is absent or a % has no baseline. */
function costsJson(c: ComparedCosts, scenarios: readonly string[]) {
  return {
    // The earliest of the cheapest, and all of them (a tie marks each); none when every plan costs the same.
    cheapest: c.lowest.length ? scenarios[c.cheapest] : null,
    cheapest_all: c.lowest.map((i) => scenarios[i]),
    scenarios: c.costs.map((cost, i) => ({
      scenario: scenarios[i],
      cost: cost === undefined ? null : exact(cost),
      delta: exact(c.deltas[i]!),
      delta_ratio: c.percents[i] === undefined ? null : exact(c.percents[i]!),
    })),
  };
}

/** A compared line per scenario adds how that scenario bought it, in estimate's JSON shape. */
function linesJson(l: ComparedLine, scenarios: readonly string[]) {
  const costs = costsJson(l, scenarios);
  const bought = costs.scenarios.map((s, i) => {
    const item = l.items[i];
    return {
      ...s,
      ...(item?.purchase ? { purchase: purchaseJson(item.purchase) } : {}),
      ...(item?.coverage ? { coverage: coverageJson(item.coverage) } : {}),
      ...(item?.commitment ? { commitment: commitmentJson(item.commitment) } : {}),
    };
  });
  return { kind: l.kind, name: l.name, category: l.category, moved: l.moved, ...costs, scenarios: bought };
}

export function formatComparisonJson(c: Comparison, estimates: readonly Estimate[], { uncertainties, cheaper }: Sampled = UNSAMPLED): string {
  const body = {
    baseline: c.scenarios[0],
    cheapest: c.total.lowest.length ? c.scenarios[c.cheapest] : null,
    cheapest_all: c.total.lowest.map((i) => c.scenarios[i]),
    currency: 'USD',
    pricing: pricingJson(pricingUsed(estimates)),
    scenarios: estimates.map((e, i) => ({
      scenario: e.scenario,
      total: exact(e.totals.total),
      ...(e.budget ? { budget: { monthly: exact(e.budget.monthly), ...(e.budget.alert_at ? { alert_at: exact(e.budget.alert_at) } : {}) } } : {}),
      ...(uncertainties[i] ? { uncertainty: uncertaintyJson(e, uncertainties[i]!) } : {}),
      ...(cheaper[i] ? { p_cheaper_than_baseline: exact(cheaper[i]!) } : {}),
    })),
    categories: Object.fromEntries(c.categories.map((k) => [k.category, costsJson(k, c.scenarios)])),
    total: costsJson(c.total, c.scenarios),
    lines: c.lines.map((l) => linesJson(l, c.scenarios)),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
