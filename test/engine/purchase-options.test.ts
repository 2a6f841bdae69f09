import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessUncertainty } from '../../src/engine/uncertainty.js';
import { Decimal } from '../../src/model/decimal.js';
import type { Estimate } from '../../src/model/estimate.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { FIXTURE_PRICING, REPO, line } from '../helpers.js';

const DIR = join(REPO, 'test', 'fixtures', 'purchase');

/** Against the bundled tables, or (fixture) the trimmed ones with test/fixtures/purchase/commitment-rates.yaml. */
function priced(body: string, fixture = false): Estimate {
  const loaded = parseScenario(`name: t\n${fixture ? 'pricing: [./commitment-rates.yaml]\n' : ''}${body}`, join(DIR, 'inline.yaml'));
  return priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, fixture ? FIXTURE_PRICING : undefined));
}

describe('purchase options on a node group', () => {
  it('reserved 1y (bundled p4d standard no-upfront): every hour of the month billed, $/GPU-hour for the hours used', () => {
    const e = priced('nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 300, purchase: reserved, term: 1y}\n');
    const l = line(e, 'a', 'node');
    expect(l.quantity.toFixed()).toBe('1460');
    expect(l.rate.toFixed()).toBe('13.921094');
    expect(l.cost.toFixed()).toBe('20324.79724');
    expect(l.purchase!.label).toBe('reserved standard 1y no-upfront');
    expect(l.purchase!.gpuHourRate!.toFixed(6)).toBe(new Decimal('20324.79724').div(2 * 300 * 8).toFixed(6));
    expect(l.description).toContain('300 h used of 730 h paid each');
    expect(l.purchase!.usedHours.toFixed()).toBe('600');
    expect(l.purchase!.paidHours!.toFixed()).toBe('1460');
    expect(e.assumptions.some((a) => a.includes('billed for every hour of the month'))).toBe(true);
  });

  it('committed-use 1y on GCP (bundled CUD rate)', () => {
    const e = priced('nodes:\n  - {name: a, provider: gcp, region: us-central1, instance: a2-highgpu-1g, count: 1, purchase: committed-use, term: 1y}\n');
    expect(line(e, 'a', 'node').rate.toFixed()).toBe('2.31420704');
  });

  it('a savings plan picks its entry by plan when two match the term', () => {
    const body = (plan: string) => `nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1, purchase: savings-plan, term: 1y${plan}}\n`;
    expect(() => priced(body(''), true)).toThrow(/savings-plan needs plan/);
    expect(line(priced(body(', plan: ec2-instance'), true), 'a', 'node').rate.toFixed()).toBe('9');
  });

  it('capacity block: the block fee for instances × block hours, effective $/GPU-hour for the hours used', () => {
    const e = priced('nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100, purchase: capacity-block, block_hours: 168}\n', true);
    const l = line(e, 'a', 'node');
    expect(l.cost.toFixed()).toBe('4032'); // 2 × 168 h × $12 (test figure)
    expect(l.purchase!.gpuHourRate!.toFixed()).toBe('2.52'); // 4032 / (2 × 100 h × 8 GPUs)
    expect(l.purchase!.paidHours!.toFixed()).toBe('336'); // 2 × 168 h paid for 2 × 100 used
  });

  it('paid hours only where an option bills past its use: not a block used in full, not on-demand, not spot', () => {
    const node = (extra: string) => line(priced(`nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, ${extra}}\n`, true), 'a', 'node').purchase!;
    expect(node('hours: 168, purchase: capacity-block, block_hours: 168').paidHours).toBeUndefined();
    expect(node('hours: 100').paidHours).toBeUndefined();
    expect(node('hours: 100, purchase: spot, interruptions_per_hour: 0.05, checkpoint_every_hours: 1, restart_hours: 0.25').paidHours).toBeUndefined();
  });

  it('capacity block: hours past the block are an error at hours', () => {
    expect(() => priced('nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 200, purchase: capacity-block, block_hours: 168}\n', true)).toThrow(
      /hours 200 is more than the capacity block's 168 h/,
    );
  });

  it('spot with interruptions: expected and p95 billed hours per node on the line', () => {
    const e = priced(
      'nodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p5en.48xlarge, count: 8, hours: 100, purchase: spot, interruptions_per_hour: 0.05, checkpoint_every_hours: 1, restart_hours: 0.25, gang: true}\n',
    );
    const spot = line(e, 'train', 'node').purchase!.spot!;
    expect(spot.expected.toFixed()).toBe('130');
    // 130 + 1.645 × sqrt(40 × (0.0625 + 0.25 + 1/3)): a bad week, above the mean
    expect(spot.p95.toFixed(1)).toBe('138.4');
  });
});

describe('spot interruptions as a range, sampled', () => {
  it('interruptions_per_hour {low, expected, high}: the point at expected, Monte Carlo spreads the billed hours and p95 is above the point', () => {
    const loaded = parseScenario(
      'name: t\nnodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p5en.48xlarge, count: 8, hours: 100, purchase: spot, interruptions_per_hour: {low: 0.01, expected: 0.05, high: 0.2}, checkpoint_every_hours: 1, restart_hours: 0.25, gang: true}\n',
      join(DIR, 'inline.yaml'),
    );
    const book = loadPricingBook(['aws'], loaded.overrides);
    const point = priceLoaded(loaded, book);
    expect(line(point, 'train', 'node').purchase!.spot!.expected.toFixed()).toBe('130');
    expect(loaded.uncertain.map((u) => u.label)).toEqual(['nodes.train.interruptions_per_hour', 'nodes.train.interruptions']);
    const started = performance.now();
    const u = assessUncertainty(loaded.scenario, loaded.uncertain, book, { samples: 10_000, seed: 1 })!;
    const ms = performance.now() - started;
    const p95 = u.monteCarlo.spreads.total.percentiles.get(95)!;
    expect(p95.gt(point.totals.total)).toBe(true);
    // Billed hours at the high end: 100 × (1 + 1.6 × 0.75) = 220 h per node.
    expect(p95.lt(new Decimal(8 * 220).times('27.1988'))).toBe(true);
    expect(ms).toBeLessThan(2_500); // generous for a loaded CI machine; the bench's budget is 250 ms
  });
});
