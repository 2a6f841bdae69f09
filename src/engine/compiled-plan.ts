import { Decimal, ZERO } from '../model/decimal.js';
import { CATEGORIES, type Category, type LineItem, type Totals } from '../model/estimate.js';
import type { Scenario } from '../model/scenario.js';
import { fieldOf, setField, type UncertainInput } from '../model/uncertain.js';
import type { PricingBook } from '../model/pricing-book.js';
import { priceAggregate, type AggregateMember } from './aggregate.js';
import { addCost, estimateTotals, exactSums, priceTraced, roundedTotals, totalsOf } from './estimate.js';
import type { Tier } from '../model/pricing.js';
import { scalePlan, type ScaledPlan } from './scaled-plan.js';
import { productFields, type Product } from './trace.js';

/** Where a varying quantity is: ['nodes', 0, 'count']. */
export type QuantityPath = UncertainInput['path'];

/**
 * A plan priced once, ready to be priced again and again with some quantities
 * changed (Monte Carlo samples, break-even probes, sensitivity ends): the
 * lines no varying quantity touches are summed once; a touched line is
 * re-priced with the engine's own quantity rule and rate; a tiered aggregate
 * with a touched member is re-priced on its tier schedule, whose full bands
 * are costed once. Every answer equals `estimateTotals` of the scenario with
 * those values set, to the last digit (test/engine/compiled-plan.test.ts).
 */
export interface CompiledPlan {
  /** The totals with the quantities at the values the scenario has. */
  readonly point: Totals;
  /** The categories (and 'total') a varying quantity can move; the others stay at `point`. */
  readonly moves: ReadonlySet<Category | 'total'>;
  /** Totals with `values[i]` set at the i-th path given to `compilePlan`. */
  totals(values: readonly Decimal[]): Totals;
  /** The same totals in exact integers, for Monte Carlo, where every quantity a value moves is a product (scaled-plan.ts). */
  readonly scaled?: ScaledPlan;
}

type Rule = (item: never) => Decimal;

interface Item {
  base: Record<string, unknown>;
  /** (field, index into values) */
  fields: [string, number][];
  /** The sampled copy, rebuilt for each call. */
  current: Record<string, unknown>;
}

interface DirectLine {
  line: number;
  item: Item;
  rule: Rule;
  rate: Decimal;
}

interface LiveAggregate {
  lines: number[];
  members: AggregateMember[];
  /** Members whose quantity varies: position in `members`, their item and rule. */
  varying: { member: number; item: Item; rule: Rule; product: Product | undefined }[];
  /** One schedule (the usual case): the whole cost goes to the first member's line. */
  schedule?: Schedule;
  /** The quantities of the members that do not vary, summed in member order, and their most decimal places. */
  fixedQuantity: Decimal;
  fixedPlaces: number;
}

/** Graduated tiers with each full band's cost summed once, in the order `tieredCost` sums them. */
interface Schedule {
  from: Decimal[];
  upTo: (Decimal | undefined)[];
  rate: Decimal[];
  /** Cost of every band below band k, summed as `tieredCost` sums them. */
  below: Decimal[];
}

function scheduleOf(tiers: readonly Tier[]): Schedule {
  const s: Schedule = { from: [], upTo: [], rate: [], below: [] };
  let from = ZERO;
  let cost = ZERO;
  for (const tier of tiers) {
    s.from.push(from);
    s.upTo.push(tier.up_to);
    s.rate.push(tier.rate);
    s.below.push(cost);
    if (tier.up_to === undefined) break;
    cost = cost.plus(tier.up_to.minus(from).times(tier.rate));
    from = tier.up_to;
  }
  s.below.push(cost);
  return s;
}

/** `tieredCost(q, tiers).cost` by the same steps: the full bands below q as summed once, plus q's part of its own band. */
function scheduledCost(s: Schedule, q: Decimal): Decimal {
  for (let k = 0; k < s.rate.length; k++) {
    const upTo = s.upTo[k];
    if (upTo === undefined || q.lte(upTo)) return q.lte(s.from[k]!) ? s.below[k]! : s.below[k]!.plus(q.minus(s.from[k]!).times(s.rate[k]!));
  }
  return s.below[s.rate.length]!;
}

/**
 * Sums of non-negative numbers with at most `places` decimal places that stay
 * below 10^(precision − places − 1) are exact at every step, so adding them in
 * another order gives the same Decimal (an aggregate's quantity is summed at
 * Decimal's precision, in member order). One digit is kept in hand for the
 * rounding of the sum being checked.
 */
