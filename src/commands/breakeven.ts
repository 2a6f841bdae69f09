import { pricesOption } from '../cli/prices-option.js';
import { formatOption } from '../cli/format-option.js';
import { EXIT, UsageError, listOption, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { breakEven } from '../engine/breakeven.js';
import { swingEnds } from '../engine/distributions.js';
import { compilePlan } from '../engine/compiled-plan.js';
import { billedHours, type InterruptionModel } from '../engine/spot-interruptions.js';
import { billedPerNode, interruptionModel } from '../engine/purchase-options.js';
import { amount } from '../model/numbers.js';
import { onSpot, parseVaryPath, pathOf, setValue, valueOf, varyPaths, withPurchase, type VaryTarget } from '../engine/vary.js';
import { Decimal } from '../model/decimal.js';
import { PlanError } from '../model/estimate.js';
import { DEFAULT_HOURS_PER_MONTH, INTERRUPTION_FIELDS, type Scenario } from '../model/scenario.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { formatBreakEvenJson, formatBreakEvenMarkdown, formatBreakEvenTable, type BreakEvenReport } from '../format/breakeven.js';
import { pricingUsed } from '../format/describe.js';
import { locatePlanError, projectFile, type Projection } from '../projection.js';
import { warnPlans } from './plan-warnings.js';

/** A number, or with `percent` also a percentage: "15%" → 0.15, "0.15" → 0.15. */
function number(text: string, what: string, percent: boolean): Decimal {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m || (m[2] && !percent)) {
    throw new UsageError(`${what}: expected ${percent ? 'a fraction or a percentage like 15%' : 'a number, zero or more'}, got ${JSON.stringify(text)}`);
  }
  const n = new Decimal(m[1]!);
  return m[2] ? n.div(100) : n;
}

function between(args: ParsedArgs, percent: boolean): [Decimal, Decimal] | undefined {
  const text = stringOption(args, 'between');
  if (text === undefined) return undefined;
  const parts = text.split('..');
  if (parts.length !== 2) throw new UsageError(`--between takes LOW..HIGH, e.g. ${percent ? '0%..200%' : '0..1000'}; got ${JSON.stringify(text)}`);
  const [low, high] = parts.map((p) => number(p, '--between', percent)) as [Decimal, Decimal];
  if (low.gt(high)) throw new UsageError(`--between: LOW (${low}) is above HIGH (${high})`);
  return [low, high];
}

function target(text: string | undefined, scenarios: readonly Scenario[]): VaryTarget {
  const valid = [...new Set(scenarios.flatMap(varyPaths))];
  if (text === undefined) throw new UsageError(`breakeven needs --vary PATH; valid paths: ${listSome(valid, 6)}`);
  const t = parseVaryPath(text, scenarios);
  if (t) return t;
  const hint = didYouMean(text, valid);
  throw new UsageError(`--vary ${JSON.stringify(text)} is not a quantity of ${scenarios.length > 1 ? 'these scenarios' : 'this scenario'}${hint ? `; ${hint}` : ''}\nvalid paths: ${listSome(valid, 12)}`);
}

/** Without --between: the input's own range if it has one, else 0 … twice its largest value (within its ceiling). */
function defaultInterval(t: VaryTarget, projections: readonly Projection[], scenarios: readonly Scenario[]): [Decimal, Decimal] {
  for (const p of projections) {
    const ranged = p.loaded.uncertain.find((u) => u.label === t.label);
    if (ranged) {
      const { low, high } = swingEnds(ranged);
      return [low, high];
    }
  }
  const values = scenarios.map((s) => valueOf(s, t)).filter((v): v is Decimal => v !== undefined);
  let high = Decimal.max(...values).times(2);
  if (t.field === 'hours') high = Decimal.min(high, scenarios[0]!.hours_per_month ?? 730);
  if (t.field === 'days') high = Decimal.min(high, 31);
  if (high.isZero()) throw new UsageError(`${t.label} is 0: give the interval to search with --between LOW..HIGH`);
  return [new Decimal(0), high];
}

