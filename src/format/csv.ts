import { stringify } from 'csv-stringify/sync';
import type { Estimate } from '../model/estimate.js';
import { exact } from './numbers.js';

const COLUMNS = ['scenario', 'kind', 'name', 'category', 'provider', 'region', 'path', 'description', 'quantity', 'unit', 'rate', 'cost'];

/** One row per line item, exact decimals; totals are sums of the cost column. */
export function formatCsv(estimates: readonly Estimate[]): string {
  const rows = estimates.flatMap((e) =>
    e.lines.map((l) => [e.scenario, l.kind, l.name, l.category, l.provider, l.region, l.path ?? '', l.description, exact(l.quantity), l.unit, exact(l.rate), exact(l.cost)]),
  );
  return stringify([COLUMNS, ...rows]);
}
