import { Decimal, ZERO } from '../model/decimal.js';
import { isSavingsPlan, type CommitmentKind } from '../model/commitments.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { NodeGroup, ScenarioCommitment } from '../model/scenario.js';
import { LookupError, tableFor } from '../pricing/lookup.js';
import { commitmentRate } from '../pricing/purchase-lookup.js';
import { money } from '../model/numbers.js';
import { listSome } from '../model/suggest.js';

/**
 * The plan's `commitments:` applied to its on-demand node usage the way the
 * providers apply them, hour by hour: reservations and CUDs to instances of
 * their type in their region, then EC2 Instance Savings Plans, then Compute
 * Savings Plans, each plan to the eligible usage with the highest discount
 * first. A plan gives hours per node for the month, not when they run, so
 * every group is taken to run from the start of the month at the same time
 * (said in the assumptions): the least a commitment could cover of that
 * usage, never more. The unused part of each commitment is its waste.
 */

/** One on-demand node line a commitment may cover. */
export interface Usage {
  /** Instances running each hour while the group runs. */
  instances: Decimal;
  /** Hours each instance runs, from the start of the month. */
  hours: Decimal;
  /** On-demand $/instance-hour. */
  onDemand: Decimal;
}

/** A commitment as the cover works it out: its $/hour and, per usage line, the rate it pays there (absent: not eligible). */
export interface Cover {
  kind: CommitmentKind;
  /** Savings plans: $ per hour. Reservations, CUDs: instances. */
  size: Decimal;
  /** Index of usage → the commitment's $/instance-hour on it. */
  rates: Map<number, Decimal>;
  /** Reservations, CUDs: the $/instance-hour of their type, paid for every unit whether used or not. */
  unitRate?: Decimal;
}

export interface CoverResult {
  /** Node-hours covered per usage line, and by which commitments (indexes). */
  covered: Decimal[];
  by: Set<number>[];
  /** $ of commitments spent on each usage line (its covered hours at the commitments' rates). */
  paid: Decimal[];
  /** $ of each commitment's monthly cost that usage used. */
  used: Decimal[];
  /** What each commitment costs a month: $/h × month (plans), units × rate × month (reservations, CUDs). */
  cost: Decimal[];
}

const ORDER: Record<CommitmentKind, number> = { reservation: 0, cud: 0, 'ec2-instance-savings-plan': 1, 'compute-savings-plan': 2 };

/** The hour-by-hour cover, pure and on plain figures (what the property tests drive). */
export function cover(usage: readonly Usage[], commitments: readonly Cover[], hoursPerMonth: Decimal): CoverResult {
  const covered = usage.map(() => ZERO);
  const by = usage.map(() => new Set<number>());
  const paid = usage.map(() => ZERO);
  const used = commitments.map(() => ZERO);
  const cost = commitments.map((c) => (isSavingsPlan(c.kind) ? c.size.times(hoursPerMonth) : c.size.times(c.unitRate ?? ZERO).times(hoursPerMonth)));
  const order = commitments.map((_, i) => i).sort((a, b) => ORDER[commitments[a]!.kind] - ORDER[commitments[b]!.kind] || a - b);
  // Between two consecutive ends of groups' hours the same groups run: one step each.
  const ends = [...new Set(usage.map((u) => u.hours.toString()))].map((h) => new Decimal(h)).sort((a, b) => a.comparedTo(b));
  let from = ZERO;
  for (const to of ends) {
    const span = to.minus(from);
    if (span.lte(0)) continue;
    const left = usage.map((u) => (u.hours.gt(from) ? u.instances : ZERO));
    for (const c of order) {
      const commitment = commitments[c]!;
      const eligible = [...commitment.rates.keys()].filter((i) => left[i]!.gt(0));
      if (isSavingsPlan(commitment.kind)) {
        // Highest discount first: the smallest share of on-demand the plan's rate is.
        eligible.sort((a, b) => commitment.rates.get(a)!.div(usage[a]!.onDemand).comparedTo(commitment.rates.get(b)!.div(usage[b]!.onDemand)) || a - b);
        let budget = commitment.size;
        for (const i of eligible) {
          if (budget.lte(0)) break;
          const rate = commitment.rates.get(i)!;
          const full = left[i]!.times(rate);
          const take = full.lte(budget) ? left[i]! : budget.div(rate);
          const spent = full.lte(budget) ? full : budget;
          covered[i] = covered[i]!.plus(take.times(span));
          left[i] = left[i]!.minus(take);
          by[i]!.add(c);
          used[c] = used[c]!.plus(spent.times(span));
          paid[i] = paid[i]!.plus(spent.times(span));
          budget = budget.minus(spent);
        }
      } else {
        let units = commitment.size;
        for (const i of eligible) {
          if (units.lte(0)) break;
          const take = Decimal.min(units, left[i]!);
          covered[i] = covered[i]!.plus(take.times(span));
          left[i] = left[i]!.minus(take);
          by[i]!.add(c);
          const spent = take.times(commitment.rates.get(i)!).times(span);
          used[c] = used[c]!.plus(spent);
          paid[i] = paid[i]!.plus(spent);
          units = units.minus(take);
        }
      }
    }
    from = to;
  }
  return { covered, by, paid, used, cost };
}

