import { Decimal } from './decimal.js';
import { pointOf, type Quantity, type Range } from './quantity.js';
import { DEFAULT_HOURS_PER_MONTH, type Scenario, type ScenarioInput } from './scenario.js';

export const SECTIONS = ['nodes', 'storage', 'transfers', 'clusters', 'load_balancers'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * The numeric fields of each section that may be ranges (and that break-even may vary).
 * A dotted field is inside a map of the item: `disk.gb` is `disk: {gb}` on a node group.
 */
export const QUANTITY_FIELDS: Record<Section, readonly string[]> = {
  nodes: ['count', 'hours', 'interruptions_per_hour', 'disk.gb', 'disk.iops', 'disk.throughput_mbps', 'public_ipv4'],
  storage: ['gb', 'get_requests_per_month', 'put_requests_per_month'],
  transfers: ['gb_per_day', 'gb_per_month', 'days', 'requests_per_month'],
  clusters: ['hours'],
  load_balancers: ['hours', 'processed_gb'],
};

/** Fields that count whole things: their samples are rounded. */
const WHOLE = new Set(['count', 'disk.iops', 'public_ipv4']);

/** An item's field by its (possibly dotted) name; undefined when it, or the map it is in, is absent. */
export function fieldOf(item: object, field: string): unknown {
  const dot = field.indexOf('.');
  const record = item as Record<string, unknown>;
  if (dot < 0) return record[field];
  const inner = record[field.slice(0, dot)] as Record<string, unknown> | undefined;
  return inner?.[field.slice(dot + 1)];
}

/**
 * Set an item's field by its (possibly dotted) name, in place on `item`; a map
 * the field is in is copied first, so an item copied shallowly never changes
 * the one it was copied from.
 */
export function setField(item: Record<string, unknown>, field: string, value: unknown): void {
  const dot = field.indexOf('.');
  if (dot < 0) {
    item[field] = value;
    return;
  }
  const head = field.slice(0, dot);
  item[head] = { ...(item[head] as object | undefined), [field.slice(dot + 1)]: value };
}

/** The path of a quantity in the file: a dotted field is a key inside a map, ['nodes', 0, 'disk', 'gb']. */
export function filePath(path: UncertainInput['path']): (string | number)[] {
  const [section, index, field] = path;
  return [section, index, ...field.split('.')];
}

/** One quantity written as a range: where it is, what to call it, how it varies. */
export interface UncertainInput {
  /** Where in the scenario, e.g. ['nodes', 0, 'count'] or ['nodes', 0, 'disk.gb'] (`filePath` locates it in the file). */
  path: [Section, number, string];
  /** How people address it, by name: 'nodes.trainers.count'. */
  label: string;
  dist: Range;
  /** Counts are whole: samples are rounded. */
  integer: boolean;
  /** The schema's ceiling (hours_per_month for hours, 31 for days); lognormal tails are cut there. */
  max?: Decimal;
  /**
   * A spot group's interruptions (docs/purchase-options.md): no quantity of the file but the luck
   * of a month, the uniform draw itself, which the engine turns into that month's billed hours
   * (src/engine/spot-interruptions.ts `sampledBilledHours`). Its `dist` (0.05 / 0.5 / 0.95) is the
   * luck's p5 to p95, the ends a sensitivity swing takes.
   */
  interruptions?: true;
}

/** The field a sampled interruption luck is set at on a node group; never read from a file. */
export const INTERRUPTION_LUCK = 'interruption_luck';

const LUCK: Range = { low: new Decimal('0.05'), expected: new Decimal('0.5'), high: new Decimal('0.95') };

/**
 * Split a scenario as written into the point scenario the engine prices (each
 * range replaced by its point value: `expected`, or a lognormal's p50) and the
 * list of ranged inputs Monte Carlo and sensitivity draw on.
 */
export function splitRanges(input: ScenarioInput): { scenario: Scenario; uncertain: UncertainInput[] } {
  const uncertain: UncertainInput[] = [];
  const hoursPerMonth = input.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  const scenario: Record<string, unknown> = { ...input };
  for (const section of SECTIONS) {
    const items = input[section] as Record<string, unknown>[] | undefined;
    if (!items) continue;
    // An item with no range is the point item as it is, and a section of them the same array:
    // a 10^6-line plan is not held twice.
    let points: Record<string, unknown>[] | undefined;
    items.forEach((item, index) => {
      let out: Record<string, unknown> | undefined;
      for (const field of QUANTITY_FIELDS[section]) {
        const q = fieldOf(item, field) as Quantity | undefined;
        if (q === undefined || Decimal.isDecimal(q)) continue;
        out ??= { ...item };
        setField(out, field, pointOf(q));
        const max = field === 'hours' ? hoursPerMonth : field === 'days' ? new Decimal(31) : undefined;
        uncertain.push({
          path: [section, index, field],
          label: `${section}.${item.name as string}.${field}`,
          dist: q as Range,
          integer: WHOLE.has(field),
          ...(max ? { max } : {}),
        });
      }
      if (out) (points ??= items.slice())[index] = out;
    });
    if (points) scenario[section] = points;
  }
  // Interruptions are random even at a known rate: every spot group under the model is sampled.
  (input.nodes ?? []).forEach((n, index) => {
    if (n.purchase !== 'spot' || n.interruptions_per_hour === undefined || n.checkpoint_every_hours === undefined || n.restart_hours === undefined) return;
    uncertain.push({ path: ['nodes', index, INTERRUPTION_LUCK], label: `nodes.${n.name}.interruptions`, dist: LUCK, integer: false, interruptions: true });
  });
  return { scenario: scenario as Scenario, uncertain };
}

/** A copy of a point scenario with some quantities replaced; only the touched items are copied. */
export function withValues(s: Scenario, values: readonly { path: UncertainInput['path']; value: Decimal }[]): Scenario {
  const out: Record<string, unknown> = { ...s };
  const copied = new Set<string>();
  for (const { path, value } of values) {
    const [section, index, field] = path;
    if (!copied.has(section)) {
      out[section] = [...((out[section] as unknown[]) ?? [])];
      copied.add(section);
    }
    const items = out[section] as Record<string, unknown>[];
    const key = `${section}/${index}`;
    if (!copied.has(key)) {
      items[index] = { ...items[index] };
      copied.add(key);
    }
    setField(items[index]!, field, value);
  }
  return out as Scenario;
}
