import { describe, expect, it } from 'vitest';
import { compare } from '../../src/engine/compare.js';
import { estimateYaml } from '../helpers.js';

// Hand-computed against test/fixtures/pricing/aws.yaml:
//   A: trainers 2 × 100 h × 21.957642 = 4,391.5284; store 1,000 GB × 0.023 = 23;
//      pull us-east-1 → us-east-2 1,000 GB × 0.01 = 10.               total 4,424.5284
//   B: trainers spot 2 × 100 h × 10.80 = 2,160; store 23;
//      out to the internet 1,100 GB: 100 free + 1,000 × 0.09 = 90.    total 2,273
const A = estimateYaml(`
name: on-demand
nodes: [{name: trainers, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100}]
storage: [{name: store, provider: aws, region: us-east-1, class: s3-standard, gb: 1000}]
transfers: [{name: pull, from: aws:us-east-1, to: aws:us-east-2, gb_per_month: 1000}]
`);
const B = estimateYaml(`
name: spot
nodes: [{name: trainers, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100, purchase: spot}]
storage: [{name: store, provider: aws, region: us-east-1, class: s3-standard, gb: 1000}]
transfers: [{name: out, from: aws:us-east-1, to: internet, gb_per_month: 1100}]
`);
const s = (d: { toFixed(): string } | undefined) => d?.toFixed();

describe('compare', () => {
  const c = compare([A, B]);

  it('totals, deltas and % against the first scenario, cheapest marked', () => {
    expect(c.scenarios).toEqual(['on-demand', 'spot']);
    expect(c.total.costs.map(s)).toEqual(['4424.5284', '2273']);
    expect(c.total.deltas.map(s)).toEqual(['0', '-2151.5284']);
    expect(c.total.percents[1]!.toDecimalPlaces(6).toFixed()).toBe('-0.486273'); // 2151.5284 / 4424.5284
    expect(c.cheapest).toBe(1);
  });

  it('per category, only the categories some scenario has', () => {
    expect(c.categories.map((k) => k.category)).toEqual(['compute', 'storage', 'egress']);
    const [compute, storage, egress] = c.categories;
    expect(compute!.deltas.map(s)).toEqual(['0', '-2231.5284']);
    expect(storage!.deltas.map(s)).toEqual(['0', '0']);
    expect(storage!.cheapest).toBe(0);
    expect(egress!.costs.map(s)).toEqual(['10', '90']);
    expect(s(egress!.percents[1])).toBe('8');
    expect(egress!.cheapest).toBe(0);
  });

  it('matches lines by kind and name; absent lines count as zero and have no % when new', () => {
    const rows = c.lines.map((l) => [l.kind, l.name, l.costs.map(s), l.deltas[1]!.toFixed(), l.moved]);
    expect(rows).toEqual([
      ['node', 'trainers', ['4391.5284', '2160'], '-2231.5284', true],
      ['storage', 'store', ['23', '23'], '0', false],
      ['transfer', 'out', [undefined, '90'], '90', true],
      ['transfer', 'pull', ['10', undefined], '-10', true],
    ]);
    expect(c.lines.find((l) => l.name === 'out')!.percents[1]).toBeUndefined();
    expect(s(c.lines.find((l) => l.name === 'pull')!.percents[1])).toBe('-1');
  });

  it('a single scenario compares against itself', () => {
    const one = compare([A]);
    expect(one.total.deltas.map(s)).toEqual(['0']);
    expect(one.lines.every((l) => !l.moved)).toBe(true);
  });
});