interface Context {
  groups: readonly NodeGroup[];
  book: PricingBook;
  hoursPerMonth: Decimal;
  assume: (text: string) => void;
  fail: (path: (string | number)[], e: unknown) => void;
}

const PURCHASE_OF: Record<CommitmentKind, 'savings-plan' | 'reserved' | 'committed-use'> = {
  'compute-savings-plan': 'savings-plan',
  'ec2-instance-savings-plan': 'savings-plan',
  reservation: 'reserved',
  cud: 'committed-use',
};

/** Why a node group is not usage the commitment applies to (its cloud, purchase, region or type), or undefined when it is. */
function ineligible(c: ScenarioCommitment, g: NodeGroup): string | undefined {
  if (g.provider !== c.provider) return `on ${g.provider}`;
  const purchase = g.purchase ?? 'on-demand';
  if (purchase !== 'on-demand') return purchase;
  if (c.scope?.region !== undefined && g.region !== c.scope.region) return `in ${g.region}`;
  if (c.scope?.instance !== undefined && g.instance !== c.scope.instance) return g.instance;
  // EC2 instance families are the part of the type's name before the size: p4d in p4d.24xlarge.
  if (c.scope?.family !== undefined && g.instance.split('.')[0] !== c.scope.family) return `${g.instance}, family ${g.instance.split('.')[0]}`;
  return undefined;
}

/** The node groups a commitment could not use, each with why, the first few of them: a big plan is not listed whole. */
function whyNone(c: ScenarioCommitment, groups: readonly NodeGroup[]): string {
  const named = groups.flatMap((g) => {
    const why = ineligible(c, g);
    return why === undefined ? [] : [`nodes.${g.name} is ${why}`];
  });
  return named.length ? listSome(named, 5) : 'the plan has no node groups';
}

/** The usage a commitment applies to, in words: `on-demand aws p4d node groups in us-east-1`. */
function couldCover(c: ScenarioCommitment): string {
  const what = c.scope?.instance ?? c.scope?.family;
  return `on-demand ${c.provider}${what ? ` ${what}` : ''} node groups ${c.scope?.region ? `in ${c.scope.region}` : 'in any region'}`;
}

/**
 * The plan's node lines with the commitments applied (covered node-hours taken
 * off each line's billed quantity) and one line per commitment for its monthly
 * cost. Lines not covered are returned as they were.
 */
