import { Decimal } from '../model/decimal.js';
import { DEFAULT_HOURS_PER_MONTH, INTERRUPTION_FIELDS, type NodeGroup, type Scenario } from '../model/scenario.js';
import { fieldOf, QUANTITY_FIELDS, SECTIONS, withValues, type Section, type UncertainInput } from '../model/uncertain.js';

/** One quantity addressed by name across scenarios: `transfers.nightly-feature-pull.gb_per_day`, `nodes.trainers.disk.gb`. */
export interface VaryTarget {
  label: string;
  section: Section;
  name: string;
  field: string;
}

function itemsOf(s: Scenario, section: Section): { name: string }[] {
  return (s[section] ?? []) as { name: string }[];
}

/** Sections whose `hours` default to the month when not written: they can be varied all the same. */
const MONTH_HOURS: ReadonlySet<Section> = new Set(['nodes', 'clusters', 'load_balancers']);

/** The quantities of a scenario that can be varied: those written, and hours that default to the month. */
export function varyTargets(s: Scenario): VaryTarget[] {
  return SECTIONS.flatMap((section) =>
    itemsOf(s, section).flatMap((item) =>
      QUANTITY_FIELDS[section]
        .filter((f) => (MONTH_HOURS.has(section) && f === 'hours') || fieldOf(item, f) !== undefined)
        .map((field) => ({ label: `${section}.${item.name}.${field}`, section, name: item.name, field })),
    ),
  );
}

export function varyPaths(s: Scenario): string[] {
  return varyTargets(s).map((t) => t.label);
}

/** The quantity a `section.name.field` label names (names and fields may contain dots: matched whole, not split). */
export function parseVaryPath(text: string, scenarios: readonly Scenario[]): VaryTarget | undefined {
  for (const s of scenarios) {
    const found = varyTargets(s).find((t) => t.label === text);
    if (found) return found;
  }
  return undefined;
}

/** The quantity's value in a scenario, or undefined when the scenario has no such line. */
export function valueOf(s: Scenario, t: VaryTarget): Decimal | undefined {
  const item = itemsOf(s, t.section).find((i) => i.name === t.name);
  if (!item) return undefined;
  const value = fieldOf(item, t.field) as Decimal | undefined;
  if (value === undefined && MONTH_HOURS.has(t.section) && t.field === 'hours') return s.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  return value;
}

/** Where the quantity is in a scenario, or undefined when it has no such line. */
export function pathOf(s: Scenario, t: VaryTarget): UncertainInput['path'] | undefined {
  const index = itemsOf(s, t.section).findIndex((i) => i.name === t.name);
  return index < 0 ? undefined : [t.section, index, t.field];
}

/** The scenario with the quantity set to x; unchanged when it has no such line. */
export function setValue(s: Scenario, t: VaryTarget, x: Decimal): Scenario {
  const path = pathOf(s, t);
  return path ? withValues(s, [{ path, value: x }]) : s;
}

/** The same scenario with one node group bought on spot, running (1 + overhead) × its hours to redo interrupted work. */
export function onSpot(s: Scenario, group: string, overhead: Decimal): Scenario {
  const hours = valueOf(s, { label: '', section: 'nodes', name: group, field: 'hours' })!;
  return withPurchase(setValue(s, { label: '', section: 'nodes', name: group, field: 'hours' }, hours.times(overhead.plus(1))), group, 'spot');
}

/** The same scenario with one node group bought another way; off spot, the group's interruption model goes (nothing interrupts it). */
export function withPurchase(s: Scenario, group: string, purchase: 'spot' | 'on-demand'): Scenario {
  return { ...s, nodes: (s.nodes ?? []).map((n) => (n.name === group ? bought(n, purchase) : n)) };
}

function bought(n: NodeGroup, purchase: 'spot' | 'on-demand'): NodeGroup {
  if (purchase === 'spot') return { ...n, purchase };
  const kept = { ...n, purchase } as Record<string, unknown>;
  for (const f of INTERRUPTION_FIELDS) delete kept[f];
  return kept as NodeGroup;
}
