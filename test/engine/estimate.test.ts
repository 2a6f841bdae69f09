import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { InputError } from '../../src/model/diagnostics.js';
import { estimateYaml, line } from '../helpers.js';

const money = (d: Decimal) => d.toFixed();

describe('estimate: compute', () => {
  it('prices count × hours × the on-demand rate', () => {
    const e = estimateYaml(`
name: t
nodes:
  - {name: trainers, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 4, hours: 200}
`);
    const l = line(e, 'trainers', 'node');
    expect(money(l.quantity)).toBe('800');
    expect(money(l.rate)).toBe('21.957642');
    expect(money(l.cost)).toBe('17566.1136');
    expect(money(e.totals.compute)).toBe('17566.1136');
    expect(l.description).toContain('8× A100');
  });

  it('uses the spot price for purchase: spot, and says which', () => {
    const e = estimateYaml(`
name: t
nodes: [{name: s, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1, hours: 10, purchase: spot}]
`);
    expect(money(line(e, 's', 'node').cost)).toBe('108');
    expect(line(e, 's', 'node').description).toContain('spot');
  });

  it('runs nodes all month when hours are left out, and lists the assumption', () => {
    const e = estimateYaml(`
name: t
hours_per_month: 720
nodes: [{name: g, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2}]
`);
    expect(money(line(e, 'g', 'node').cost)).toBe('1448.64'); // 2 × 720 × 1.006
    expect(e.assumptions.join('\n')).toMatch(/nodes\.g: hours not given.*720 h/);
  });
});

describe('estimate: storage', () => {
  it('applies S3 tiers to the class total in a region, split pro rata', () => {
    const e = estimateYaml(`
name: t
storage:
  - {name: a, provider: aws, region: us-east-1, class: s3-standard, gb: 40000}
  - {name: b, provider: aws, region: us-east-1, class: s3-standard, gb: 20000}
`);
    // 60,000 GB: 51,200 × 0.023 + 8,800 × 0.022 = 1,177.6 + 193.6
    expect(money(e.totals.storage)).toBe('1371.2');
    expect(money(line(e, 'a', 'storage').cost)).toBe('914.1333333333');
    expect(money(line(e, 'b', 'storage').cost)).toBe('457.0666666667');
  });

  it('converts GB to GiB for Google storage', () => {
    const e = estimateYaml(`
name: t
storage: [{name: g, provider: gcp, region: us-central1, class: gcs-standard, gb: 1073.741824}]
`);
    const l = line(e, 'g', 'storage');
    expect(l.unit).toBe('GiB-month');
    expect(money(l.quantity)).toBe('1000');
    expect(money(l.cost)).toBe('20');
  });
});