/**
 * A cluster's or load balancer's hours cannot pass the month's: refused here (a node
 * group's can, as arithmetic, and the report says where that happens: `beyondMonth`).
 */
function withinMonth(t: VaryTarget, high: Decimal, s: Scenario): void {
  const month = s.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  if (t.field === 'hours' && t.section !== 'nodes' && high.gt(month)) {
    throw new UsageError(`--between: ${t.label} is at most the ${month} hours in the month (hours_per_month); got up to ${high}`);
  }
}

/** Two plans as functions of the varied value, and the interval to search. */
interface Setup {
  plans: [string, string];
  vary: string;
  unit: BreakEvenReport['unit'];
  costA: (x: Decimal) => Decimal;
  costB: (x: Decimal) => Decimal;
  low: Decimal;
  high: Decimal;
  /** Hours per node the plans need at a value, when the varied value sets hours: a month has only so many. */
  hoursAt?: (x: Decimal) => Decimal;
  /** How plan B's spot hours are modelled, for the report. */
  assumptions?: string[];
  /** What the model says at a crossing. */
  atCrossing?: (x: Decimal) => string;
}

type CostOf = (p: Projection, s: Scenario, t?: VaryTarget, at?: (x: Decimal) => Decimal) => (x: Decimal) => Decimal;

/**
 * `--spot GROUP`: the group on-demand (A) vs on spot (B). A group with the spot
 * interruption model is billed the model's hours (varying its interruption
 * rate, or --vary PATH); one without it runs hours × (1 + a flat overhead).
 */
function spotSetup(a: Projection, spot: string, args: ParsedArgs, overheadText: string | undefined, costOf: CostOf): Setup {
  const s = a.loaded.scenario;
  const group = (s.nodes ?? []).find((n) => n.name === spot);
  if (!group) {
    const names = (s.nodes ?? []).map((n) => n.name);
    const hint = didYouMean(spot, names);
    throw new UsageError(`--spot ${JSON.stringify(spot)}: no node group of that name${hint ? `; ${hint}` : ''} (node groups: ${names.join(', ') || 'none'})`);
  }
  const onDemand = withPurchase(s, spot, 'on-demand');
  const plainA = `${s.name}, nodes.${spot} on-demand`;
  const model = group.purchase === 'spot' ? interruptionModel(group) : undefined;
  if (model) {
    if (overheadText !== undefined) {
      throw new UsageError(
        `--spot-overhead: nodes.${spot} has the spot interruption model (${INTERRUPTION_FIELDS.join(', ')}), whose billed hours breakeven uses; --spot-overhead is for groups without it`,
      );
    }
    return interruptionSetup(a, spot, model, onDemand, plainA, stringOption(args, 'vary'), between(args, false), costOf);
  }
  const flat = `nodes.${spot} has no interruption fields (${INTERRUPTION_FIELDS.join(', ')}): spot runs the group's hours × (1 + one flat re-run overhead)`;
  const spotHours = (plan: Scenario) => valueOf(plan, { label: '', section: 'nodes', name: spot, field: 'hours' })!;
  const plans: [string, string] = [plainA, `${s.name}, nodes.${spot} on spot, hours × (1 + overhead)`];
  if (overheadText === undefined) {
    if (stringOption(args, 'vary') !== undefined) throw new UsageError('--vary with --spot needs --spot-overhead PCT (the re-run overhead to assume)');
    const [low, high] = between(args, true) ?? [new Decimal(0), new Decimal(5)];
    // On spot the group runs its hours × (1 + overhead): the overhead moves the spot plan's hours.
    const hours: VaryTarget = { label: '', section: 'nodes', name: spot, field: 'hours' };
    const onDemandHours = valueOf(onDemand, hours)!;
    return {
      plans,
      vary: 'spot re-run overhead',
      unit: '%',
      costA: costOf(a, onDemand),
      costB: costOf(a, withPurchase(onDemand, spot, 'spot'), hours, (x) => onDemandHours.times(x.plus(1))),
      low,
      high,
      hoursAt: (x) => spotHours(onDemand).times(x.plus(1)),
      assumptions: [flat],
    };
  }
  const overhead = number(overheadText, '--spot-overhead', true);
  const t = target(stringOption(args, 'vary'), [s]);
  const [low, high] = between(args, false) ?? defaultInterval(t, [a], [s]);
  withinMonth(t, high, s);
  return {
    plans: [plans[0], `${s.name}, nodes.${spot} on spot, hours × ${overhead.plus(1)}`],
    vary: t.label,
    unit: '',
    costA: costOf(a, onDemand, t),
    // Varying the spot group's own hours: spot runs each of them × (1 + overhead).
    costB:
      t.section === 'nodes' && t.name === spot && t.field === 'hours'
        ? costOf(a, withPurchase(onDemand, spot, 'spot'), t, (x) => x.times(overhead.plus(1)))
        : costOf(a, onSpot(onDemand, spot, overhead), t),
    low,
    high,
    hoursAt: (x) => spotHours(setValue(onDemand, t, x)).times(overhead.plus(1)),
    assumptions: [flat],
  };
}

