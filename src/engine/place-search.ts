import { Decimal, ZERO } from '../model/decimal.js';
import { CATEGORIES, PlanError, type Category, type Estimate, type LineItem, type Totals } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { Scenario } from '../model/scenario.js';
import type { UncertainInput } from '../model/uncertain.js';
import { estimate, estimateTotals } from './estimate.js';
import { chanceCheaper } from './paired.js';
import { attachedEnds, combinationCount, combinations, placed, spotsFor, type AttachedEnd, type PlacementOptions, type Spot } from './placement.js';
import { assessPlans, type Uncertainty } from './uncertainty.js';
import type { BreakEven } from './breakeven.js';
import { copyPlan } from './place-copy.js';
import type { MonteCarloOptions } from './montecarlo.js';

/** One line whose cost moved between the plan as written and a candidate. */
export interface LineChange {
  kind: LineItem['kind'];
  name: string;
  category: Category;
  before: Decimal;
  after: Decimal;
}

/** One placement, priced: its totals from the engine's one pricing pass. */
export interface Candidate {
  /** 1-based, in ranked order: what `--apply N` takes. */
  rank: number;
  spots: Spot[];
  scenario: Scenario;
  totals: Totals;
  /** The candidate's total minus the plan as written's. */
  delta: Decimal;
  deltas: Record<Category, Decimal>;
  /** The candidate is the plan as written (every group where it is, on the same type and purchase). */
  asWritten: boolean;
  /** With --consider-copy: this placement with the store copied next to the group instead of read across. */
  copy?: { replica: string; readGb: Decimal; breakEven: () => BreakEven };
}

/** A candidate worked out in full, for showing: its lines, what changed, its spread. */
export interface Detailed extends Candidate {
  estimate: Estimate;
  /** Every line whose cost changed, largest change first. */
  changes: LineChange[];
  /** The lines of the transfers that name a varied group (nodes:NAME): what moving it does to its traffic. */
  moved: LineItem[];
  uncertainty?: Uncertainty;
  /** From paired samples: the share of months in which the candidate costs less than the plan as written. */
  chanceCheaper?: Decimal;
  /** A copy plan's break-even monthly read volume against reading across. */
  copyBreakEven?: BreakEven;
}

export interface PlaceResult {
  base: Estimate;
  /** The plan as written's lines of the transfers that name a varied group (or sit where only it runs). */
  movedBase: LineItem[];
  /** Every placement priced, cheapest first (ties: the plan as written first, then by place). */
  candidates: Candidate[];
  /** Placements that could not be priced (a rate the new place does not have). */
  failed: { spots: Spot[]; reason: string }[];
  attached: AttachedEnd[];
  shared: { transfer: string; written: string; groups: string[] }[];
  /** Said once for the whole search: zones dropped, ends that moved or stayed. */
  assumptions: string[];
}

export interface SearchInput {
  scenario: Scenario;
  book: PricingBook;
  /** Indexes of the varied node groups. */
  groups: readonly number[];
  options?: PlacementOptions;
  /** Called after each combination is priced (for a progress bar). */
  progress?: (done: number, total: number) => void;
  /** `--consider-copy storage.NAME`: each placement away from the store also priced with the store copied next to it. */
  copy?: { store: string; refreshGb?: Decimal };
}

const lineKey = (l: LineItem) => `${l.kind}\u0000${l.name}\u0000${l.category}`;

/** Lines matched by kind and name (a line only one side has counts from or to 0), largest change first. */
export function lineChanges(before: Estimate, after: Estimate): LineChange[] {
  const sums = new Map<string, LineChange>();
  const add = (l: LineItem, side: 'before' | 'after') => {
    const k = lineKey(l);
    const c = sums.get(k) ?? { kind: l.kind, name: l.name, category: l.category, before: ZERO, after: ZERO };
    c[side] = c[side].plus(l.cost);
    sums.set(k, c);
  };
  for (const l of before.lines) add(l, 'before');
  for (const l of after.lines) add(l, 'after');
  return [...sums.values()]
    .filter((c) => !c.before.eq(c.after))
    .sort((a, b) => b.after.minus(b.before).abs().cmp(a.after.minus(a.before).abs()) || a.name.localeCompare(b.name));
}

/** The lines of transfers with an end naming one of `groups` in `scenario` (a placed plan: attached ends name their group). */
function movedLines(scenario: Scenario, groups: readonly string[], e: Estimate, replica?: string): LineItem[] {
  // A copy's refresh (into the replica) is the group's traffic too: it replaces the reads across.
  const ends = new Set([...groups.map((g) => `nodes:${g}`), ...(replica ? [`storage:${replica}`] : [])]);
  const transfers = scenario.transfers ?? [];
  return e.lines.filter((l) => l.ref[0] === 'transfers' && (ends.has(transfers[l.ref[1] as number]!.from) || ends.has(transfers[l.ref[1] as number]!.to)));
}

function categoryDeltas(a: Totals, b: Totals): Record<Category, Decimal> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, b[c].minus(a[c])])) as Record<Category, Decimal>;
}

function sameSpots(scenario: Scenario, spots: readonly Spot[]): boolean {
  return spots.every((s) => {
    const n = scenario.nodes!.find((g) => g.name === s.group)!;
    return n.provider === s.provider && n.region === s.region && n.instance === s.instance && (n.purchase ?? 'on-demand') === s.purchase;
  });
}

