import { stringify } from 'csv-stringify/sync';
import type { Comparison, Reconciliation } from '../actuals/reconcile.js';
import { exact } from '../model/numbers.js';

const COLUMNS = ['scenario', 'month', 'row', 'name', 'category', 'provider', 'region', 'projected', 'actual', 'difference', 'variance', 'flag', 'cost_basis'];

/**
 * One row per line, category, total, unplanned item and adjustment; exact decimals.
 * Every row names the cost basis; a commitment fee amortized into usage has
 * `amortized` as its flag.
 */
export function formatActualsCsv(r: Reconciliation): string {
  const head = [r.scenario, r.period.month];
  const nums = (c: Comparison) => [exact(c.projected), exact(c.actual), exact(c.difference), c.variance ? exact(c.variance) : '', c.flag ?? ''];
  const rows = [
    ...r.lines.map((l) => [...head, 'line', l.line.name, l.line.category, l.line.provider, l.line.region, ...nums(l)]),
    ...r.categories.map((c) => [...head, 'category', c.category, c.category, '', '', ...nums(c)]),
    [...head, 'total', 'total', '', '', '', ...nums(r.total)],
    ...r.unplanned.map((u) => [...head, 'unplanned', u.usageType || u.service, u.category, u.provider, u.region, '0', exact(u.cost), exact(u.cost), '', '']),
    ...r.adjustments.map((a) => [...head, 'adjustment', a.kind, '', '', '', '', exact(a.cost), '', '', a.amortized ? 'amortized' : '']),
  ];
  return stringify([COLUMNS, ...rows.map((row) => [...row, r.costBasis])]);
}
