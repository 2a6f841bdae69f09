import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchPlacements } from '../../src/engine/place-search.js';
import { attachedEnds, combinations, placed, spotsFor, type Spot } from '../../src/engine/placement.js';
import { Decimal } from '../../src/model/decimal.js';
import { CATEGORIES } from '../../src/model/estimate.js';
import { loadScenario } from '../../src/model/load-scenario.js';
import { PROVIDERS } from '../../src/model/scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';

const book = loadPricingBook(PROVIDERS, []);
const recsys = loadScenario('scenarios/recsys-feature-store.yaml').scenario;
const index = (name: string) => recsys.nodes!.findIndex((n) => n.name === name);

describe('spotsFor: where a group could sit', () => {
  it('a GPU group: the same GPU model and count, at least its vCPUs, the cheapest type per region', () => {
    const spots = spotsFor(recsys, book, index('serving'));
    for (const s of spots) {
      const e = book.tables[s.provider]!.instances![s.instance]!;
      expect(e.gpu?.model).toBe('L4');
      expect(e.gpu?.count.eq(1)).toBe(true);
      expect(e.vcpus!.gte(8)).toBe(true);
    }
    expect(spots.map((s) => s.provider)).toEqual(expect.arrayContaining(['aws', 'gcp']));
    // One spot per (provider, region).
    expect(new Set(spots.map((s) => `${s.provider}:${s.region}`)).size).toBe(spots.length);
  });

  it('a CPU group: no GPU, at least its vCPUs and memory', () => {
    for (const s of spotsFor(recsys, book, index('feature-api'))) {
      const e = book.tables[s.provider]!.instances![s.instance]!;
      expect(e.gpu).toBeUndefined();
      expect(e.vcpus!.gte(4) && e.memory_gb!.gte(16)).toBe(true);
    }
  });

  it('--same-instance stays on the group own type and cloud; the region keeps its zone only where it is', () => {
    const spots = spotsFor(recsys, book, index('trainers'), { match: { sameInstance: true } });
    expect(new Set(spots.map((s) => s.instance))).toEqual(new Set(['p4d.24xlarge']));
    expect(spots.find((s) => s.region === 'us-east-1')?.zone).toBe('us-east-1a');
    expect(spots.filter((s) => s.region !== 'us-east-1').every((s) => s.zone === undefined)).toBe(true);
  });

  it('globs: a colon matches provider:region; --exclude wins', () => {
    const spots = spotsFor(recsys, book, index('serving'), { regions: ['gcp:us-*', 'eu-west-1'], exclude: ['us-east4'] });
    expect(spots.length).toBeGreaterThan(0);
    for (const s of spots) expect(s.provider === 'gcp' ? /^us-/.test(s.region) && s.region !== 'us-east4' : s.region === 'eu-west-1').toBe(true);
  });
});

describe('the transfers that move with a group', () => {
  it('an end only the varied group sits at moves (as nodes:NAME); an end two groups share stays', () => {
    const { attached, shared } = attachedEnds(recsys, ['serving', 'trainers']);
    const names = (t: number) => recsys.transfers![t]!.name;
    expect(attached.map((a) => `${names(a.transfer)}.${a.side}`)).toEqual(['nightly-feature-pull.to', 'model-artifacts.to', 'predictions-to-users.from']);
    expect(shared.map((s) => s.transfer)).toContain('trainer-checkpoints');
    const spot: Spot = { group: 'serving', provider: 'aws', region: 'us-east-2', instance: 'g6.2xlarge', purchase: 'on-demand', rate: new Decimal(1) };
    const plan = placed(recsys, [spot], attached);
    expect(plan.transfers!.find((t) => t.name === 'nightly-feature-pull')!.to).toBe('nodes:serving');
    expect(plan.nodes!.find((n) => n.name === 'serving')).toMatchObject({ provider: 'aws', region: 'us-east-2', instance: 'g6.2xlarge' });
    // The plan as written is left as it was.
    expect(recsys.nodes!.find((n) => n.name === 'serving')!.provider).toBe('gcp');
  });
});

describe('combinations: the cross product', () => {
  it('yields every pick once, the first group slowest', () => {
    const s = (group: string, region: string) => ({ group, region }) as unknown as Spot;
    const all = [...combinations([[s('a', '1'), s('a', '2')], [s('b', 'x'), s('b', 'y'), s('b', 'z')]])].map((c) => c.map((x) => x.region).join(''));
    expect(all).toEqual(['1x', '1y', '1z', '2x', '2y', '2z']);
    expect([...combinations([[], [s('b', 'x')]])]).toEqual([]);
  });
});

describe('searchPlacements: money invariants', () => {
  const result = searchPlacements({ scenario: recsys, book, groups: [index('serving')] });
  it('each delta is the candidate total minus the plan as written, and the categories add up to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: result.candidates.length - 1 }), (i) => {
        const c = result.candidates[i]!;
        expect(c.delta.eq(c.totals.total.minus(result.base.totals.total))).toBe(true);
        expect(CATEGORIES.reduce((sum, k) => sum.plus(c.deltas[k]), new Decimal(0)).eq(c.delta)).toBe(true);
      }),
    );
  });
  it('ranked cheapest first, ranks 1..n, the plan as written among them', () => {
    const totals = result.candidates.map((c) => c.totals.total);
    expect(totals.every((t, i) => i === 0 || totals[i - 1]!.lte(t))).toBe(true);
    expect(result.candidates.map((c) => c.rank)).toEqual(result.candidates.map((_, i) => i + 1));
    expect(result.candidates.filter((c) => c.asWritten)).toHaveLength(1);
  });
});
