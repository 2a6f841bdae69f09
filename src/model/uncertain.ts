import { Decimal } from './decimal.js';
import { pointOf, type Quantity, type Range } from './quantity.js';
import { DEFAULT_HOURS_PER_MONTH, type Scenario, type ScenarioInput } from './scenario.js';

export const SECTIONS = ['nodes', 'storage', 'transfers'] as const;
export type Section = (typeof SECTIONS)[number];

/** The numeric fields of each section that may be ranges (and that break-even may vary). */
export const QUANTITY_FIELDS: Record<Section, readonly string[]> = {
  nodes: ['count', 'hours', 'interruptions_per_hour'],
  storage: ['gb', 'get_requests_per_month', 'put_requests_per_month'],
  transfers: ['gb_per_day', 'gb_per_month', 'days', 'requests_per_month'],
};

/** One quantity written as a range: where it is, what to call it, how it varies. */
export interface UncertainInput {
  /** Where in the scenario, e.g. ['nodes', 0, 'count'] (also locates it in the file). */
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
        const q = item[field] as Quantity | undefined;
        if (q === undefined || Decimal.isDecimal(q)) continue;
        out ??= { ...item };
        out[field] = pointOf(q);
        const max = field === 'hours' ? hoursPerMonth : field === 'days' ? new Decimal(31) : undefined;
        uncertain.push({
          path: [section, index, field],
          label: `${section}.${item.name as string}.${field}`,
          dist: q as Range,
          integer: field === 'count',
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
    items[index]![field] = value;
  }
  return out as Scenario;
}
