import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/actuals/categorize.js';
import { reconcile } from '../../src/actuals/reconcile.js';
import { projectFile } from '../../src/projection.js';
import { formatActualsCsv } from '../../src/format/actuals-csv.js';
import { formatActualsJson } from '../../src/format/actuals-json.js';
import { formatActualsMarkdown } from '../../src/format/actuals-markdown.js';
import { formatActualsTable } from '../../src/format/actuals-table.js';
import { Decimal } from '../../src/model/decimal.js';
import { REPO } from '../helpers.js';
import { record } from './records.js';

/** What reconciliation makes of real bills' quirks, on the recsys plan (AWS and GCP). */
const { loaded, estimate } = projectFile(join(REPO, 'scenarios/recsys-feature-store.yaml'));
const FULL = { month: '2026-10', elapsedDays: 31, days: 31 };
const run = (records: Parameters<typeof reconcile>[2], extra: Partial<Parameters<typeof reconcile>[3]> = {}) =>
  reconcile(estimate, loaded.scenario, records, { threshold: new Decimal('0.1'), period: FULL, ...extra });
const source = { source: 'test', records: [], notes: [] };
const planned = (name: string, kind: string) => estimate.lines.find((l) => l.name === name && l.kind === kind)!;

describe('multi-provider bills', () => {
  const bill = [
    record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: planned('trainers', 'node').cost }),
    record({ provider: 'azure', usageType: 'D2 v3/D2s v3', billedCost: new Decimal('1.98') }),
    record({ provider: 'oracle', usageType: 'Compute - E4 - OCPU', billedCost: new Decimal('0.27') }),
    record({ provider: 'oracle', usageType: '', chargeCategory: 'Adjustment', billedCost: new Decimal('0.272') }),
  ];

  it("compares the plan's providers only: the others are apart, never in the variance or net", () => {
    const r = run(bill);
    expect(r.total.actual.toFixed()).toBe(planned('trainers', 'node').cost.toFixed());
    expect(r.unplanned).toEqual([]);
    expect(r.adjustments).toEqual([]);
    expect(r.otherProviders.map((o) => [o.provider, o.usage.toFixed(), o.total.toFixed()])).toEqual([
      ['azure', '1.98', '1.98'],
      ['oracle', '0.27', '0.542'],
    ]);
    expect(r.providers.map((p) => [p.provider, p.actual.toFixed()])).toEqual([
      ['aws', planned('trainers', 'node').cost.toFixed()],
      ['gcp', '0'],
    ]);
  });

  it('--provider chooses which are compared', () => {
    const r = run(bill, { providers: ['aws', 'azure'] });
    expect(r.providers.map((p) => p.provider)).toEqual(['aws', 'azure']);
    expect(r.unplanned.map((u) => [u.provider, u.cost.toFixed()])).toEqual([['azure', '1.98']]);
    expect(r.otherProviders.map((o) => o.provider)).toEqual(['oracle']);
  });

  it('says the subtotals and the others in every format', () => {
    const r = run(bill);
    expect(formatActualsTable(r, source)).toContain('other providers in this bill, not compared with the plan: Microsoft $1.98,\n  Oracle $0.27 ($0.54 with credits, tax and adjustments)');
    expect(formatActualsTable(r, source)).toMatch(/\n {2}AWS +\$19,[\d,.]+ +\$17,566\.11/);
    expect(formatActualsTable(r, source)).toMatch(/\n {2}Google Cloud +\$3,[\d,.]+ +\$0\.00/);
    expect(formatActualsMarkdown(r, source)).toMatch(/\| AWS \(provider\) \| \$19,[\d,.]+ \| \$17,566\.11 \|/);
    expect(formatActualsMarkdown(r, source)).toContain('Other providers in this bill, not compared with the plan: Microsoft $1.98');
    const json = JSON.parse(formatActualsJson(r, source));
    expect(json.other_providers).toEqual([
      { provider: 'azure', usage: '1.98', total: '1.98' },
      { provider: 'oracle', usage: '0.27', total: '0.542' },
    ]);
    expect(json.providers.map((p: { provider: string }) => p.provider)).toEqual(['aws', 'gcp']);
    const csv = formatActualsCsv(r).split('\n');
    expect(csv.filter((l) => l.includes(',other-provider,'))).toEqual(['recsys-feature-store,2026-10,other-provider,azure,,azure,,,1.98,,,,billed,,,,,,,', 'recsys-feature-store,2026-10,other-provider,oracle,,oracle,,,0.27,,,,billed,,,,,,,']);
    expect(csv.some((l) => l.startsWith('recsys-feature-store,2026-10,provider,aws,'))).toBe(true);
  });
});

