import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcile, type Reconciliation } from '../../src/actuals/reconcile.js';
import { coveredRange, monthRange, parseThreshold, periodAt } from '../../src/actuals/period.js';
// The flag error class of every layer (was actuals/period's ActualsArgumentError).
import { UsageError as ActualsArgumentError } from '../../src/model/errors.js';
import { projectFile } from '../../src/projection.js';
import { Decimal } from '../../src/model/decimal.js';
import { REPO } from '../helpers.js';
import { record } from './records.js';

const { loaded, estimate } = projectFile(join(REPO, 'scenarios/recsys-feature-store.yaml'));
const cost = (name: string, kind = 'transfer') => estimate.lines.find((l) => l.name === name && l.kind === kind)!.cost;
const FULL = { month: '2026-10', elapsedDays: 31, days: 31 };
const TEN = new Decimal('0.1');

/** A bill that is exactly the plan: one usage record per priced line. */
function planAsBilled() {
  return [
    record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: cost('trainers', 'node') }),
    record({ usageType: 'BoxUsage:m7i.xlarge', billedCost: cost('feature-api', 'node') }),
    record({ provider: 'gcp', usageType: 'G2 Instance Core running in Americas', regionId: 'us-central1', billedCost: cost('serving', 'node') }),
    record({ usageType: 'TimedStorage-ByteHrs', billedCost: cost('feature-store', 'storage') }),
    record({ provider: 'gcp', serviceName: 'Cloud Storage', usageType: 'Standard Storage US Regional', regionId: 'us-central1', billedCost: cost('serving-features', 'storage') }),
    record({ usageType: 'DataTransfer-Out-Bytes', billedCost: cost('nightly-feature-pull').plus(cost('model-artifacts')) }),
    record({ provider: 'gcp', usageType: 'Network Internet Data Transfer Out from Americas to Americas', regionId: 'us-central1', billedCost: cost('predictions-to-users') }),
    record({ usageType: 'DataTransfer-In-Bytes', billedCost: new Decimal(0) }),
  ];
}

const run = (records = planAsBilled(), period = FULL): Reconciliation =>
  reconcile(estimate, loaded.scenario, records, { threshold: TEN, period });

