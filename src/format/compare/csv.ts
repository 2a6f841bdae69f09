import { stringify } from 'csv-stringify/sync';
import type { Comparison, ComparedCosts } from '../../engine/compare.js';
import { exact } from '../numbers.js';

const COLUMNS = ['row', 'kind', 'name', 'category', 'scenario', 'cost', 'delta', 'delta_ratio', 'cheapest'];

/** One row per (category | total | line) × scenario, exact decimals; empty cost = line absent. */
export function formatComparisonCsv(c: Comparison): string {
  const rows = (row: string, kind: string, name: string, category: string, k: ComparedCosts) =>
    k.costs.map((cost, i) => [
      row,
      kind,
      name,
      category,
      c.scenarios[i],
      cost === undefined ? '' : exact(cost),
      exact(k.deltas[i]!),
      k.percents[i] === undefined ? '' : exact(k.percents[i]!),
      i === k.cheapest ? 'yes' : '',
    ]);
  return stringify([
    COLUMNS,
    ...c.categories.flatMap((k) => rows('category', '', '', k.category, k)),
    ...rows('total', '', '', '', c.total),
    ...c.lines.flatMap((l) => rows('line', l.kind, l.name, l.category, l)),
  ]);
}
