import { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import { DEFAULT_HOURS_PER_MONTH, type Scenario } from '../model/scenario.js';
import { fieldOf, filePath } from '../model/uncertain.js';
import type { PathSegment } from '../model/yaml-source.js';
import type { NumberField } from './number-entry.js';

/** The number a typed entry sets: where it is in the file, what kind of number it reads as, its value now. */
export type InputTarget = { ok: true; path: PathSegment[]; field: NumberField; value: Decimal } | { ok: false; message: string };

/**
 * The quantity a selected line's Enter (`quantity`) or `h` (`hours`) edits.
 * A line edits the quantity it is priced on: a disk line its own GB, IOPS or
 * MB/s (its ref names the field), a request line its requests, a load
 * balancer's processing line its GB; `h` edits the hours its item runs.
 */
export function inputTarget(scenario: Scenario, line: LineItem, what: 'quantity' | 'hours'): InputTarget {
  const [section, index, ...rest] = line.ref as [string, number, ...string[]];
  const month = scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  const item = ((scenario as unknown as Record<string, object[] | undefined>)[section] ?? [])[index];
  const at = (field: string, kind: NumberField = field as NumberField, fallback?: Decimal): InputTarget => {
    const value = (item && (fieldOf(item, field) as Decimal | undefined)) ?? fallback;
    return value === undefined ? { ok: false, message: `${line.name} has no ${field} to edit` } : { ok: true, path: filePath([section as 'nodes', index, field]), field: kind, value };
  };
  switch (section) {
    case 'nodes':
      if (what === 'hours') return at('hours', 'hours', month);
      if (line.kind === 'disk') return at(`disk.${rest[1]}`);
      if (line.kind === 'public-ipv4') return at('public_ipv4');
      return at('count');
    case 'clusters':
      return at('hours', 'item_hours', month);
    case 'load_balancers':
      return what === 'quantity' && line.kind === 'lb-processing' ? at('processed_gb') : at('hours', 'item_hours', month);
    case 'storage':
      if (what === 'hours') return { ok: false, message: 'hours apply to node groups, clusters and load balancers' };
      return at(line.kind === 'get-requests' || line.kind === 'put-requests' ? rest[0]! : 'gb');
    case 'transfers': {
      if (what === 'hours') return { ok: false, message: 'hours apply to node groups, clusters and load balancers' };
      const perDay = item !== undefined && fieldOf(item, 'gb_per_day') !== undefined;
      return at(perDay ? 'gb_per_day' : 'gb_per_month');
    }
    default:
      return { ok: false, message: `${line.name}: edit ${section.replace('_', ' ')} in the file` };
  }
}
