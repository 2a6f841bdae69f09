import { formatEndpoint, parseEndpoint } from '../../../model/endpoint.js';
import type { PlanEdit } from '../edits.js';
import type { Proposal, Rule } from '../rule.js';
import { itemName, pricedTransfers } from './plan-lines.js';

/**
 * All-reduce or shuffle traffic between groups in two zones of one region
 * pays the inter-zone rate (both sides, on AWS); the groups in one zone pay
 * nothing for it. The price is availability: one zone's outage then stops
 * them all. Only transfers whose zones are written count (an assumed
 * inter-zone path is the table's guess, not the plan's).
 */
export const oneZone: Rule = {
  id: 'inter-zone-to-one-zone',
  when: 'a transfer between two zones of one region, with both zones given (all-reduce, shuffle)',
  instead: 'both ends in one zone: the destination moves to the source\u2019s zone',
  priced: 'the engine prices the plan with the zone changed; every transfer that names the moved group moves with it',
  propose(ctx) {
    const out: Proposal[] = [];
    for (const { transfer: t, path } of pricedTransfers(ctx)) {
      if (path !== 'inter-zone') continue;
      const zoneOf = (end: string) => {
        const group = itemName(end, 'nodes');
        if (group) return (ctx.scenario.nodes ?? []).find((n) => n.name === group)?.zone;
        const e = parseEndpoint(end);
        return e.kind === 'cloud' ? e.zone : undefined;
      };
      const zone = zoneOf(t.from);
      if (zone === undefined || zoneOf(t.to) === undefined) continue;
      const group = itemName(t.to, 'nodes');
      let edit: PlanEdit;
      if (group) edit = { kind: 'set', section: 'nodes', name: group, field: 'zone', value: zone };
      else {
        const e = parseEndpoint(t.to);
        if (e.kind !== 'cloud') continue;
        edit = { kind: 'set', section: 'transfers', name: t.name, field: 'to', value: formatEndpoint({ ...e, zone }) };
      }
      out.push({
        subject: `transfers.${t.name}`,
        alternative: group ? `nodes.${group} in ${zone}, next to ${t.from}` : `${t.to} moved to ${zone}`,
        edits: [edit],
        notes: [
          `availability: with both ends in ${zone}, an outage of that one zone stops them together; across two zones (as now) one survives it`,
        ],
      });
    }
    return out;
  },
};
