import { stringify } from 'csv-stringify/sync';
import type { Uncertainty } from '../engine/uncertainty.js';
import type { Decimal } from '../model/decimal.js';
import type { Estimate, LineItem } from '../model/estimate.js';
import { count, exact } from '../model/numbers.js';
import { sampledFigures } from './uncertainty.js';

/** How a line is bought, as the columns estimate's and compare's CSV end with. */
export const PURCHASE_COLUMNS = ['purchase', 'gpu_hour_rate', 'covered_hours', 'uncovered_hours', 'waste', 'billed_hours_expected', 'billed_hours_p95', 'paid_hours', 'idle_hours'];

const COLUMNS = ['scenario', 'kind', 'name', 'category', 'provider', 'region', 'path', 'description', 'quantity', 'unit', 'rate', 'cost', ...PURCHASE_COLUMNS];

/**
 * The purchase columns of a line: option, effective $/GPU-hour, commitment cover and waste, a
 * spot group's billed hours per node, and the node-hours paid and idle of an option billed past
 * its use (added last, so the earlier columns keep their places).
 */
export function purchaseCells(l: LineItem): string[] {
  const p = l.purchase;
  const opt = (v: Decimal | undefined) => (v === undefined ? '' : exact(v));
  return [p?.label ?? '', opt(p?.gpuHourRate), opt(l.coverage?.covered), opt(l.coverage?.uncovered), opt(l.commitment?.waste), opt(p?.spot?.expected), opt(p?.spot?.p95), opt(p?.paidHours), opt(p?.paidHours?.minus(p.usedHours))];
}

export const BLANK = PURCHASE_COLUMNS.map(() => '');

/**
 * A ranged scenario's sampled figures as rows after its lines: kind `spread`
 * (name `expected`, `p50`, …; category or `total`) and kind `probability`
 * (name `over_budget`). Their figure is in `quantity` (unit the currency,
 * or `probability`) and `cost` stays empty, so a scenario's costs still sum to its
 * point total.
 */
function uncertaintyRows(e: Estimate, u: Uncertainty): string[][] {
  const mc = u.monteCarlo;
  const over = `${count(mc.samples)} samples (seed ${mc.seed})`;
  const spread = sampledFigures(e, u).map((f) => {
    const what = f.figure === 'expected' ? 'mean' : f.figure;
    return [e.scenario, 'spread', f.figure, f.category, '', '', '', `${what} of the ${f.category} cost over ${over}`, exact(f.value), e.currency, '', '', ...BLANK];
  });
  if (mc.overBudget === undefined || !e.budget) return spread;
  const share = `share of the ${over} whose total exceeds the ${exact(e.budget.monthly)} budget`;
  return [...spread, [e.scenario, 'probability', 'over_budget', 'total', '', '', '', share, exact(mc.overBudget), 'probability', '', '', ...BLANK]];
}

/**
 * One row per line item, exact decimals; the line items' costs sum to the
 * total. `uncertainties[i]`, when estimate i has ranges, adds its sampled rows.
 */
export function formatCsv(estimates: readonly Estimate[], uncertainties: readonly (Uncertainty | undefined)[] = []): string {
  const rows = estimates.flatMap((e, i) => [
    ...e.lines.map((l) => [e.scenario, l.kind, l.name, l.category, l.provider, l.region, l.path ?? '', l.description, exact(l.quantity), l.unit, exact(l.rate), exact(l.cost), ...purchaseCells(l)]),
    ...(uncertainties[i] ? uncertaintyRows(e, uncertainties[i]!) : []),
  ]);
  return stringify([COLUMNS, ...rows]);
}
