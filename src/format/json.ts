import { lineShares, type Estimate, type LineItem } from '../model/estimate.js';
import { exact } from '../model/numbers.js';

function lineJson(l: LineItem) {
  return {
    kind: l.kind,
    name: l.name,
    category: l.category,
    provider: l.provider,
    region: l.region,
    description: l.description,
    quantity: exact(l.quantity),
    unit: l.unit,
    rate: exact(l.rate),
    cost: exact(l.cost),
    ...(l.path ? { path: l.path } : {}),
    ...(l.as_of ? { as_of: l.as_of } : {}),
    ...(l.tiers
      ? {
          tiers: {
            aggregate: exact(l.tiers.aggregate),
            shares: lineShares(l.tiers).map((s) => ({
              from: exact(s.from),
              ...(s.to ? { to: exact(s.to) } : {}),
              rate: exact(s.rate),
              quantity: exact(s.quantity),
            })),
          },
        }
      : {}),
  };
}

export function estimateJson(e: Estimate) {
  const totals = Object.fromEntries(Object.entries(e.totals).map(([k, v]) => [k, exact(v)]));
  return {
    scenario: e.scenario,
    currency: e.currency,
    pricing: e.pricing.map((p) => ({ provider: p.provider, as_of: p.as_of, source: p.source, file: p.file, role: p.role })),
    lines: e.lines.map(lineJson),
    totals,
    ...(e.budget
      ? { budget: { monthly: exact(e.budget.monthly), ...(e.budget.alert_at ? { alert_at: exact(e.budget.alert_at) } : {}) } }
      : {}),
    assumptions: e.assumptions,
  };
}

/** `extras[i]` adds keys to estimate i's object (e.g. its `uncertainty` block). */
export function formatJson(estimates: readonly Estimate[], extras: readonly (Record<string, unknown> | undefined)[] = []): string {
  const one = (e: Estimate, i: number) => ({ ...estimateJson(e), ...extras[i] });
  const body = estimates.length === 1 ? one(estimates[0]!, 0) : estimates.map(one);
  return `${JSON.stringify(body, null, 2)}\n`;
}
