import type { RateChange } from '../diff.js';

/**
 * Changes a refresh must not write unasked: a rate that was charged and is now
 * zero, or gone. A real price list never drops p4d.24xlarge to $0; a
 * malformed answer (a Catalog SKU without its pricing, an AWS CapacityBlock
 * SKU passing the on-demand filter) does. Free allowances and free transfers
 * are zero in the old table too, so they are never flagged.
 */
export function lostRates(changes: readonly RateChange[]): RateChange[] {
  return changes.filter((c) => c.change === 'removed' || (c.change === 'changed' && c.old!.gt(0) && !c.new!.gt(0)) || (c.change === 'added' && c.item.startsWith('instance ') && !c.new!.gt(0)));
}

/** What the refusal says: the first few rates, and how to write them anyway. */
export function lostRatesText(lost: readonly RateChange[]): string {
  const shown = lost.slice(0, 5).map((c) => `${c.item} ${c.detail}: ${c.old?.toFixed() ?? '—'} → ${c.new?.toFixed() ?? 'gone'}`);
  const more = lost.length > 5 ? `, and ${lost.length - 5} more` : '';
  return `the API's answer would set ${lost.length} rate${lost.length === 1 ? '' : 's'} to zero or remove ${lost.length === 1 ? 'it' : 'them'} (${shown.join('; ')}${more}); nothing was written. If the provider really did this, run again with --force`;
}
