import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { sampler } from '../../src/engine/distributions.js';
import { estimate } from '../../src/engine/estimate.js';
import { sensitivity } from '../../src/engine/sensitivity.js';
import { parseVaryPath, setValue, valueOf, varyPaths } from '../../src/engine/vary.js';
import { formatDiagnostic, InputError } from '../../src/model/diagnostics.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { withValues } from '../../src/model/uncertain.js';
import { expectSamplesMatchEstimate } from './samples-match.js';
import { loadPricingBook } from '../../src/pricing/load.js';

// Every component quantity of issue 13 written as a range, on the bundled AWS us-east-1 rates:
// io2 GB and IOPS, gp3 GB, public IPv4 addresses, EKS hours, ALB hours and GB processed, S3 requests.
const RANGED = `name: ranged-components
clusters:
  - {name: eks, provider: aws, region: us-east-1, kind: eks, hours: {low: 300, expected: 500, high: 730}}
load_balancers:
  - {name: api-lb, provider: aws, region: us-east-1, kind: alb, hours: {low: 400, expected: 600, high: 730}, processed_gb: {p50: 2000, p95: 9000}}
nodes:
  - name: trainers
    provider: aws
    region: us-east-1
    instance: m7i.xlarge
    count: 3
    disk: {class: io2, gb: {low: 200, expected: 500, high: 1500}, iops: {low: 1000, expected: 4000, high: 16000}}
    public_ipv4: {low: 0, expected: 1, high: 3}
  - name: api
    provider: aws
    region: us-east-1
    instance: m7i.xlarge
    count: 2
    disk: {class: gp3, gb: {p50: 100, p95: 400}}
storage:
  - name: lake
    provider: aws
    region: us-east-1
    class: s3-standard
    gb: 20000
    get_requests_per_month: {low: 10000000, expected: 60000000, high: 200000000}
    put_requests_per_month: {p50: 5000000, p95: 20000000}
`;

const LABELS = [
  'nodes.trainers.disk.gb',
  'nodes.trainers.disk.iops',
  'nodes.trainers.public_ipv4',
  'nodes.api.disk.gb',
  'storage.lake.get_requests_per_month',
  'storage.lake.put_requests_per_month',
  'clusters.eks.hours',
  'load_balancers.api-lb.hours',
  'load_balancers.api-lb.processed_gb',
];

function load(text = RANGED) {
  const loaded = parseScenario(text, 'ranged.yaml');
  return { loaded, book: loadPricingBook(providersOf(loaded.scenario), []) };
}

