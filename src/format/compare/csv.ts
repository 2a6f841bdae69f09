import { stringify } from 'csv-stringify/sync';
import type { Comparison, ComparedCosts } from '../../engine/compare.js';
import type { Decimal } from '../../model/decimal.js';
import type { Estimate, LineItem } from '../../model/estimate.js';
import { BLANK, PURCHASE_COLUMNS, purchaseCells } from '../csv.js';
import { exact } from '../../model/numbers.js';
import { sampledFigures } from '../uncertainty.js';
import { isCheapest, UNSAMPLED, type Sampled } from './shared.js';

const COLUMNS = ['row', 'kind', 'name', 'category', 'scenario', 'cost', 'delta', 'delta_ratio', 'cheapest', ...PURCHASE_COLUMNS];

/**
 * The sampled figures, after the compared ones: `spread` rows (kind expected,
 * p50, …; the figure in `cost`) for each ranged scenario, and `probability`
 * rows (kind over_budget, cheaper_than_baseline; the share in `delta_ratio`,
 * the one unitless column).
 */
function uncertaintyRows(c: Comparison, estimates: readonly Estimate[], { uncertainties, cheaper }: Sampled): string[][] {
  const probability = (kind: string, i: number, p: Decimal) => ['probability', kind, '', 'total', c.scenarios[i]!, '', '', exact(p), '', ...BLANK];
  return estimates.flatMap((e, i) => {
    const u = uncertainties[i];
    const over = u?.monteCarlo.overBudget;
    return [
      ...(u ? sampledFigures(e, u).map((f) => ['spread', f.figure, '', f.category, c.scenarios[i]!, exact(f.value), '', '', '', ...BLANK]) : []),
      ...(over !== undefined ? [probability('over_budget', i, over)] : []),
      ...(cheaper[i] ? [probability('cheaper_than_baseline', i, cheaper[i]!)] : []),
    ];
  });
}

/**
 * One row per (category | total | line) × scenario, exact decimals; empty cost
 * = line absent. A line row ends with estimate's purchase columns for that
 * scenario's line. Ranged scenarios add their sampled rows at the end.
 */
export function formatComparisonCsv(c: Comparison, estimates: readonly Estimate[], sampled: Sampled = UNSAMPLED): string {
  // A line's purchase columns are its own in scenario i (blank where it has none, and on the sums).
  const rows = (row: string, kind: string, name: string, category: string, k: ComparedCosts, items: readonly (LineItem | undefined)[] = []) =>
    k.costs.map((cost, i) => [
      row,
      kind,
      name,
      category,
      c.scenarios[i],
      cost === undefined ? '' : exact(cost),
      exact(k.deltas[i]!),
      k.percents[i] === undefined ? '' : exact(k.percents[i]!),
      isCheapest(k, i) ? 'yes' : '',
      ...(items[i] ? purchaseCells(items[i]!) : BLANK),
    ]);
  return stringify([
    COLUMNS,
    ...c.categories.flatMap((k) => rows('category', '', '', k.category, k)),
    ...rows('total', '', '', '', c.total),
    ...c.lines.flatMap((l) => rows('line', l.kind, l.name, l.category, l, l.items)),
    ...uncertaintyRows(c, estimates, sampled),
  ]);
}