function exactSum(sum: Decimal, places: number): boolean {
  return sum.isZero() || sum.e + 1 + places <= Decimal.precision - 1;
}

export function compilePlan(scenario: Scenario, book: PricingBook, paths: readonly QuantityPath[]): CompiledPlan {
  const rules = new Map<LineItem, Rule>();
  const products = new Map<LineItem, Product | undefined>();
  const aggregates: { lines: readonly LineItem[]; members: readonly AggregateMember[] }[] = [];
  const fixedLines = new Set<LineItem>();
  const latent = new Set<string>();
  const estimate = priceTraced(scenario, book, 'totals', {
    line: (line, quantityOf, product) => {
      rules.set(line, quantityOf as Rule);
      products.set(line, product);
    },
    aggregate: (lines, members) => void aggregates.push({ lines, members }),
    fixed: (line) => void fixedLines.add(line),
    latent: (section, index, field) => void latent.add(`${section}/${index}/${field}`),
  });
  const lines = estimate.lines;
  const lineIndex = new Map(lines.map((l, i) => [l, i]));

  const items = new Map<string, Item>();
  paths.forEach(([section, index, field], i) => {
    const key = `${section}/${index}`;
    let item = items.get(key);
    if (!item) {
      const base = (scenario[section] as unknown as Record<string, unknown>[] | undefined)?.[index];
      if (!base) throw new RangeError(`no ${section}[${index}] in the scenario`);
      item = { base, fields: [], current: base };
      items.set(key, item);
    }
    item.fields.push([field, i]);
  });
  const itemOf = (line: LineItem) => {
    const item = rules.has(line) ? items.get(`${line.ref[0]}/${line.ref[1]}`) : undefined;
    const product = products.get(line);
    if (!item || !product) return item;
    // A product names every field its quantity reads (trace.ts): a line whose product names none of
    // the fields that vary, all of which the item has, costs what it cost (a bucket's GET requests
    // when its PUT requests vary).
    const named = productFields(product);
    return item.fields.every(([f]) => fieldOf(item.base, f) !== undefined && !named.includes(f)) ? undefined : item;
  };
  // A line the engine prices without telling its rule would stay at its first cost here although
  // its item varies, and a latent quantity's line is not there to re-price: such a plan is priced
  // whole on every call instead, slower and just as exact.
  if (
    paths.some(([section, index, field]) => latent.has(`${section}/${index}/${field}`)) ||
    lines.some((l) => !rules.has(l) && !fixedLines.has(l) && items.has(`${l.ref[0]}/${l.ref[1]}`))
  ) {
    return wholePlan(scenario, book, paths, totalsOf(lines));
  }

  const inAggregate = new Set<number>();
  const live: LiveAggregate[] = [];
  for (const a of aggregates) {
    const varying = a.lines.flatMap((line, member) => {
      const item = itemOf(line);
      return item ? [{ member, item, rule: rules.get(line)!, product: products.get(line) }] : [];
    });
    if (varying.length === 0) continue;
    const idx = a.lines.map((l) => lineIndex.get(l)!);
    idx.forEach((i) => inAggregate.add(i));
    const single = a.members.every((m) => m.schedule === a.members[0]!.schedule);
    const moving = new Set(varying.map((v) => v.member));
    let fixedQuantity = ZERO;
    let fixedPlaces = 0;
    a.members.forEach((m, k) => {
      if (moving.has(k)) return;
      fixedQuantity = fixedQuantity.plus(m.quantity);
      fixedPlaces = Math.max(fixedPlaces, m.quantity.decimalPlaces());
    });
    live.push({
      lines: idx,
      members: a.members.map((m) => ({ ...m })),
      varying,
      ...(single ? { schedule: scheduleOf(a.members[0]!.tiers) } : {}),
      fixedQuantity,
      fixedPlaces,
    });
  }

  const direct: DirectLine[] = [];
  lines.forEach((line, i) => {
    const item = itemOf(line);
    if (item && !inAggregate.has(i)) direct.push({ line: i, item, rule: rules.get(line)!, rate: line.rate });
  });

  // Lines whose cost a call may change: direct ones, the first line of a one-schedule
  // aggregate (the others carry 0 in a totals pricing), every line of another aggregate.
  const touched = [
    ...direct.map((d) => d.line),
    ...live.flatMap((a) => (a.schedule ? [a.lines[0]!] : a.lines)),
  ].sort((x, y) => x - y);
  const touchedSet = new Set(touched);
  const categoryOf = lines.map((l) => l.category);

  // Two ways to sum. Exact sums (estimate.ts) are right whatever the digits; plain
  // Decimal sums are the same numbers, and cheaper, whenever every partial sum is
  // exact (exactSum), which each call checks on the figures it has.
  const fixed = exactSums();
  const plain = Object.fromEntries([...CATEGORIES].map((c) => [c, ZERO])) as Record<Category, Decimal>;
  let fixedPlaces = 0;
  let fixedNegative = false;
  lines.forEach((l, i) => {
    if (touchedSet.has(i)) return;
    addCost(fixed, l.category, l.cost);
    plain[l.category] = plain[l.category].plus(l.cost);
    fixedPlaces = Math.max(fixedPlaces, l.cost.decimalPlaces());
    fixedNegative ||= l.cost.isNegative();
  });

  const moves = new Set<Category | 'total'>(touched.map((i) => categoryOf[i]!));
  if (moves.size > 0) moves.add('total');
  const costs = lines.map((l) => l.cost);
  const point = totalsOf(lines);
  const moving = CATEGORIES.filter((c) => moves.has(c)).map((c) => ({ category: c, lines: touched.filter((i) => categoryOf[i] === c) }));
  // What the categories no quantity moves add to the total, and the figures they show.
  let still = ZERO;
  for (const c of CATEGORIES) if (!moves.has(c)) still = still.plus(plain[c]);
  const itemList = [...items.values()];
  for (const item of itemList) item.current = { ...item.base };

  function totals(values: readonly Decimal[]): Totals {
    for (const item of itemList) for (const [field, i] of item.fields) setField(item.current, field, values[i]);
    for (const d of direct) costs[d.line] = (d.rule as (item: unknown) => Decimal)(d.item.current).times(d.rate);
    for (const a of live) priceLive(a, costs);

    const out = { ...plain, total: still } as Totals;
    let places = fixedPlaces;
    let negative = fixedNegative;
    for (const { category, lines: of } of moving) {
      let sum = plain[category];
      for (const i of of) {
        const c = costs[i]!;
        places = Math.max(places, c.decimalPlaces());
        negative ||= c.isNegative();
        sum = sum.plus(c);
      }
      out[category] = sum;
      out.total = out.total.plus(sum);
    }
    if (!negative && exactSum(out.total, places)) return out;

    const sums = { ...fixed };
    for (const i of touched) addCost(sums, categoryOf[i]!, costs[i]!);
    return roundedTotals(sums);
  }

  const scaled =
    moves.size > 0
      ? scalePlan({
          direct: direct.map((d) => ({ item: d.item, product: products.get(lines[d.line]!), rate: d.rate, category: categoryOf[d.line]! })),
          aggregates: live.map((a) => ({ members: a.members, varying: a.varying, category: categoryOf[a.lines[0]!]! })),
          fixed,
          keys: [...moving.map((m) => m.category), 'total'],
        })
      : undefined;
  return { point, moves, totals, ...(scaled ? { scaled } : {}) };
}

