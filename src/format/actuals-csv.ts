import { stringify } from 'csv-stringify/sync';
import type { Comparison, Reconciliation } from '../actuals/reconcile.js';
import type { Decimal } from '../model/decimal.js';
import { exact } from '../model/numbers.js';

const COLUMNS = [
  'scenario', 'month', 'row', 'name', 'category', 'provider', 'region', 'projected', 'actual', 'difference', 'variance', 'flag', 'cost_basis',
  'service', 'billed_quantity', 'billed_unit', 'billed_rate', 'planned_quantity', 'planned_unit', 'planned_rate',
];

/**
 * One row per line, category, total, provider, unplanned item and adjustment; exact decimals.
 * Every row names the cost basis; a commitment fee amortized into usage has
 * `amortized` as its flag, an adjustment `charge` or `credit`. Lines carry the billed
 * quantity and rate beside the planned ones; unplanned items their service. Providers
 * the plan does not compare are `other-provider` rows with no projection.
 */
export function formatActualsCsv(r: Reconciliation): string {
  const head = [r.scenario, r.period.month];
  const nums = (c: Comparison) => [exact(c.projected), exact(c.actual), exact(c.difference), c.variance ? exact(c.variance) : '', c.flag ?? ''];
  const share = (d: Decimal) => d.times(r.period.elapsedDays).div(r.period.days);
  const rows = [
    ...r.lines.map((l) => [
      ...head, 'line', l.line.name, l.line.category, l.line.provider, l.line.region, ...nums(l), r.costBasis, '',
      l.usage ? exact(l.usage.quantity) : '', l.usage?.unit ?? '', l.usage?.rate ? exact(l.usage.rate) : '',
      exact(share(l.line.quantity)), l.line.unit, exact(l.line.rate),
    ]),
    ...r.categories.map((c) => [...head, 'category', c.category, c.category, '', '', ...nums(c), r.costBasis]),
    [...head, 'total', 'total', '', '', '', ...nums(r.total), r.costBasis],
    ...r.providers.map((p) => [...head, 'provider', p.provider, '', p.provider, '', ...nums(p), r.costBasis]),
    ...r.otherProviders.map((o) => [...head, 'other-provider', o.provider, '', o.provider, '', '', exact(o.usage), '', '', '', r.costBasis]),
    ...r.unplanned.map((u) => [...head, 'unplanned', u.usageType || u.service, u.category, u.provider, u.region, '0', exact(u.cost), exact(u.cost), '', '', r.costBasis, u.service]),
    ...r.adjustments.map((a) => [...head, 'adjustment', a.kind, '', '', '', '', exact(a.cost), '', '', a.amortized ? 'amortized' : (a.sign ?? ''), r.costBasis]),
  ];
  return stringify([COLUMNS, ...rows.map((row) => [...row, ...Array(COLUMNS.length - row.length).fill('')])]);
}
