import type { LineItem, TransferPath } from '../../../model/estimate.js';
import type { Transfer } from '../../../model/scenario.js';
import type { RuleContext } from '../rule.js';

/** Each transfer of the plan with the path the engine priced it on (its `transfer` line). */
export function pricedTransfers(ctx: RuleContext): { transfer: Transfer; index: number; path: TransferPath; line: LineItem }[] {
  const out = [];
  for (const line of ctx.estimate.lines) {
    if (line.kind !== 'transfer' || line.path === undefined) continue;
    const index = line.ref[1] as number;
    const transfer = ctx.scenario.transfers?.[index];
    if (transfer) out.push({ transfer, index, path: line.path, line });
  }
  return out;
}

/** The item a `storage:NAME` or `nodes:NAME` end names, else undefined. */
export function itemName(end: string, section: 'storage' | 'nodes'): string | undefined {
  const prefix = `${section}:`;
  return end.startsWith(prefix) && !end.slice(prefix.length).includes(':') ? end.slice(prefix.length) : undefined;
}
