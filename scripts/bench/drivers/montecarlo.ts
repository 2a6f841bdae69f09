// Bench driver: Monte Carlo on the recommender example with a range on every node group and transfer.
import { readdirSync, readFileSync } from 'node:fs';
import { estimate } from '../../../src/engine/estimate.js';
import { monteCarlo } from '../../../src/engine/montecarlo.js';
import { loadScenario, parseScenario, providersOf } from '../../../src/model/load-scenario.js';
import type { UncertainInput } from '../../../src/model/uncertain.js';
import { loadPricingBook } from '../../../src/pricing/load.js';

const loaded = loadScenario('scenarios/recsys-feature-store.yaml');
const scenario = loaded.scenario;
const book = loadPricingBook(providersOf(scenario), loaded.overrides);

/** Node counts n-1 … n … n+2 (whole); transfer volumes half … as written … double. */
const uncertain: UncertainInput[] = [
  ...(scenario.nodes ?? []).map((n, i): UncertainInput => ({
    path: ['nodes', i, 'count'],
    label: `nodes.${n.name}.count`,
    dist: { low: n.count.minus(1).clampedTo(0, Infinity), expected: n.count, high: n.count.plus(2) },
    integer: true,
  })),
  ...(scenario.transfers ?? []).map((t, i): UncertainInput => {
    const field = t.gb_per_day !== undefined ? 'gb_per_day' : 'gb_per_month';
    const v = t[field]!;
    return { path: ['transfers', i, field], label: `transfers.${t.name}.${field}`, dist: { low: v.div(2), expected: v, high: v.times(2) }, integer: false };
  }),
];

export const inputs = uncertain.length;

export function sampleRun(samples: number): number {
  const t = performance.now();
  monteCarlo(scenario, uncertain, book, { samples, seed: 1 });
  return performance.now() - t;
}

export function projectionsRun(times: number): number {
  const t = performance.now();
  for (let i = 0; i < times; i++) estimate(scenario, book);
  return performance.now() - t;
}

/** Every bundled example with ranged inputs or sampled spot interruptions, loaded and priced beforehand. */
export const examples = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const l = loadScenario(`scenarios/${f}`);
    return { file: f, loaded: l, book: loadPricingBook(providersOf(l.scenario), l.overrides) };
  })
  .filter((x) => x.loaded.uncertain.length > 0)
  .map((x) => ({ file: x.file, inputs: x.loaded.uncertain.length }));

const byFile = new Map(examples.map((x) => [x.file, x]));

/** 10,000-sample Monte Carlo of an example's own ranges (and interruptions), ms. */
export function exampleSampleRun(file: string, samples: number): number {
  const l = loadScenario(`scenarios/${file}`);
  const book = loadPricingBook(providersOf(l.scenario), l.overrides);
  if (!byFile.has(file)) throw new Error(`${file} has nothing sampled`);
  const t = performance.now();
  monteCarlo(l.scenario, l.uncertain, book, { samples, seed: 1 });
  return performance.now() - t;
}

/** `times` estimate() of an example's point plan, ms. */
export function exampleProjectionsRun(file: string, times: number): number {
  const l = loadScenario(`scenarios/${file}`);
  const book = loadPricingBook(providersOf(l.scenario), l.overrides);
  const t = performance.now();
  for (let i = 0; i < times; i++) estimate(l.scenario, book);
  return performance.now() - t;
}

/**
 * The component-ranges fixture (scripts/bench/fixtures/): ranged disks, addresses, cluster, load
 * balancers, CDN; as written ('hours') and with the trainers running the month ('month').
 */
const COMPONENTS = 'scripts/bench/fixtures/component-ranges.yaml';
const componentText = readFileSync(COMPONENTS, 'utf8');
const componentPlans = {
  hours: parseScenario(componentText, COMPONENTS),
  month: parseScenario(componentText.replace(/^ {4}hours: \{low: 200[^\n]*\n/m, ''), COMPONENTS),
};
const componentsBook = loadPricingBook(providersOf(componentPlans.hours.scenario), []);
export const componentInputs = { hours: componentPlans.hours.uncertain.length, month: componentPlans.month.uncertain.length };

export function componentsSampleRun(which: keyof typeof componentPlans, samples: number): number {
  const l = componentPlans[which];
  const t = performance.now();
  monteCarlo(l.scenario, l.uncertain, componentsBook, { samples, seed: 1 });
  return performance.now() - t;
}

export function componentsProjectionsRun(which: keyof typeof componentPlans, times: number): number {
  const l = componentPlans[which];
  const t = performance.now();
  for (let i = 0; i < times; i++) estimate(l.scenario, componentsBook);
  return performance.now() - t;
}
