import type { PlanEdit } from '../edits.js';
import type { Rule } from '../rule.js';

const INTERRUPTION_FIELDS = ['interruptions_per_hour', 'checkpoint_every_hours', 'restart_hours', 'gang'] as const;

/**
 * A spot group that states its interruption rate bills the re-done work
 * (src/engine/spot-interruptions.ts); past some rate the discount is gone and
 * on-demand, which runs only the useful hours, costs less. Capacity blocks are
 * sold for a few types in a few regions only, so the note names them rather
 * than the rule pricing one.
 */
export const spotToOnDemand: Rule = {
  id: 'spot-to-on-demand',
  when: 'a spot group whose interruptions (interruptions_per_hour, restart, checkpoints) bill more re-done hours than spot saves',
  instead: 'on-demand for that group: no interruptions, the useful hours only',
  priced: 'the engine prices the group on-demand, without the interruption model',
  propose(ctx) {
    return (ctx.scenario.nodes ?? [])
      .filter((n) => n.purchase === 'spot' && n.interruptions_per_hour !== undefined)
      .map((n) => {
        const edits: PlanEdit[] = [{ kind: 'set', section: 'nodes', name: n.name, field: 'purchase', value: 'on-demand' }];
        for (const field of INTERRUPTION_FIELDS) {
          if (n[field] !== undefined) edits.push({ kind: 'set', section: 'nodes', name: n.name, field, value: undefined });
        }
        return {
          subject: `nodes.${n.name}`,
          alternative: `${n.instance} on-demand, ${n.hours ?? ctx.hoursPerMonth} useful hours per node and no re-runs`,
          edits,
          notes: [
            `at ${n.interruptions_per_hour} interruptions per node-hour${n.gang ? ' (a gang: any one stops all)' : ''}, re-done work costs more than spot saves; a capacity block (purchase: capacity-block, where pricing show lists one) would also end the interruptions`,
          ],
        };
      });
  },
};
