import type { Decimal } from '../../model/decimal.js';
import type { Scenario } from '../../model/scenario.js';
import type { Section } from '../../model/uncertain.js';

/** A scalar a finding writes: text, or a number (kept a Decimal, as the engine reads it). */
export type EditValue = string | Decimal;

/**
 * One change to the plan as a finding proposes it: set (or, with `value`
 * undefined, remove) one field of one item, or add an item. Items are named,
 * not numbered: the change reads as it would be made by hand.
 */
export type PlanEdit =
  | { kind: 'set'; section: Section; name: string; field: string; value: EditValue | undefined }
  | { kind: 'add'; section: Section; item: Record<string, EditValue> };

/** The YAML path of an edit, by item name: `transfers.model-sync.via`. */
export function editPath(e: PlanEdit): string {
  return e.kind === 'set' ? `${e.section}.${e.name}.${e.field}` : `${e.section}[+]`;
}

/** A new scenario with the edits made; the one given is not changed (only touched items are copied). */
export function applyPlanEdits(s: Scenario, edits: readonly PlanEdit[]): Scenario {
  const out: Record<string, unknown> = { ...s };
  for (const e of edits) {
    const items = [...((out[e.section] as Record<string, unknown>[] | undefined) ?? [])];
    if (e.kind === 'add') {
      items.push({ ...e.item });
    } else {
      const at = items.findIndex((i) => i.name === e.name);
      if (at < 0) throw new Error(`no ${e.section} item ${JSON.stringify(e.name)} to edit`);
      const item = { ...items[at]! };
      if (e.value === undefined) delete item[e.field];
      else item[e.field] = e.value;
      items[at] = item;
    }
    out[e.section] = items;
  }
  return out as Scenario;
}