export function applyCommitments(lines: readonly LineItem[], commitments: readonly ScenarioCommitment[], ctx: Context): LineItem[] {
  const nodeLines = lines.flatMap((l, at) => (l.kind === 'node' && l.purchase?.option === 'on-demand' ? [{ line: l, at, group: ctx.groups[l.ref[1] as number]! }] : []));
  const usage: Usage[] = nodeLines.map(({ line, group }) => ({ instances: group.count, hours: line.quantity.div(group.count.isZero() ? 1 : group.count), onDemand: line.rate }));
  const covers: Cover[] = [];
  const kept: ScenarioCommitment[] = [];
  commitments.forEach((c, ci) => {
    try {
      const table = tableFor(ctx.book, c.provider);
      const ask = { purchase: PURCHASE_OF[c.kind], term: c.term, ...(c.payment ? { payment: c.payment } : {}), ...(isSavingsPlan(c.kind) ? { plan: c.kind === 'compute-savings-plan' ? ('compute' as const) : ('ec2-instance' as const) } : {}) };
      const rates = new Map<number, Decimal>();
      nodeLines.forEach(({ group }, i) => {
        if (ineligible(c, group) !== undefined) return;
        try {
          rates.set(i, commitmentRate(table, group.instance, group.region, ask).rate);
        } catch (e) {
          // A usage line the commitment covers but the table has no rate for: never guessed.
          if (e instanceof LookupError) throw new LookupError(`${c.name}: ${e.message}`, `${e.suggestion ?? ''}${e.suggestion ? '; ' : ''}it is needed to apply ${c.name} to nodes.${group.name}`, 'kind');
          throw e;
        }
      });
      // A reservation or CUD costs its units at its type's rate even with nothing running to use it.
      const unitRate = isSavingsPlan(c.kind) ? undefined : commitmentRate(table, c.scope!.instance!, c.scope!.region!, ask).rate;
      covers.push({ kind: c.kind, size: c.hourly_commitment ?? c.units!, rates, ...(unitRate ? { unitRate } : {}) });
      kept.push(c);
    } catch (e) {
      ctx.fail(['commitments', ci], e);
    }
  });
  if (kept.length === 0) return [...lines];
  ctx.assume(
    'commitments apply hour by hour as the providers apply them (reservations and CUDs to their instance type, then EC2 Instance, then Compute Savings Plans, highest discount first); the plan does not say when groups run, so all are taken to start together at the month\'s start: the least a commitment covers, never more',
  );
  const result = cover(usage, covers, ctx.hoursPerMonth);
  const out = [...lines];
  nodeLines.forEach(({ line, at }, i) => {
    const covered = result.covered[i]!;
    const names = [...result.by[i]!].map((c) => kept[c]!.name);
    const uncovered = line.quantity.minus(covered);
    const cost = uncovered.times(line.rate);
    const gpuHours = line.purchase?.gpuHours;
    out[at] = {
      ...line,
      // What the line's work costs per GPU-hour with the commitments' part of it counted at their rates.
      ...(line.purchase && gpuHours?.gt(0) ? { purchase: { ...line.purchase, gpuHourRate: cost.plus(result.paid[i]!).div(gpuHours) } } : {}),
      quantity: uncovered,
      cost,
      coverage: { usage: line.quantity, covered, uncovered, by: names },
    };
  });
  kept.forEach((c, k) => {
    const cost = result.cost[k]!;
    const used = result.used[k]!;
    const waste = cost.minus(used);
    const idle = covers[k]!.rates.size === 0;
    if (idle) ctx.assume(`commitments.${c.name}: no usage in the plan is eligible for it; all of its ${money(cost)} a month is waste`);
    out.push({
      kind: 'commitment',
      name: c.name,
      category: 'compute',
      provider: c.provider,
      region: c.scope?.region ?? 'any',
      description: `${c.kind} ${c.term}${c.payment ? ` ${c.payment}` : ''}, ${c.hourly_commitment ? `${money(c.hourly_commitment)}/h committed` : `${c.units} × ${c.scope!.instance} reserved`}`,
      quantity: ctx.hoursPerMonth,
      unit: 'hour',
      rate: cost.div(ctx.hoursPerMonth),
      cost,
      ref: ['commitments', commitments.indexOf(c)],
      commitment: {
        used,
        waste,
        ...(idle ? { noEligible: { couldCover: couldCover(c), groups: whyNone(c, ctx.groups) } } : {}),
      },
    });
  });
  return out;
}