describe('reconcile', () => {
  it('a bill that is the plan has zero variance everywhere and passes', () => {
    const r = run();
    expect(r.total.difference.toFixed()).toBe('0');
    expect(r.total.actual.toFixed()).toBe(estimate.totals.total.toFixed());
    expect(r.lines.filter((l) => l.flag)).toEqual([]);
    expect(r.unplanned).toEqual([]);
    expect(r.over).toBe(false);
  });

  it('splits one bill entry between the lines that share it, in proportion to their projection', () => {
    const r = run();
    const pull = r.lines.find((l) => l.line.name === 'nightly-feature-pull')!;
    const artifacts = r.lines.find((l) => l.line.name === 'model-artifacts')!;
    expect(pull.actual.toFixed()).toBe(cost('nightly-feature-pull').toFixed());
    expect(artifacts.actual.toFixed()).toBe(cost('model-artifacts').toFixed());
    expect(pull.matched).toEqual(['DataTransfer-Out-Bytes']);
  });

  it('counts spot hours against the node group of the same instance type', () => {
    const records = planAsBilled();
    records.push(record({ usageType: 'SpotUsage:p4d.24xlarge', billedCost: new Decimal(2000) }));
    const trainers = run(records).lines.find((l) => l.line.name === 'trainers')!;
    expect(trainers.difference.toFixed()).toBe('2000');
    expect(trainers.matched).toEqual(['BoxUsage:p4d.24xlarge', 'SpotUsage:p4d.24xlarge']);
  });

  it('lists spend with no projected line as unplanned, and a new category fails the check when material', () => {
    const records = planAsBilled();
    records.push(record({ usageType: 'NatGateway-Bytes', serviceName: 'Amazon EC2', billedCost: new Decimal('2700') }));
    records.push(record({ usageType: 'NatGateway-Hours', serviceName: 'Amazon EC2', billedCost: new Decimal('33.48') }));
    const r = run(records);
    expect(r.unplanned.map((u) => [u.usageType, u.category, u.cost.toFixed()])).toEqual([
      ['NatGateway-Bytes', 'network', '2700'],
      ['NatGateway-Hours', 'network', '33.48'],
    ]);
    const network = r.categories.find((c) => c.category === 'network')!;
    expect(network.projected.toFixed()).toBe('0');
    expect(network.variance).toBeUndefined();
    expect(network.flag).toBe('over'); // 2,733.48 is > 10% of the 23,262 plan
    expect(r.over).toBe(true);
  });

  it('does not fail for a few unplanned dollars, but still lists them', () => {
    const records = planAsBilled();
    records.push(record({ usageType: 'CW:MetricMonitorUsage', serviceName: 'AmazonCloudWatch', billedCost: new Decimal('12.30') }));
    const r = run(records);
    expect(r.unplanned).toHaveLength(1);
    expect(r.categories.find((c) => c.category === 'other')?.flag).toBeUndefined();
    expect(r.over).toBe(false);
  });

  it('reports credits, tax and refunds apart and never nets them into usage', () => {
    const records = planAsBilled();
    records.push(record({ usageType: '', chargeCategory: 'Credit', billedCost: new Decimal(-5000) }));
    records.push(record({ usageType: '', chargeCategory: 'Tax', billedCost: new Decimal(100) }));
    const r = run(records);
    expect(r.total.actual.toFixed()).toBe(estimate.totals.total.toFixed());
    expect(r.adjustments.map((a) => [a.kind, a.cost.toFixed()])).toEqual([
      ['credit', '-5000'],
      ['tax', '100'],
    ]);
    expect(r.net.toFixed()).toBe(estimate.totals.total.minus(4900).toFixed());
  });

  it('flags a line over or under the threshold; only over fails the check', () => {
    const records = planAsBilled().filter((r) => r.usageType !== 'BoxUsage:m7i.xlarge');
    const r = run(records);
    const api = r.lines.find((l) => l.line.name === 'feature-api')!;
    expect(api.flag).toBe('under');
    expect(api.variance?.toFixed()).toBe('-1');
    expect(r.unused.map((l) => l.line.name)).toEqual(['feature-api']);
    expect(r.over).toBe(false);
  });

  it('fails on a category over the threshold even when the total is within it', () => {
    const records = planAsBilled();
    const storage = records.find((x) => x.usageType === 'TimedStorage-ByteHrs')!;
    storage.billedCost = storage.billedCost.times(2); // +460: storage +91%, total +2%
    const r = run(records);
    expect(r.total.flag).toBeUndefined();
    expect(r.categories.find((c) => c.category === 'storage')?.flag).toBe('over');
    expect(r.over).toBe(true);
  });

  it('pro-rates the projection for a partial month', () => {
    const half = run(
      planAsBilled().map((x) => ({ ...x, billedCost: x.billedCost.div(2) })),
      { month: '2026-10', elapsedDays: 15, days: 30 },
    );
    expect(half.total.projected.toFixed()).toBe(estimate.totals.total.div(2).toFixed());
    expect(half.total.difference.toFixed()).toBe('0');
    expect(half.over).toBe(false);
    expect(half.forecast?.basis).toBe('run-rate');
    expect(half.forecast?.total.toFixed()).toBe(estimate.totals.total.toFixed());
    expect(run().forecast).toBeUndefined();
  });

  it('matches a record without a region when one line of that provider fits it', () => {
    const records = planAsBilled().map((x) => (x.provider === 'gcp' ? { ...x, regionId: '' } : x));
    const r = run(records);
    expect(r.lines.find((l) => l.line.name === 'serving')?.actual.toFixed()).toBe(cost('serving', 'node').toFixed());
    expect(r.unplanned).toEqual([]);
  });

  it('sums daily usage for records a day long and marks estimated data', () => {
    const r = run([
      record({ usageType: 'BoxUsage:m7i.xlarge', chargePeriodStart: '2026-10-02T00:00:00Z', chargePeriodEnd: '2026-10-03T00:00:00Z', billedCost: new Decimal('1.5') }),
      record({ usageType: 'TimedStorage-ByteHrs', chargePeriodStart: '2026-10-02T00:00:00Z', chargePeriodEnd: '2026-10-03T00:00:00Z', billedCost: new Decimal('2.25') }),
      record({ usageType: 'BoxUsage:m7i.xlarge', chargePeriodStart: '2026-10-01T00:00:00Z', chargePeriodEnd: '2026-10-02T00:00:00Z', billedCost: new Decimal(1), estimated: true }),
    ]);
    expect(r.daily.map((d) => [d.day, d.cost.toFixed(), d.estimated])).toEqual([
      ['2026-10-01', '1', true],
      ['2026-10-02', '3.75', false],
    ]);
    expect(r.estimated).toBe(true);
  });

  it("takes the source's daily series (monthly records, as Cost Explorer's) on the report's basis", () => {
    const daily = [
      { day: '2026-10-01', billedCost: new Decimal('550'), effectiveCost: new Decimal('400'), estimated: false },
      { day: '2026-10-02', billedCost: new Decimal('576.6'), effectiveCost: new Decimal('426.28'), estimated: true },
    ];
    const opts = { threshold: TEN, period: FULL, daily };
    const billed = reconcile(estimate, loaded.scenario, planAsBilled(), opts);
    expect(billed.daily.map((d) => [d.day, d.cost.toFixed(), d.estimated])).toEqual([
      ['2026-10-01', '550', false],
      ['2026-10-02', '576.6', true],
    ]);
    expect(billed.estimated).toBe(true);
    const effective = reconcile(estimate, loaded.scenario, planAsBilled(), { ...opts, costBasis: 'effective' });
    expect(effective.daily.map((d) => d.cost.toFixed())).toEqual(['400', '426.28']);
    // The series is only drawn: the month's figures still come from the records.
    expect(billed.total.actual.toFixed()).toBe(run().total.actual.toFixed());
  });
});