describe('estimate: transfer paths', () => {
  const priced = (from: string, to: string, extra = '') =>
    estimateYaml(`
name: t
transfers: [{name: x, from: "${from}", to: "${to}", gb_per_month: 1000${extra}}]
`);

  it('same zone is free and still shown', () => {
    const e = priced('aws:us-east-1:us-east-1a', 'aws:us-east-1:us-east-1a');
    expect(line(e, 'x').path).toBe('same-zone');
    expect(money(line(e, 'x').cost)).toBe('0');
  });

  it('inter-zone on AWS charges both sides', () => {
    const e = priced('aws:us-east-1:us-east-1a', 'aws:us-east-1:us-east-1b');
    expect(line(e, 'x').path).toBe('inter-zone');
    expect(money(line(e, 'x').cost)).toBe('20');
  });

  it('same region without zones uses the table assumption and lists it', () => {
    const e = priced('aws:us-east-1', 'aws:us-east-1');
    expect(line(e, 'x').path).toBe('inter-zone');
    expect(e.assumptions.join('\n')).toMatch(/transfers\.x: zones not given/);
  });

  it('inter-region uses the pair rate before the continent rate', () => {
    expect(money(priced('aws:us-east-1', 'aws:us-east-2').totals.egress)).toBe('10');
    expect(money(priced('aws:us-east-1', 'aws:eu-west-1').totals.egress)).toBe('20');
    expect(money(priced('gcp:us-central1', 'gcp:europe-west4').totals.egress)).toBe(
      new Decimal(1000).times('0.931322574615478515625').times('0.05').toFixed(),
    );
  });

  it('cross-cloud is priced on the source provider internet tiers', () => {
    const e = priced('aws:us-east-1', 'gcp:us-central1');
    expect(line(e, 'x').path).toBe('cross-cloud');
    expect(money(e.totals.egress)).toBe('81'); // (1000 - 100 free) × 0.09
  });

  it('from the internet or on-prem is ingress at the destination, shown at $0', () => {
    const e = priced('internet', 'gcp:us-central1');
    expect(line(e, 'x').category).toBe('ingress');
    expect(line(e, 'x').provider).toBe('gcp');
    expect(money(e.totals.ingress)).toBe('0');
  });

  it('gb_per_day × days, and days default to hours_per_month / 24 with an assumption', () => {
    const withDays = estimateYaml(`name: t\ntransfers: [{name: x, from: aws:us-east-1, to: internet, gb_per_day: 10, days: 30}]`);
    expect(money(line(withDays, 'x').quantity)).toBe('300');
    const without = estimateYaml(`name: t\ntransfers: [{name: x, from: aws:us-east-1, to: internet, gb_per_day: 24}]`);
    expect(money(line(without, 'x').quantity)).toBe('730');
    expect(without.assumptions.join('\n')).toMatch(/days not given/);
  });

  it('NAT adds per-GB processing and one gateway-hour line per region', () => {
    const e = estimateYaml(`
name: t
transfers:
  - {name: a, from: aws:us-east-1, to: internet, gb_per_month: 1000, via: nat-gateway}
  - {name: b, from: aws:us-east-1, to: aws:us-west-2, gb_per_month: 1000, via: nat-gateway}
`);
    expect(money(line(e, 'a', 'nat-processing').cost)).toBe('45');
    expect(e.lines.filter((l) => l.kind === 'nat-gateway')).toHaveLength(1);
    expect(money(e.totals.network)).toBe('122.85'); // 2 × 45 + 730 × 0.045
    expect(e.assumptions.join('\n')).toMatch(/one NAT gateway running all month/);
  });
});

describe('estimate: internet egress tiers on the provider-wide total', () => {
  it('two 6 TB flows cost the same as one 12 TB flow', () => {
    const two = estimateYaml(`
name: t
transfers:
  - {name: a, from: aws:us-east-1, to: internet, gb_per_month: 6000}
  - {name: b, from: aws:us-west-2, to: gcp:us-central1, gb_per_month: 6000}
`);
    const one = estimateYaml(`name: t\ntransfers: [{name: a, from: aws:us-east-1, to: internet, gb_per_month: 12000}]`);
    // 10,140 × 0.09 + 1,760 × 0.085
    expect(money(one.totals.egress)).toBe('1062.2');
    expect(money(two.totals.egress)).toBe('1062.2');
    expect(money(line(two, 'a').cost)).toBe('531.1');
    expect(line(two, 'a').tiers?.aggregate.toFixed()).toBe('12000');
  });
});

describe('estimate: lines add up', () => {
  it('totals are the exact sums of the lines', () => {
    const e = estimateYaml(`
name: t
nodes: [{name: n, provider: gcp, region: us-central1, instance: a2-highgpu-1g, count: 3, hours: 100.5}]
storage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: 123.456}]
transfers:
  - {name: a, from: gcp:us-central1, to: internet, gb_per_month: 333.3}
  - {name: b, from: gcp:us-central1, to: aws:us-east-1, gb_per_month: 777.7}
`);
    const sum = e.lines.reduce((s, l) => s.plus(l.cost), new Decimal(0));
    expect(sum.eq(e.totals.total)).toBe(true);
  });
});

describe('estimate: misses point at the scenario', () => {
  it('reports an unknown instance with a suggestion and its position', () => {
    try {
      estimateYaml(`name: t\nnodes:\n  - {name: n, provider: aws, region: us-east-1, instance: p4d.24xlarg, count: 1}\n`, 's.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(/^s\.yaml:3:59: error: unknown aws instance type "p4d\.24xlarg"\n  hint: did you mean p4d\.24xlarge\?/);
    }
  });

  it('lists the priced regions when an instance is not priced in a region', () => {
    expect(() =>
      estimateYaml(`name: t\nnodes: [{name: n, provider: aws, region: eu-west-1, instance: p4d.24xlarge, count: 1}]\n`),
    ).toThrow(/p4d\.24xlarge is not priced in eu-west-1\n  hint: priced regions for p4d\.24xlarge: us-east-1, us-west-2/);
  });
});