/**
 * A spot group with the interruption model: B is the scenario as written, billed
 * the model's hours for the useful ones; A the group on-demand, billed the useful
 * hours. Without --vary the interruption rate is varied: where spot stops paying.
 */
function interruptionSetup(
  a: Projection,
  spot: string,
  model: InterruptionModel,
  onDemand: Scenario,
  plainA: string,
  varyText: string | undefined,
  interval: [Decimal, Decimal] | undefined,
  costOf: CostOf,
): Setup {
  const s = a.loaded.scenario;
  const rate: VaryTarget = { label: `nodes.${spot}.interruptions_per_hour`, section: 'nodes', name: spot, field: 'interruptions_per_hour' };
  const t = varyText === undefined ? rate : target(varyText, [s]);
  const varyingRate = t.section === 'nodes' && t.name === spot && t.field === 'interruptions_per_hour';
  const month = s.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  const groupAt = (x: Decimal) => setValue(s, t, x).nodes!.find((n) => n.name === spot)!;
  const at = groupAt(valueOf(s, t)!);
  const useful = at.hours ?? month;
  // The rate at which the model bills 6 × the useful hours: the overhead's own 0%..500%.
  const perNode = model.restartHours.plus(model.checkpointEveryHours.div(2)).times(model.gang ? at.count : 1);
  const defaults = (): [Decimal, Decimal] =>
    varyingRate && !a.loaded.uncertain.some((u) => u.label === rate.label) ? [new Decimal(0), new Decimal(5).div(perNode)] : defaultInterval(t, [a], [s]);
  const [low, high] = interval ?? defaults();
  withinMonth(t, high, s);
  const hoursAt = (x: Decimal) => billedPerNode(groupAt(x), month);
  return {
    plans: [plainA, `${s.name}, nodes.${spot} on spot, billed hours from its interruption model`],
    vary: t.label,
    unit: '',
    // On-demand has no interruption rate: varying it leaves A as it is.
    costA: varyingRate ? costOf(a, onDemand) : costOf(a, onDemand, t),
    costB: costOf(a, s, t),
    low,
    high,
    hoursAt,
    assumptions: [`nodes.${spot} on spot uses the spot interruption model (hours are useful hours): ${billedHours(useful, at.count, model).formula}`],
    atCrossing: (x) => `at ${t.label} = ${amount(x, 4)} a node is billed ${amount(hoursAt(x), 2)} h for ${amount(groupAt(x).hours ?? month, 2)} useful h`,
  };
}

