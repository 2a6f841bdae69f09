import type { Decimal } from '../../../model/decimal.js';
import type { Scenario, Transfer } from '../../../model/scenario.js';
import { applyPlanEdits } from '../edits.js';

/** The field a transfer's volume is written in, its value, and the unit a note says it in. */
export function volumeOf(t: Transfer): { field: 'gb_per_day' | 'gb_per_month'; now: Decimal; unit: string } {
  return t.gb_per_day !== undefined ? { field: 'gb_per_day', now: t.gb_per_day, unit: 'GB/day' } : { field: 'gb_per_month', now: t.gb_per_month!, unit: 'GB/month' };
}

/** The plan with one field of one transfer set: the varied input of a break-even note. */
export function withTransferField(s: Scenario, transfer: string, field: string, value: Decimal): Scenario {
  return applyPlanEdits(s, [{ kind: 'set', section: 'transfers', name: transfer, field, value }]);
}
