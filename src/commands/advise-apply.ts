import type { Finding } from '../engine/advise/advise.js';
import type { Scenario } from '../model/scenario.js';
import { appendedItem, spliced } from '../tui/save.js';
import type { FieldChange } from '../tui/edits.js';

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
    if (e.kind === 'add') out = appendedItem(out, e.section, e.item);
  }
  return out;
}
