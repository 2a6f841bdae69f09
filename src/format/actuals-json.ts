import type { Comparison, Reconciliation } from '../actuals/reconcile.js';
import type { SourceResult } from '../actuals/source.js';
import { reportNotes } from './actuals-describe.js';
import { pricingJson } from './describe.js';
import { exact } from '../model/numbers.js';

function comparison(c: Comparison) {
  return {
    projected: exact(c.projected),
    actual: exact(c.actual),
    difference: exact(c.difference),
    ...(c.variance ? { variance: exact(c.variance) } : {}),
    ...(c.flag ? { flag: c.flag } : {}),
    ...(c.floor ? { variance_base: exact(c.floor) } : {}),
  };
}

/** `cost` is what the calls cost; for BigQuery an estimate from the bytes its dry run said the query scans. */
function requestsJson(q: NonNullable<SourceResult['requests']>) {
  return { count: q.count, cost: exact(q.cost), cached: q.cached, ...(q.scannedBytes ? { scanned_bytes: exact(q.scannedBytes) } : {}) };
}

/** Machine-readable actuals: decimal strings, unrounded, as the estimate JSON. */
export function formatActualsJson(r: Reconciliation, s: SourceResult): string {
  const body = {
    scenario: r.scenario,
    month: r.period.month,
    currency: r.currency,
    source: s.source,
    pricing: pricingJson(r.pricing),
    cost_basis: r.costBasis,
    period: { elapsed_days: r.period.elapsedDays, days: r.period.days, partial: r.period.elapsedDays < r.period.days },
    threshold: exact(r.threshold),
    over: r.over,
    estimated: r.estimated,
    ...(s.requests ? { requests: requestsJson(s.requests) } : {}),
    total: comparison(r.total),
    categories: r.categories.map((c) => ({ category: c.category, ...comparison(c) })),
    providers: r.providers.map((p) => ({ provider: p.provider, ...comparison(p) })),
    other_providers: r.otherProviders.map((o) => ({ provider: o.provider, usage: exact(o.usage), total: exact(o.total) })),
    lines: r.lines.map((l) => ({
      name: l.line.name,
      kind: l.line.kind,
      category: l.line.category,
      provider: l.line.provider,
      region: l.line.region,
      ...comparison(l),
      matched: l.matched,
      planned: { quantity: exact(l.line.quantity.times(r.period.elapsedDays).div(r.period.days)), unit: l.line.unit, rate: exact(l.line.rate) },
      ...(l.usage ? { billed: { quantity: exact(l.usage.quantity), unit: l.usage.unit, ...(l.usage.rate ? { rate: exact(l.usage.rate) } : {}) } } : {}),
    })),
    unplanned: r.unplanned.map((u) => ({ ...u, cost: exact(u.cost) })),
    unused: r.unused.map((l) => l.line.name),
    adjustments: r.adjustments.map((a) => ({
      kind: a.kind,
      ...(a.sign ? { sign: a.sign } : {}),
      cost: exact(a.cost),
      ...(a.amortized ? { billed: exact(a.amortized.billed), amortized_into_usage: true } : {}),
    })),
    net: exact(r.net),
    ...(r.forecast ? { forecast: { total: exact(r.forecast.total), basis: r.forecast.basis } } : {}),
    daily: r.daily.map((d) => ({ day: d.day, cost: exact(d.cost), ...(d.estimated ? { estimated: true } : {}) })),
    ...(r.coverage ? { coverage: r.coverage } : {}),
    notes: reportNotes(r, s),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
