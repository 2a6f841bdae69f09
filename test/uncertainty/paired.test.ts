import { describe, expect, it } from 'vitest';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { assessUncertainty } from '../../src/engine/uncertainty.js';
import { chanceCheaper } from '../../src/engine/paired.js';
import type { MonteCarloOptions } from '../../src/engine/montecarlo.js';
import { FIXTURE_PRICING } from '../helpers.js';

/** Each scenario priced and sampled as `tollgate compare` does: one seed and sample count for all. */
function chances(yamls: string[], options: MonteCarloOptions = { samples: 4000 }) {
  const projected = yamls.map((yaml, i) => {
    const loaded = parseScenario(yaml, `s${i}.yaml`);
    const book = loadPricingBook(providersOf(loaded.scenario), [], FIXTURE_PRICING);
    return { estimate: priceLoaded(loaded, book), uncertainty: assessUncertainty(loaded.scenario, loaded.uncertain, book, options) };
  });
  return chanceCheaper(projected.map((p) => p.estimate), projected.map((p) => p.uncertainty)).map((d) => d?.toNumber());
}

// us-east-1 → us-east-2 is a flat $0.01/GB in the fixture tables: a transfer of x GB costs x / 100.
const transfer = (name: string, gb: string) => `  - {name: ${name}, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: ${gb}}\n`;
const plan = (name: string, ...transfers: string[]) => `name: ${name}\ntransfers:\n${transfers.join('')}`;

describe('paired samples: the chance a plan ends up cheaper than the baseline', () => {
  it('is exactly 0 when the alternative pays the same shared draw plus something more (and 1 the other way round)', () => {
    // B = A + $1 (a fixed 100 GB) in every sample only if both draw the same x; drawn apart, B would be cheaper ~45% of the time.
    const a = plan('a', transfer('x', '{low: 1000, expected: 2000, high: 3000}'));
    const b = plan('b', transfer('x', '{low: 1000, expected: 2000, high: 3000}'), transfer('y', '100'));
    expect(chances([a, b])).toEqual([undefined, 0]);
    expect(chances([b, a])).toEqual([undefined, 1]);
  });

  it('an extra ranged input elsewhere does not shift the shared draw', () => {
    // B = A + y with y ≥ 100 GB, whatever y draws: always dearer.
    const a = plan('a', transfer('x', '{p50: 1000, p95: 4000}'));
    const b = plan('b', transfer('w', '{low: 100, expected: 200, high: 300}'), transfer('x', '{p50: 1000, p95: 4000}'));
    expect(chances([a, b])).toEqual([undefined, 0]);
  });

  it('draws a shared input at the same quantile even when each plan gives it another range', () => {
    // Same u → B's triangular is A's shifted by 100 GB; B's lognormal is exactly twice A's (p50 and p95 doubled).
    const tri = (lo: number) => transfer('x', `{low: ${lo}, expected: ${lo + 1000}, high: ${lo + 2000}}`);
    expect(chances([plan('a', tri(1000)), plan('b', tri(1100))])).toEqual([undefined, 0]);
    expect(chances([plan('a', transfer('x', '{p50: 2000, p95: 8000}')), plan('b', transfer('x', '{p50: 1000, p95: 4000}'))])).toEqual([undefined, 1]);
  });

  it('matches a closed form: a triangular volume against a fixed baseline', () => {
    // A costs $20 (2,000 GB). B's x ~ triangular(a = 1000, c = 1000, b = 3000):
    // P(x < 2000) = 1 − (3000 − 2000)² / (3000 − 1000)² = 0.75; sampling error √(0.75 × 0.25 / 20,000) ≈ 0.003.
    const [, p] = chances([plan('a', transfer('x', '2000')), plan('b', transfer('x', '{low: 1000, expected: 1000, high: 3000}'))], { samples: 20_000 });
    expect(Math.abs(p! - 0.75)).toBeLessThan(0.015);
  });

  it('matches a closed form when the shared input cancels out of the difference', () => {
    // A = x + 1,000 GB, B = x + w with w ~ triangular(0, 0, 2000): B − A = (w − 1000) / 100 in every
    // paired sample, so P(B cheaper) = P(w < 1000) = 1 − (2000 − 1000)² / 2000² = 0.75.
    const x = transfer('x', '{p50: 1000, p95: 4000}');
    const [, p] = chances([plan('a', x, transfer('z', '1000')), plan('b', x, transfer('w', '{low: 0, expected: 0, high: 2000}'))], { samples: 20_000 });
    expect(Math.abs(p! - 0.75)).toBeLessThan(0.015);
  });

  it('counts a tie as not cheaper: two identical ranged plans give 0 both ways', () => {
    const x = transfer('x', '{low: 1000, expected: 2000, high: 3000}');
    expect(chances([plan('a', x), plan('b', x)])).toEqual([undefined, 0]);
  });

  it('is undefined where neither plan has ranges (the point totals already decide)', () => {
    expect(chances([plan('a', transfer('x', '10')), plan('b', transfer('x', '20'))])).toEqual([undefined, undefined]);
  });
});