function problem(text: string): string {
  try {
    parseScenario(text, 'r.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('ranges on the component quantities (disks, addresses, clusters, load balancers, requests)', () => {
  it('lists each range by name and prices the point plan at the expected values (p50 for a lognormal)', () => {
    const { loaded, book } = load();
    expect(loaded.uncertain.map((u) => u.label).sort()).toEqual([...LABELS].sort());
    const trainers = loaded.scenario.nodes![0]!;
    expect(trainers.disk!.gb.toFixed()).toBe('500');
    expect(trainers.disk!.iops!.toFixed()).toBe('4000');
    expect(trainers.public_ipv4!.toFixed()).toBe('1');
    expect(loaded.scenario.load_balancers![0]!.processed_gb.toFixed()).toBe('2000');
    const lines = estimate(loaded.scenario, book).lines;
    // 3 nodes × 730 h / 730 h × 500 GB × $0.125, and 4000 IOPS × $0.065 per node-month.
    expect(lines.find((l) => l.kind === 'disk' && l.ref[3] === 'gb' && l.name === 'trainers')!.cost.toFixed()).toBe('187.5');
    expect(lines.find((l) => l.kind === 'disk' && l.ref[3] === 'iops')!.cost.toFixed()).toBe('780');
    expect(lines.find((l) => l.kind === 'cluster')!.quantity.toFixed()).toBe('500');
    expect(lines.find((l) => l.kind === 'lb-hours')!.quantity.toFixed()).toBe('600');
  });

  it('draws whole numbers for IOPS and addresses, and cuts hours at the month', () => {
    const { loaded } = load();
    const byLabel = new Map(loaded.uncertain.map((u) => [u.label, u]));
    expect(byLabel.get('nodes.trainers.disk.iops')!.integer).toBe(true);
    expect(byLabel.get('nodes.trainers.public_ipv4')!.integer).toBe(true);
    expect(byLabel.get('nodes.trainers.disk.gb')!.integer).toBe(false);
    expect(byLabel.get('clusters.eks.hours')!.max!.toFixed()).toBe('730');
    expect(byLabel.get('load_balancers.api-lb.hours')!.max!.toFixed()).toBe('730');
    const draw = sampler(byLabel.get('nodes.trainers.disk.iops')!);
    for (const u of [0.01, 0.3, 0.77, 0.99]) expect(draw(u).isInteger()).toBe(true);
  });

  it('property: every Monte Carlo sample equals estimate() of the plan with that sample drawn, to the last digit', () => {
    const { loaded, book } = load();
    const samples = 25;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => expectSamplesMatchEstimate(loaded, book, seed, samples)),
      { numRuns: 8 },
    );
  });

  it('property: any values set at the nested disk fields price as the same plan written with them', () => {
    const { loaded, book } = load();
    const disk = (n: number) => loaded.uncertain.find((u) => u.label === `nodes.trainers.disk.${n === 0 ? 'gb' : 'iops'}`)!.path;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 64000 }), (gb, iops) => {
        const set = withValues(loaded.scenario, [
          { path: disk(0), value: new Decimal(gb) },
          { path: disk(1), value: new Decimal(iops) },
        ]);
        const written = parseScenario(RANGED.replace(/gb: \{low: 200[^}]*\}, iops: \{[^}]*\}/, `gb: ${gb}, iops: ${iops}`), 'w.yaml').scenario;
        expect(estimate(set, book).lines.filter((l) => l.kind === 'disk').map((l) => l.cost.toFixed())).toEqual(
          estimate({ ...written, nodes: [written.nodes![0]!, set.nodes![1]!] }, book).lines.filter((l) => l.kind === 'disk').map((l) => l.cost.toFixed()),
        );
        // The scenario the values were set on is left as it was.
        expect(loaded.scenario.nodes![0]!.disk!.gb.toFixed()).toBe('500');
      }),
      { numRuns: 40 },
    );
  });

  it('swings the total in the tornado chart for a nested field (disk GB) as for any other', () => {
    const { loaded, book } = load();
    const swings = new Map(sensitivity(loaded.scenario, loaded.uncertain, book).map((s) => [s.input.label, s]));
    const gb = swings.get('nodes.trainers.disk.gb')!;
    // 3 nodes × (1500 − 200) GB × $0.125
    expect(gb.swing.toFixed()).toBe('487.5');
    expect(swings.get('clusters.eks.hours')!.swing.toFixed()).toBe('43');
  });

  it('refuses a cluster or load balancer range that passes the month, and a cluster name used twice, at file:line:col', () => {
    expect(problem(RANGED.replace('high: 730}}\nload_balancers', 'high: 800}}\nload_balancers'))).toMatch(
      /^r\.yaml:3:\d+: error: clusters\[0\] \(eks\)\.hours: hours 800 is more than the 730 hours in the month/,
    );
    expect(problem(RANGED.replace('clusters:\n', 'clusters:\n  - {name: eks, provider: aws, region: us-east-1, kind: eks}\n'))).toMatch(
      /r\.yaml:4:\d+: error: clusters\[1\] \(eks\)\.name: clusters name "eks" is used twice/,
    );
    expect(problem(RANGED.replace('gb: {low: 200, expected: 500', 'gb: {low: 600, expected: 500'))).toMatch(/r\.yaml:12:\d+: error: nodes\[0\] \(trainers\)\.disk\.gb\.low/);
  });
});

describe('break-even over the component quantities', () => {
  it('offers each written component quantity, and the hours of every cluster and load balancer', () => {
    const { loaded } = load(RANGED.replace(/, hours: \{low: 300[^}]*\}/, ''));
    const paths = varyPaths(loaded.scenario);
    for (const label of LABELS) expect(paths).toContain(label);
    expect(paths).not.toContain('nodes.api.disk.iops');
    const t = parseVaryPath('clusters.eks.hours', [loaded.scenario])!;
    expect(valueOf(loaded.scenario, t)!.toFixed()).toBe('730');
  });

  it('addresses a nested field of a group whose name has dots, and sets it without touching the others', () => {
    const { loaded } = load(RANGED.replace('name: trainers', 'name: trainers.v2'));
    const t = parseVaryPath('nodes.trainers.v2.disk.gb', [loaded.scenario])!;
    expect(t).toEqual({ label: 'nodes.trainers.v2.disk.gb', section: 'nodes', name: 'trainers.v2', field: 'disk.gb' });
    const set = setValue(loaded.scenario, t, new Decimal(42));
    expect(valueOf(set, t)!.toFixed()).toBe('42');
    expect(set.nodes![0]!.disk!.iops!.toFixed()).toBe('4000');
    expect(set.nodes![0]!.disk!.class).toBe('io2');
    expect(valueOf(loaded.scenario, t)!.toFixed()).toBe('500');
  });
});
