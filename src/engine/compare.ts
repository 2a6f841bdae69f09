import { Decimal, ZERO } from '../model/decimal.js';
import { CATEGORIES, type Category, type Estimate, type LineItem } from '../model/estimate.js';

/**
 * One figure across the compared scenarios, against the first (the baseline).
 * `costs[i]` is undefined when scenario i has no such line.
 */
export interface ComparedCosts {
  costs: (Decimal | undefined)[];
  /** cost − baseline cost; an absent line counts as 0. `deltas[0]` is always 0. */
  deltas: Decimal[];
  /** delta / baseline cost; undefined when the baseline is 0 (no meaningful %). */
  percents: (Decimal | undefined)[];
  /** Index of the lowest cost (absent counts as 0); the earliest on a tie. */
  cheapest: number;
  /**
   * Every index at the lowest cost: the plans every format marks cheapest, ties
   * all marked alike; empty when every plan costs the same (there is no choice).
   */
  lowest: number[];
}

export interface ComparedCategory extends ComparedCosts {
  category: Category | 'total';
  costs: Decimal[];
}

/** Lines are matched across scenarios by kind + name. */
export interface ComparedLine extends ComparedCosts {
  kind: LineItem['kind'];
  name: string;
  /** The category in the first scenario that has the line. */
  category: Category;
  /** True when any scenario's cost differs from the baseline's (or the line is absent somewhere). */
  moved: boolean;
  /** Each scenario's own line (undefined where it has none): how it was bought, what covers it. */
  items: (LineItem | undefined)[];
}

export interface Comparison {
  scenarios: string[];
  /** Every category any scenario has, in CATEGORIES order, then the total. */
  categories: ComparedCategory[];
  total: ComparedCategory;
  /** By category, then the biggest movement first, then name. */
  lines: ComparedLine[];
  /** Index of the scenario with the lowest total (the earliest on a tie). */
  cheapest: number;
}

function compareCosts(costs: (Decimal | undefined)[]): ComparedCosts {
  const base = costs[0] ?? ZERO;
  const deltas = costs.map((c) => (c ?? ZERO).minus(base));
  const percents = deltas.map((d) => (base.isZero() ? undefined : d.div(base)));
  let cheapest = 0;
  costs.forEach((c, i) => {
    if ((c ?? ZERO).lt(costs[cheapest] ?? ZERO)) cheapest = i;
  });
  const low = costs[cheapest] ?? ZERO;
  const lowest = costs.map((c, i) => ((c ?? ZERO).eq(low) ? i : -1)).filter((i) => i >= 0);
  return { costs, deltas, percents, cheapest, lowest: lowest.length === costs.length ? [] : lowest };
}

function largestSwing(l: ComparedCosts): Decimal {
  return l.deltas.reduce((m, d) => Decimal.max(m, d.abs()), ZERO);
}

/** Scenarios side by side: per category, per total and per matched line, against the first. */
export function compare(estimates: readonly Estimate[]): Comparison {
  if (estimates.length === 0) throw new Error('compare needs at least one estimate');
  const total = { category: 'total' as const, ...compareCosts(estimates.map((e) => e.totals.total)) } as ComparedCategory;
  const categories = CATEGORIES.filter((c) => estimates.some((e) => e.lines.some((l) => l.category === c))).map(
    (category) => ({ category, ...compareCosts(estimates.map((e) => e.totals[category])) }) as ComparedCategory,
  );

  const keys = new Map<string, { kind: LineItem['kind']; name: string; category: Category }>();
  for (const e of estimates) {
    for (const l of e.lines) {
      const key = `${l.kind}\u0000${l.name}`;
      if (!keys.has(key)) keys.set(key, { kind: l.kind, name: l.name, category: l.category });
    }
  }
  const lines: ComparedLine[] = [...keys.values()].map((k) => {
    const items = estimates.map((e) => e.lines.find((l) => l.kind === k.kind && l.name === k.name));
    const costs = items.map((l) => l?.cost);
    const compared = compareCosts(costs);
    const moved = costs.some((c) => c === undefined) || compared.deltas.some((d) => !d.isZero());
    return { ...k, ...compared, moved, items };
  });
  lines.sort(
    (a, b) =>
      CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
      largestSwing(b).comparedTo(largestSwing(a)) ||
      a.name.localeCompare(b.name),
  );

  return { scenarios: estimates.map((e) => e.scenario), categories, total, lines, cheapest: total.cheapest };
}
