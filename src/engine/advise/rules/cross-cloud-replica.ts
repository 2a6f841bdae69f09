import { Decimal } from '../../../model/decimal.js';
import { parseEndpoint, resolveItem, type CloudEnd } from '../../../model/endpoint.js';
import { amount } from '../../../model/numbers.js';
import type { Scenario, StorageLine, Transfer } from '../../../model/scenario.js';
import { tableFor } from '../../../pricing/lookup.js';
import { applyPlanEdits } from '../edits.js';
import type { Proposal, Rule, RuleContext } from '../rule.js';
import { crossing } from './crossing.js';
import { itemName, pricedTransfers } from './plan-lines.js';
import { withTransferField } from './volume.js';

/** Months the one-off copy of the store is spread over, as scenarios/feature-store-replicated.yaml does. */
const COPY_MONTHS = 12;

function isObjectStorage(ctx: RuleContext, s: StorageLine): boolean {
  return tableFor(ctx.book, s.provider).storage?.[s.class]?.service === 'object-storage';
}

/** The bucket a transfer reads: a `storage:` end, or the one object store at a `provider:region` end. */
function sourceStore(ctx: RuleContext, t: Transfer): StorageLine | undefined {
  const stores = (ctx.scenario.storage ?? []).filter((s) => isObjectStorage(ctx, s));
  const named = itemName(t.from, 'storage');
  if (named) return stores.find((s) => s.name === named);
  const e = parseEndpoint(t.from);
  if (e.kind !== 'cloud' || e.zone !== undefined) return undefined;
  const here = stores.filter((s) => s.provider === e.provider && s.region === e.region);
  return here.length === 1 ? here[0] : undefined;
}

/** The destination cloud's standard object-storage class priced in its region, if its table has one. */
function replicaClass(ctx: RuleContext, at: CloudEnd): string | undefined {
  const classes = tableFor(ctx.book, at.provider).storage ?? {};
  return Object.keys(classes).find((c) => classes[c]!.service === 'object-storage' && c.endsWith('-standard') && classes[c]!.rates?.[at.region] !== undefined);
}

/**
 * A nightly read of a bucket in another cloud pays that cloud's internet
 * egress on every GB, every night. A replica next to the readers pays storage
 * there and one copy of the store instead; reads then stay in the readers'
 * region. What the figure cannot know is the daily sync of new data: the
 * rule says up to how much of it the replica still pays.
 */
export const crossCloudReplica: Rule = {
  id: 'cross-cloud-replica',
  when: 'a daily read (gb_per_day) of an object store in another cloud',
  instead: 'a replica of the store next to the readers, read there; the store copied once, spread over 12 months',
  priced: 'the engine prices the plan with the replica (storage at the readers\u2019 standard class), the copy and the read moved to the replica',
  propose(ctx) {
    const out: Proposal[] = [];
    for (const { transfer: t, path } of pricedTransfers(ctx)) {
      if (path !== 'cross-cloud' || t.gb_per_day === undefined) continue;
      const store = sourceStore(ctx, t);
      let to;
      try {
        to = resolveItem(parseEndpoint(t.to), ctx.scenario);
      } catch {
        continue;
      }
      if (!store || to.kind !== 'cloud') continue;
      const cls = replicaClass(ctx, to);
      const name = `${store.name}-replica`;
      const copy = `${store.name}-initial-copy`;
      if (!cls || (ctx.scenario.storage ?? []).some((s) => s.name === name) || (ctx.scenario.transfers ?? []).some((x) => x.name === copy)) continue;
      const perMonth = store.gb.div(COPY_MONTHS).ceil();
      const replicaAt = `storage:${name}`;
      out.push({
        subject: `transfers.${t.name}`,
        alternative: `${name} (${cls}, ${amount(store.gb)} GB) in ${to.provider}:${to.region}, read there; the store copied once over ${COPY_MONTHS} months (${amount(perMonth)} GB/month)`,
        edits: [
          { kind: 'add', section: 'storage', item: { name, provider: to.provider, region: to.region, class: cls, gb: store.gb } },
          { kind: 'add', section: 'transfers', item: { name: copy, from: `storage:${store.name}`, to: replicaAt, gb_per_month: perMonth } },
          { kind: 'set', section: 'transfers', name: t.name, field: 'from', value: replicaAt },
        ],
        explain(c, after) {
          const now = t.gb_per_day!;
          const reads = crossing(
            c,
            (x) => withTransferField(c.scenario, t.name, 'gb_per_day', x),
            (x) => withTransferField(after, t.name, 'gb_per_day', x),
            now,
            (at) => `break-even: the replica pays above ${amount(at)} GB/day read (now ${amount(now)})`,
            'reading across stays cheaper',
            'GB/day',
          );
          const sync = `${store.name}-daily-sync`;
          const withSync = (x: Decimal) =>
            applyPlanEdits(after, [{ kind: 'add', section: 'transfers', item: { name: sync, from: `storage:${store.name}`, to: replicaAt, gb_per_day: x, ...(t.days ? { days: t.days } : {}) } }]);
          const synced = crossing(
            c,
            () => c.scenario,
            withSync,
            now,
            (at) => `not in the figure: the daily sync of new data to the replica; it still pays while that sync stays under ${amount(at)} GB/day`,
            'the replica pays whatever the daily sync',
            'GB/day',
          );
          return [reads, synced].filter((n): n is string => n !== undefined);
        },
      });
    }
    return out;
  },
};
