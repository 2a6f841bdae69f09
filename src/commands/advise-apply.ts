import type { Finding } from '../engine/advise/advise.js';
import type { PlanEdit } from '../engine/advise/edits.js';
import type { Scenario } from '../model/scenario.js';
import { spliced, written } from '../tui/save.js';
import type { FieldChange } from '../tui/edits.js';
import { yaml } from '../model/yaml-lib.js';

/** `  - ` before the first item of a block list: what a new item's line starts with. */
function itemPrefix(text: string, itemStart: number): string | undefined {
  const from = text.lastIndexOf('\n', itemStart - 1) + 1;
  const prefix = text.slice(from, itemStart);
  return /^ *- +$/.test(prefix) ? prefix : undefined;
}

/** The text with one item appended to a section's block list, as a one-line flow map; undefined for a layout this does not handle. */
function appended(text: string, edit: Extract<PlanEdit, { kind: 'add' }>): string | undefined {
  const { isSeq, parseDocument } = yaml();
  const entry = `{${Object.entries(edit.item).map(([k, v]) => `${k}: ${written(v)}`).join(', ')}}`;
  const doc = parseDocument(text);
  const seq = doc.get(edit.section, true);
  if (seq === undefined) return `${text.endsWith('\n') ? text : `${text}\n`}${edit.section}:\n  - ${entry}\n`;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const first = (seq.items[0] as { range?: [number, number, number] }).range;
  const last = (seq.items.at(-1) as { range?: [number, number, number] }).range;
  const prefix = first && itemPrefix(text, first[0]);
  if (!prefix || !last) return undefined;
  const end = text.indexOf('\n', last[1] - 1);
  const at = end === -1 ? text.length : end;
  return `${text.slice(0, at)}\n${prefix}${entry}${text.slice(at)}`;
}

/**
 * A finding's change written into the scenario's text: its field changes
 * spliced as the session's save splices them (comments, order and spacing
 * elsewhere kept byte for byte), its new items appended to their lists.
 * Undefined when the file's layout is one this cannot edit faithfully.
 */
export function appliedText(text: string, scenario: Scenario, f: Finding): string | undefined {
  const changes: FieldChange[] = [];
  for (const e of f.edits) {
    if (e.kind !== 'set') continue;
    const index = ((scenario[e.section] ?? []) as { name: string }[]).findIndex((i) => i.name === e.name);
    if (index < 0) return undefined;
    const before = ((scenario[e.section] as unknown as Record<string, FieldChange['before']>[])[index]!)[e.field];
    changes.push({ path: [e.section, index, e.field], before, after: e.value });
  }
  let out: string | undefined = changes.length ? spliced(text, changes, false) : text;
  for (const e of f.edits) {
    if (out === undefined) return undefined;
    if (e.kind === 'add') out = appended(out, e);
  }
  return out;
}