/** The plan priced by `estimateTotals` on each call, with the values set at their paths. */
function wholePlan(scenario: Scenario, book: PricingBook, paths: readonly QuantityPath[], point: Totals): CompiledPlan {
  const moves = new Set<Category | 'total'>([...CATEGORIES, 'total']);
  return {
    point,
    moves,
    totals(values) {
      const copy = { ...scenario } as unknown as Record<string, Record<string, unknown>[]>;
      paths.forEach(([section, index, field], i) => {
        if (copy[section] === (scenario as unknown as Record<string, unknown>)[section]) copy[section] = [...copy[section]!];
        copy[section]![index] = { ...copy[section]![index] };
        setField(copy[section]![index]!, field, values[i]);
      });
      return estimateTotals(copy as unknown as Scenario, book);
    },
  };
}

/** Re-price one aggregate with its varying members' quantities as they are now; writes its lines' costs. */
function priceLive(a: LiveAggregate, costs: Decimal[]): void {
  let quantity = a.fixedQuantity;
  let places = a.fixedPlaces;
  for (const v of a.varying) {
    const q = (v.rule as (item: unknown) => Decimal)(v.item.current);
    a.members[v.member]!.quantity = q;
    quantity = quantity.plus(q);
    places = Math.max(places, q.decimalPlaces());
    if (q.isNegative()) places = Infinity;
  }
  if (a.schedule && exactSum(quantity, places)) {
    costs[a.lines[0]!] = scheduledCost(a.schedule, quantity);
    return;
  }
  // Several schedules, or a sum past exact range: the engine's own aggregate pricing.
  const priced = priceAggregate(a.members, 'totals');
  a.lines.forEach((line, k) => (costs[line] = priced[k]!.cost));
}