describe('charge kinds', () => {
  it('tells adjustments by sign: a positive one is charged, not a refund', () => {
    const r = run([
      record({ usageType: '', chargeCategory: 'Adjustment', billedCost: new Decimal('0.272') }),
      record({ usageType: '', chargeCategory: 'Adjustment', billedCost: new Decimal('-5') }),
    ]);
    expect(r.adjustments.map((a) => [a.kind, a.sign, a.cost.toFixed()])).toEqual([
      ['adjustment', 'charge', '0.272'],
      ['adjustment', 'credit', '-5'],
    ]);
    const table = formatActualsTable(r, source);
    expect(table).toMatch(/adjustment, charged +\$0\.27/);
    expect(table).toMatch(/adjustment, given back +-\$5\.00/);
    expect(table).not.toMatch(/refund +\$0\.27/);
  });

  it('keeps a correction of an earlier period apart from this month’s usage', () => {
    const r = run([
      record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: new Decimal(100) }),
      record({ usageType: 'BoxUsage:p4d.24xlarge', chargeClass: 'Correction', billedCost: new Decimal(-40) }),
    ]);
    expect(r.total.actual.toFixed()).toBe('100');
    expect(r.adjustments.map((a) => [a.kind, a.cost.toFixed()])).toEqual([['correction', '-40']]);
    expect(formatActualsTable(r, source)).toMatch(/correction of earlier periods +-\$40\.00/);
  });
});

describe('variance', () => {
  it('has a floor: a category planned at cents cannot fail for a few dollars (+114311% before)', () => {
    // The plan's ingress line is $0: give it 1 cent of projection through a tiny egress-like plan instead:
    // a category projected under 1% of the plan is measured against 1% of it.
    const tiny = { ...estimate, lines: [...estimate.lines, { ...planned('nightly-feature-pull', 'transfer'), name: 'tiny', category: 'network' as const, cost: new Decimal('0.01') }] };
    const r = reconcile(tiny, loaded.scenario, [record({ usageType: 'NatGateway-Hours', billedCost: new Decimal('11.44') })], { threshold: new Decimal('0.1'), period: FULL });
    const network = r.categories.find((c) => c.category === 'network')!;
    expect(network.variance?.toFixed()).toBe('1143');
    expect(network.flag).toBeUndefined();
    expect(network.floor?.toFixed()).toBe(tiny.totals.total.times('0.01').toFixed());
    expect(r.notes).toEqual([expect.stringMatching(/^network projected under 1% of the plan \(\$232\.62\): measured against that floor/)]);
  });

  it('explains a line: billed quantity and effective rate against the plan’s', () => {
    const trainers = planned('trainers', 'node');
    // 900 hours billed at the list price: usage drifted (+100 h), the rate did not.
    const r = run([record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: new Decimal('19761.8778'), consumedQuantity: new Decimal(900), consumedUnit: 'Hrs' })]);
    const line = r.lines.find((l) => l.line.name === 'trainers')!;
    expect(line.usage).toEqual({ quantity: new Decimal(900), unit: 'hour', rate: new Decimal('21.957642') });
    expect(line.flag).toBe('over');
    expect(formatActualsTable(r, source)).toContain(`    900 hour billed vs ${trainers.quantity.toFixed()} hour planned; $21.957642/hour vs $21.957642/hour`);
  });

  it('a long explanation wraps under its line: every row of the table within 80 columns', () => {
    // A billed quantity and rate of many digits take the note past 79 columns on its first line.
    const r = run([record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: new Decimal('548696.2964'), consumedQuantity: new Decimal('4444444.12'), consumedUnit: 'Hrs' })]);
    const table = formatActualsTable(r, source);
    const note = table.split('\n').findIndex((l) => l.startsWith('    4,444,444.12 hour billed'));
    expect(note).toBeGreaterThan(-1);
    expect(table.split('\n')[note + 1]).toMatch(/^ {6}\S/);
    for (const row of table.split('\n')) expect(row.length, row).toBeLessThanOrEqual(80);
  });

  it('a bill of nine figures widens the money columns and narrows the names: every row within 80 columns', () => {
    const r = run([record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: new Decimal('548696296.40'), consumedQuantity: new Decimal('24989570'), consumedUnit: 'Hrs' })]);
    const table = formatActualsTable(r, source).split('\n');
    const total = table.find((l) => l.startsWith('TOTAL'))!;
    expect(total).toContain('$548,696,296.40');
    for (const row of table) expect(row.length, row).toBeLessThanOrEqual(80);
  });
});