/**
 * Every placement of the varied groups (the cross product of their spots),
 * each priced whole by the engine (`estimateTotals`, whose totals are
 * `estimate`'s to the last digit: each figure is the one `estimate` gives the
 * file written with that placement), ranked by total.
 */
export function searchPlacements(input: SearchInput): PlaceResult {
  const { scenario, book, groups, options = {} } = input;
  const names = groups.map((g) => scenario.nodes![g]!.name);
  const { attached, shared } = options.fixedEnds ? { attached: [], shared: [] } : attachedEnds(scenario, names);
  const perGroup = groups.map((g) => spotsFor(scenario, book, g, options));
  const base = estimate(scenario, book);
  const total = combinationCount(perGroup);
  const priced: Omit<Candidate, 'rank'>[] = [];
  const failed: PlaceResult['failed'] = [];
  let done = 0;
  for (const spots of combinations(perGroup)) {
    const plan = placed(scenario, spots, attached);
    try {
      const totals = estimateTotals(plan, book);
      priced.push({ spots, scenario: plan, totals, delta: totals.total.minus(base.totals.total), deltas: categoryDeltas(base.totals, totals), asWritten: sameSpots(scenario, spots) });
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      failed.push({ spots, reason: err.misses[0]!.message });
    }
    const copied = input.copy && copyPlan(plan, spots, input.copy.store, input.copy.refreshGb, book);
    if (copied) {
      const totals = copied.totals;
      priced.push({
        spots,
        scenario: copied.scenario,
        totals,
        delta: totals.total.minus(base.totals.total),
        deltas: categoryDeltas(base.totals, totals),
        asWritten: false,
        copy: { replica: copied.replica.name, readGb: copied.readGb, breakEven: copied.breakEven },
      });
    }
    done++;
    input.progress?.(done, total);
  }
  const where = (c: { spots: Spot[]; copy?: unknown }) => `${c.spots.map((s) => `${s.provider}:${s.region}`).join(' ')}${c.copy ? ' copy' : ''}`;
  priced.sort((a, b) => a.totals.total.cmp(b.totals.total) || Number(b.asWritten) - Number(a.asWritten) || where(a).localeCompare(where(b)));
  const candidates = priced.map((c, i) => ({ ...c, rank: i + 1 }));
  const movedBase = movedLines(placed(scenario, [], attached), names, base);
  return { base, movedBase, candidates, failed, attached, shared, assumptions: assumptionsOf(scenario, perGroup, attached, shared) };
}

/**
 * The candidates to show, worked out in full: lines and changes, and with
 * ranges the sampled spread, drawn with the plan as written's seed (sample k
 * of each is the same month), and the chance of costing less than it.
 */
export function detail(
  result: PlaceResult,
  chosen: readonly Candidate[],
  base: { scenario: Scenario; uncertain: readonly UncertainInput[]; book: PricingBook },
  sampling: MonteCarloOptions = {},
): { candidates: Detailed[]; baseUncertainty?: Uncertainty } {
  const out: Detailed[] = chosen.map((c) => {
    const e = estimate(c.scenario, base.book);
    return {
      ...c,
      estimate: e,
      changes: lineChanges(result.base, e),
      moved: movedLines(c.scenario, c.spots.map((s) => s.group), e, c.copy?.replica),
      ...(c.copy ? { copyBreakEven: c.copy.breakEven() } : {}),
    };
  });
  if (base.uncertain.length === 0) return { candidates: out };
  const all = assessPlans([base, ...out.map((c) => ({ scenario: c.scenario, uncertain: base.uncertain, book: base.book }))], sampling);
  const chances = chanceCheaper([result.base, ...out.map((c) => c.estimate)], all);
  out.forEach((c, i) => {
    c.uncertainty = all[i + 1];
    c.chanceCheaper = chances[i + 1];
  });
  return { candidates: out, baseUncertainty: all[0] };
}

function assumptionsOf(scenario: Scenario, perGroup: readonly Spot[][], attached: readonly AttachedEnd[], shared: PlaceResult['shared']): string[] {
  const out: string[] = [];
  for (const spots of perGroup) {
    const group = scenario.nodes!.find((n) => n.name === spots[0]!.group)!;
    if (group.zone !== undefined) {
      out.push(`nodes.${group.name}: in another region its zone (${group.zone}) is dropped: the tables do not list zones, so its transfers there are priced as zones not given`);
    }
  }
  const byGroup = new Map<string, string[]>();
  for (const a of attached) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), `transfers.${scenario.transfers![a.transfer]!.name}.${a.side}`]);
  for (const [group, ends] of byGroup) {
    const at = scenario.nodes!.find((n) => n.name === group)!;
    const many = ends.length > 1;
    out.push(`${ends.join(', ')} ${many ? 'are' : 'is'} written as ${at.provider}:${at.region}${at.zone ? `:${at.zone}` : ''}, where only nodes.${group} runs: ${many ? 'they move' : 'it moves'} with it (as nodes:${group}; --fixed-ends keeps ${many ? 'them' : 'it'} there)`);
  }
  const said = new Set<string>();
  for (const s of shared) if (!said.has(s.transfer) && said.add(s.transfer)) out.push(`transfers.${s.transfer} ends at ${s.written}, where ${s.groups.map((g) => `nodes.${g}`).join(' and ')} run: it stays there (write nodes:NAME to say which group it follows)`);
  return out;
}
