import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billedHours, billedOnly, sampledBilledHours, type InterruptionModel } from '../../src/engine/spot-interruptions.js';
import { assessUncertainty } from '../../src/engine/uncertainty.js';
import { priceLoaded } from '../../src/projection.js';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { estimateYaml, line } from '../helpers.js';

const d = (x: number | string) => new Decimal(x);
const model = (o: Partial<InterruptionModel> = {}): InterruptionModel => ({
  perNodeHour: d('0.05'),
  checkpointEveryHours: d(1),
  restartHours: d('0.25'),
  gang: true,
  ...o,
});

describe('spot interruptions: billed hours for useful hours', () => {
  it('8 nodes, 100 useful h, 0.05/node-h, 1 h checkpoints, 15 min restarts, gang: 130 billed h per node', () => {
    const b = billedHours(d(100), d(8), model());
    expect(b.jobRate.toFixed()).toBe('0.4');
    expect(b.lostPerInterruption.toFixed()).toBe('0.75');
    expect(b.billed.toFixed()).toBe('130');
    expect(b.formula).toContain('100 × (1 + 0.4 × (0.25 + 1/2)) = 130 h per node');
  });

  it('without gang each node sees only its own rate', () => {
    expect(billedHours(d(100), d(8), model({ gang: false })).billed.toFixed()).toBe('103.75');
  });

  it('the done-when plan on the bundled tables: p5.48xlarge spot, 8 × 130 h at the snapshot price, formula in the assumptions', () => {
    const loaded = parseScenario(
      `name: t
nodes:
  - {name: train, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 8, hours: 100, purchase: spot,
     interruptions_per_hour: 0.05, checkpoint_every_hours: 1, restart_hours: 0.25, gang: true}
`,
      'inline.yaml',
    );
    const e = priceLoaded(loaded, loadPricingBook(['aws'], loaded.overrides));
    const l = line(e, 'train', 'node');
    expect(l.quantity.toFixed()).toBe('1040');
    // The p5.48xlarge us-east-1 spot snapshot (2025-11-30) in pricing/aws.yaml: 8 × 130 h × $28.106467.
    expect(l.rate.toFixed()).toBe('28.106467');
    expect(l.cost.toFixed()).toBe('29230.72568');
    expect(l.as_of).toBe('2025-11-30');
    expect(l.cost.toFixed()).toBe(l.rate.times(1040).toFixed());
    expect(l.description).toContain('100 useful h → 130 billed h each');
    expect(e.assumptions.some((a) => a.includes('billed = useful × (1 + λ × (restart + checkpoint/2))'))).toBe(true);
  });

  it('a spot group without the model is billed its hours as before', () => {
    const e = estimateYaml(`
name: t
nodes: [{name: s, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 10, purchase: spot}]
`);
    expect(line(e, 's', 'node').quantity.toFixed()).toBe('20');
    expect(e.assumptions.some((a) => a.includes('billed = useful'))).toBe(false);
  });

  const arb = fc.record({
    useful: fc.integer({ min: 0, max: 744 }),
    nodes: fc.integer({ min: 1, max: 64 }),
    rate: fc.integer({ min: 0, max: 1000 }), // thousandths of an interruption per node-hour
    checkpoint: fc.integer({ min: 1, max: 48 }), // quarter hours
    restart: fc.integer({ min: 0, max: 16 }), // quarter hours
  });
  const build = (a: { rate: number; checkpoint: number; restart: number }, gang: boolean) =>
    model({ perNodeHour: d(a.rate).div(1000), checkpointEveryHours: d(a.checkpoint).div(4), restartHours: d(a.restart).div(4), gang });

  it('property: billed ≥ useful, and gang ≥ non-gang', () => {
    fc.assert(
      fc.property(arb, fc.boolean(), (a, gang) => {
        const billed = billedHours(d(a.useful), d(a.nodes), build(a, gang)).billed;
        expect(billed.gte(a.useful)).toBe(true);
        const solo = billedHours(d(a.useful), d(a.nodes), build(a, false)).billed;
        const together = billedHours(d(a.useful), d(a.nodes), build(a, true)).billed;
        expect(together.gte(solo)).toBe(true);
      }),
    );
  });

  it('property: monotone in the interruption rate', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 1000 }), fc.boolean(), (a, more, gang) => {
        const low = billedHours(d(a.useful), d(a.nodes), build(a, gang)).billed;
        const high = billedHours(d(a.useful), d(a.nodes), build({ ...a, rate: a.rate + more }, gang)).billed;
        expect(high.gte(low)).toBe(true);
      }),
    );
  });
});

describe('spot interruptions sampled in Monte Carlo (a bad month, not only a bad rate)', () => {
  it('the luck u gives billed hours: more luck is never a better month, never below the useful hours', () => {
    const m = model();
    let last = d(100);
    for (let u = 0.005; u < 1; u += 0.01) {
      const b = sampledBilledHours(d(100), d(8), m, u);
      expect(b.gte(last)).toBe(true);
      last = b;
    }
    expect(sampledBilledHours(d(100), d(8), model({ perNodeHour: d(0) }), 0.99).toFixed()).toBe('100');
  });

  it('its mean over u is the first-order formula (130 h), gang or not, and at many interruptions (normal branch)', () => {
    const mean = (useful: number, nodes: number, m: InterruptionModel) => {
      let sum = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) sum += sampledBilledHours(d(useful), d(nodes), m, (i + 0.5) / n).toNumber();
      return sum / n;
    };
    for (const [useful, nodes, m] of [
      [100, 8, model()],
      [100, 8, model({ gang: false })],
      [730, 64, model({ perNodeHour: d('0.02') })],
    ] as const) {
      const expected = billedOnly(d(useful), d(nodes), m).toNumber();
      expect(Math.abs(mean(useful, nodes, m) - expected) / expected).toBeLessThan(0.002);
    }
  });

  it('the done-when plan at a fixed rate: Monte Carlo now spreads, its p95 a bad month (≈ 138.4 h a node), every sample exact money', () => {
    const loaded = parseScenario(
      'name: t\nnodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 8, hours: 100, purchase: spot, interruptions_per_hour: 0.05, checkpoint_every_hours: 1, restart_hours: 0.25, gang: true}\n',
      'inline.yaml',
    );
    expect(loaded.uncertain.map((u) => [u.label, u.interruptions])).toEqual([['nodes.train.interruptions', true]]);
    const book = loadPricingBook(['aws'], loaded.overrides);
    const point = priceLoaded(loaded, book);
    const rate = line(point, 'train', 'node').rate;
    const started = performance.now();
    const u = assessUncertainty(loaded.scenario, loaded.uncertain, book, { samples: 10_000, seed: 1 })!;
    const ms = performance.now() - started;
    const perNode = (x: Decimal) => x.div(rate.times(8));
    const total = u.monteCarlo.spreads.total;
    expect(Math.abs(perNode(total.expected).toNumber() - 130)).toBeLessThan(0.5);
    const p95 = perNode(total.percentiles.get(95)!).toNumber();
    expect(p95).toBeGreaterThan(136);
    expect(p95).toBeLessThan(141);
    // Each sample: 8 nodes × billed hours (4 significant digits) × the spot rate, in Decimal, nothing rounded away.
    for (const t of u.monteCarlo.totals.slice(0, 500)) {
      const hours = perNode(t);
      expect(hours.toSignificantDigits(4).eq(hours)).toBe(true);
      expect(hours.times(8).times(rate).eq(t)).toBe(true);
    }
    expect(ms).toBeLessThan(2_500); // generous for a loaded CI machine; the bench's budget is 250 ms
  });
});