export function run(args: ParsedArgs, io: Io): number {
  const files = args.positionals;
  if (files.length < 1 || files.length > 2) throw new UsageError('breakeven takes one SCENARIO (with --spot GROUP) or two (A and B)');
  const format = formatOption(args, ['table', 'json', 'markdown']);
  const pricing = listOption(args, 'pricing');
  const projections = files.map((f) => projectFile(f, pricing, { prices: pricesOption(args) }));
  const [a, b] = projections;
  warnPlans(projections, args, io);
  const spot = stringOption(args, 'spot');
  const overheadText = stringOption(args, 'spot-overhead');

  let setup: Setup;
  /**
   * A plan's total as a function of one quantity (`at` maps the searched value to
   * the one set): compiled once, so each of the search's probes re-prices only
   * the lines the quantity touches, to the same totals as pricing it whole.
   */
  const costOf = (p: Projection, s: Scenario, t?: VaryTarget, at: (x: Decimal) => Decimal = (x) => x) => {
    const path = t && pathOf(s, t);
    let plan;
    try {
      plan = compilePlan(s, p.book, path ? [path] : []);
    } catch (e) {
      if (e instanceof PlanError) throw locatePlanError(e, p.loaded);
      throw e;
    }
    return (x: Decimal) => plan.totals(path ? [at(x)] : []).total;
  };

  if (files.length === 2) {
    if (spot !== undefined) throw new UsageError('--spot compares one scenario on-demand vs spot; give one SCENARIO');
    const scenarios = [a!.loaded.scenario, b!.loaded.scenario];
    const t = target(stringOption(args, 'vary'), scenarios);
    const [low, high] = between(args, false) ?? defaultInterval(t, projections, scenarios);
    withinMonth(t, high, scenarios[0]!);
    setup = {
      plans: [a!.estimate.scenario, b!.estimate.scenario],
      vary: t.label,
      unit: '',
      costA: costOf(a!, scenarios[0]!, t),
      costB: costOf(b!, scenarios[1]!, t),
      low,
      high,
      ...(t.section === 'nodes' && t.field === 'hours' ? { hoursAt: (x: Decimal) => x } : {}),
    };
  } else {
    if (spot === undefined) throw new UsageError('with one SCENARIO, breakeven needs --spot GROUP (spot vs on-demand); or give two scenarios');
    setup = spotSetup(a!, spot, args, overheadText, costOf);
  }

  const result = breakEven(setup.costA, setup.costB, setup.low, setup.high);
  const roots = result.kind === 'crossing' ? result.at : [];
  // Node counts are whole: show the whole counts on either side of a crossing too.
  const neighbours = setup.vary.endsWith('.count') ? roots.flatMap((r) => [r.floor(), r.ceil()]).filter((x) => x.gte(setup.low) && x.lte(setup.high)) : [];
  const points = [setup.low, ...roots, ...neighbours, setup.high]
    .sort((x, y) => x.comparedTo(y))
    .filter((x, i, all) => all.findIndex((y) => y.eq(x)) === i)
    .map((x) => ({ x, a: setup.costA(x), b: setup.costB(x) }));
  const month = a!.loaded.scenario.hours_per_month ?? new Decimal(DEFAULT_HOURS_PER_MONTH);
  // A crossing that needs more hours per node than the month has is arithmetic, not a plan: said so.
  const beyondMonth = setup.hoursAt ? roots.map((at) => ({ at, hours: setup.hoursAt!(at), month })).filter((b) => b.hours.gt(month)) : [];
  const assumptions = [...(setup.assumptions ?? []), ...roots.flatMap((at) => setup.atCrossing?.(at) ?? [])];
  const full: BreakEvenReport = { assumptions, beyondMonth, plans: setup.plans, pricing: pricingUsed(projections.map((p) => p.estimate)), vary: setup.vary, unit: setup.unit, between: [setup.low, setup.high], result, points };
  const render = { json: formatBreakEvenJson, markdown: formatBreakEvenMarkdown, table: formatBreakEvenTable, csv: formatBreakEvenTable }[format];
  io.stdout.write(render(full));
  return EXIT.ok;
}
