import { expect } from 'vitest';
import { sampler } from '../../src/engine/distributions.js';
import { estimate } from '../../src/engine/estimate.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { streamDraws } from '../../src/engine/random.js';
import type { LoadedScenario } from '../../src/model/load-scenario.js';
import type { PricingBook } from '../../src/model/pricing-book.js';
import { withValues } from '../../src/model/uncertain.js';

/** Every Monte Carlo sample's total equals estimate() of the plan with that sample's draws set, to the last digit. */
export function expectSamplesMatchEstimate(loaded: LoadedScenario, book: PricingBook, seed: number, samples: number): void {
  const mc = monteCarlo(loaded.scenario, loaded.uncertain, book, { samples, seed });
  const streams = loaded.uncertain.map((u) => streamDraws(seed, u.label, samples));
  const draws = loaded.uncertain.map(sampler);
  for (let i = 0; i < samples; i++) {
    const values = loaded.uncertain.map((u, j) => ({ path: u.path, value: draws[j]!(streams[j]![i]!) }));
    expect(mc.totals[i]!.toFixed()).toBe(estimate(withValues(loaded.scenario, values), book).totals.total.toFixed());
  }
}