describe('unplanned spend', () => {
  it('is one entry per service and usage type, whatever its regions and days; top 10 and "N more" in the table, all in JSON', () => {
    const records = [
      record({ serviceName: 'AmazonCloudWatch', usageType: 'CW:Requests', regionId: 'us-east-1', billedCost: new Decimal('1') }),
      record({ serviceName: 'AmazonCloudWatch', usageType: 'CW:Requests', regionId: 'us-west-2', billedCost: new Decimal('2') }),
      ...Array.from({ length: 12 }, (_, i) => record({ serviceName: 'AWS Lambda', usageType: `Lambda-GB-Second-${i}`, billedCost: new Decimal(i === 11 ? '0.5' : '0') })),
    ];
    const r = run(records);
    expect(r.unplanned).toHaveLength(13);
    expect(r.unplanned[0]).toMatchObject({ service: 'AmazonCloudWatch', usageType: 'CW:Requests', region: '', cost: new Decimal(3) });
    const table = formatActualsTable(r, source);
    expect(table.split('\n').filter((l) => /^ {2}(other|compute) +aws/.test(l))).toHaveLength(10);
    expect(table).toContain('… 3 more, $0.00 (the full list is in --format json or csv)');
    expect(formatActualsMarkdown(r, source)).toContain('3 more, $0.00');
    expect(JSON.parse(formatActualsJson(r, source)).unplanned).toHaveLength(13);
    expect(formatActualsCsv(r).split('\n').filter((l) => l.includes(',unplanned,'))).toHaveLength(13);
  });
});

describe('AWS usage types that look alike', () => {
  it('S3 classes are S3 only: CloudWatch, ECR and DynamoDB bill TimedStorage-ByteHrs too', () => {
    expect(classify(record({ serviceName: 'Amazon Simple Storage Service', usageType: 'TimedStorage-ByteHrs' }))).toMatchObject({ detail: { kind: 'storage', class: 's3-standard' } });
    for (const serviceName of ['AmazonCloudWatch', 'Amazon EC2 Container Registry (ECR)', 'Amazon DynamoDB']) {
      expect(classify(record({ serviceName, usageType: 'USW2-TimedStorage-ByteHrs' }))).toEqual({ kind: 'usage', category: 'storage', region: 'us-west-2' });
    }
  });

  it("CloudFront's EU- and US- prefixes are edge locations, not eu-west-1 or a region: delivery to viewers at that edge, at no region", () => {
    for (const [usageType, edge] of [
      ['EU-DataTransfer-Out-Bytes', 'europe'],
      ['US-DataTransfer-Out-Bytes', 'us'],
      ['JP-DataTransfer-Out-Bytes', 'japan'],
      ['ZA-DataTransfer-Out-Bytes', 'south-africa-middle-east'],
    ]) {
      expect(classify(record({ serviceName: 'Amazon CloudFront', usageType: usageType!, regionId: 'global' }))).toEqual({ kind: 'usage', category: 'egress', region: '', detail: { kind: 'cdn-delivery', edge } });
    }
    // A prefix that is no edge the table prices: delivery still, at no edge.
    expect(classify(record({ serviceName: 'Amazon CloudFront', usageType: 'XX-DataTransfer-Out-Bytes' }))).toEqual({ kind: 'usage', category: 'egress', region: '', detail: { kind: 'cdn-delivery' } });
    // The same prefix on an EC2 usage type is Ireland.
    expect(classify(record({ serviceName: 'Amazon Elastic Compute Cloud', usageType: 'EU-DataTransfer-Out-Bytes' }))).toMatchObject({ region: 'eu-west-1', detail: { path: 'internet' } });
  });

  it('reads instance, transfer kind and S3 class from a charge description when there is no usage type', () => {
    const described = (usageType: string, serviceName = 'Amazon Elastic Compute Cloud') => classify(record({ serviceName, usageType, regionId: 'us-west-2' }));
    expect(described('$1.624 per On Demand Linux g5.4xlarge Instance Hour')).toEqual({ kind: 'usage', category: 'compute', region: 'us-west-2', detail: { kind: 'node', instance: 'g5.4xlarge', purchase: 'on-demand' } });
    expect(described('$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier')).toMatchObject({ category: 'egress', detail: { path: 'internet' } });
    expect(described('$0.010 per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB')).toMatchObject({ detail: { path: 'inter-zone' } });
    expect(described('$0.02 per GB - US West (Oregon) data transfer to EU (Ireland)')).toMatchObject({ detail: { path: 'inter-region', to: 'eu-west-1' } });
    expect(described('$0.045 per NAT Gateway Hour')).toMatchObject({ detail: { kind: 'nat-gateway' } });
    expect(described('$0.023 per GB - first 50 TB / month of storage used', 'Amazon Simple Storage Service')).toMatchObject({ detail: { kind: 'storage', class: 's3-standard' } });
    // CloudWatch's log storage is storage, as its TimedStorage-ByteHrs usage type says, but no S3 class.
    expect(described('$0.03 per GB-mo of log storage - US West (Oregon)', 'AmazonCloudWatch')).toEqual({ kind: 'usage', category: 'storage', region: 'us-west-2' });
  });
});