describe('period and threshold', () => {
  it('knows month lengths, leap years included', () => {
    expect(monthRange('2026-10')).toEqual({ start: '2026-10-01', end: '2026-11-01', days: 31 });
    expect(monthRange('2028-02').days).toBe(29);
    expect(monthRange('2026-12').end).toBe('2027-01-01');
  });

  it('treats a finished month as whole and the current one as complete days so far', () => {
    expect(periodAt('2026-10', new Date('2026-11-25T09:00:00Z'))).toEqual({ month: '2026-10', elapsedDays: 31, days: 31 });
    expect(periodAt('2026-11', new Date('2026-11-25T09:00:00Z'))).toEqual({ month: '2026-11', elapsedDays: 24, days: 30 });
  });

  it('covers the whole month, or up to today for the current one', () => {
    expect(coveredRange({ month: '2026-10', elapsedDays: 31, days: 31 })).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(coveredRange({ month: '2026-11', elapsedDays: 24, days: 30 })).toEqual({ start: '2026-11-01', end: '2026-11-25' });
  });

  it('refuses a malformed, future or just-begun month', () => {
    expect(() => periodAt('2026-13', new Date())).toThrow(ActualsArgumentError);
    expect(() => periodAt('2027-01', new Date('2026-11-25T00:00:00Z'))).toThrow(/not started/);
    expect(() => periodAt('2026-11', new Date('2026-11-01T10:00:00Z'))).toThrow(/no complete day/);
  });

  it('reads thresholds as percentages only', () => {
    expect(parseThreshold('10%').toFixed()).toBe('0.1');
    expect(parseThreshold('2.5%').toFixed()).toBe('0.025');
    expect(() => parseThreshold('10')).toThrow(/percentage/);
  });
});
