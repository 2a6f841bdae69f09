import { commitmentLabel } from '../../../model/purchase.js';
import { tableFor } from '../../../pricing/lookup.js';
import { money } from '../../../model/numbers.js';
import type { PlanEdit } from '../edits.js';
import type { Proposal, Rule } from '../rule.js';

/**
 * An on-demand group that runs most of the month may cost less under a
 * commitment: a commitment bills every hour of its term, used or not, so it
 * pays only above break-even hours. The rule picks the cheapest of the
 * catalog's `commitments` rates for the type and region (count ×
 * hours_per_month × the effective hourly rate) and proposes it as the group's
 * `purchase:` (with its term, payment and plan), which the engine then prices.
 */
export const commitment: Rule = {
  id: 'on-demand-to-commitment',
  when: 'an on-demand group runs enough hours that a published commitment rate for its type and region costs less',
  instead: 'the cheapest commitment the catalog lists for the type in that region',
  priced: 'the engine prices the group bought that way: count × hours_per_month × the commitment\u2019s effective $/hour (a commitment bills every hour)',
  propose(ctx) {
    const out: Proposal[] = [];
    (ctx.scenario.nodes ?? []).forEach((n) => {
      if ((n.purchase ?? 'on-demand') !== 'on-demand') return;
      const line = ctx.estimate.lines.find((l) => l.kind === 'node' && l.name === n.name);
      const entry = tableFor(ctx.book, n.provider).instances?.[n.instance];
      if (!line || !entry) return;
      let best;
      for (const c of entry.commitments ?? []) {
        const rate = c.rates[n.region];
        if (rate !== undefined && (!best || rate.lt(best.rate))) best = { c, rate };
      }
      if (!best) return;
      const cost = n.count.times(ctx.hoursPerMonth).times(best.rate);
      if (!cost.lt(line.cost)) return;
      const label = commitmentLabel(best.c);
      const breakEvenHours = ctx.hoursPerMonth.times(best.rate).div(line.rate).toDecimalPlaces(0, 2);
      const c = best.c;
      const set = (field: string, value: string | undefined): PlanEdit => ({ kind: 'set', section: 'nodes', name: n.name, field, value });
      // A committed option bills every hour of the month, so `hours:` (and any range on it) no longer prices anything.
      const given = { purchase: c.purchase, term: c.term, payment: c.payment, plan: c.plan };
      const edits = Object.entries(given).flatMap(([field, value]) => (value === undefined ? [] : [set(field, value)]));
      if (n.hours !== undefined) edits.push(set('hours', undefined));
      out.push({
        subject: `nodes.${n.name}`,
        alternative: `${label} for ${n.count} × ${n.instance} at $${best.rate}/h, every hour of the month`,
        edits,
        notes: [
          `a ${c.term} term: ${money(cost)} every month of it whether the nodes run or not; it pays above ${breakEvenHours} h per node a month (at the on-demand $${line.rate}/h)`,
        ],
      });
    });
    return out;
  },
};
