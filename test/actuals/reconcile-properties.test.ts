import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/actuals/reconcile.js';
import { projectFile } from '../../src/projection.js';
import { Decimal, sum } from '../../src/model/decimal.js';
import { REPO } from '../helpers.js';
import { record } from './records.js';

const { loaded, estimate } = projectFile(join(REPO, 'scenarios/recsys-feature-store.yaml'));

// Real usage types: some meet a line, some are unplanned, some are credits or tax.
const POOL = [
  { usageType: 'BoxUsage:p4d.24xlarge' },
  { usageType: 'SpotUsage:p4d.24xlarge' },
  { usageType: 'BoxUsage:m7i.xlarge' },
  { usageType: 'DataTransfer-Out-Bytes' },
  { usageType: 'DataTransfer-Regional-Bytes' },
  { usageType: 'NatGateway-Bytes' },
  { usageType: 'TimedStorage-ByteHrs' },
  { usageType: 'CW:MetricMonitorUsage' },
  { usageType: 'G2 Instance Core running in Americas', provider: 'gcp', regionId: 'us-central1' },
  { usageType: 'Network Internet Data Transfer Out from Americas to Americas', provider: 'gcp', regionId: 'us-central1' },
  { usageType: '', chargeCategory: 'Credit' },
  { usageType: '', chargeCategory: 'Tax' },
];

const records = fc.array(
  fc.record({ pick: fc.nat(POOL.length - 1), cents: fc.integer({ min: -100_000, max: 10_000_000 }) }).map(({ pick, cents }) =>
    record({ ...POOL[pick]!, billedCost: new Decimal(cents).div(100) }),
  ),
  { maxLength: 40 },
);

describe('reconcile: properties over random bills', () => {
  it('every cent lands exactly once: lines + unplanned = categories = total; adjustments stay apart', () => {
    fc.assert(
      fc.property(records, (bill) => {
        const r = reconcile(estimate, loaded.scenario, bill, { threshold: new Decimal('0.1'), period: { month: '2026-10', elapsedDays: 31, days: 31 } });
        const usage = sum(bill.filter((x) => x.chargeCategory === 'Usage').map((x) => x.billedCost));
        const lines = sum(r.lines.map((l) => l.actual));
        const unplanned = sum(r.unplanned.map((u) => u.cost));
        expect(lines.plus(unplanned).eq(usage)).toBe(true);
        expect(sum(r.categories.map((c) => c.actual)).eq(usage)).toBe(true);
        expect(r.total.actual.eq(usage)).toBe(true);
        expect(r.net.eq(sum(bill.map((x) => x.billedCost)))).toBe(true);
        expect(r.over).toBe(r.total.flag === 'over' || r.categories.some((c) => c.flag === 'over'));
      }),
      { numRuns: 200 },
    );
  });

  it('the order of records never changes the report', () => {
    fc.assert(
      fc.property(records, (bill) => {
        const opts = { threshold: new Decimal('0.1'), period: { month: '2026-10', elapsedDays: 31, days: 31 } };
        const a = reconcile(estimate, loaded.scenario, bill, opts);
        const b = reconcile(estimate, loaded.scenario, [...bill].reverse(), opts);
        expect(b.lines.map((l) => l.actual.toFixed())).toEqual(a.lines.map((l) => l.actual.toFixed()));
        expect(b.total.actual.toFixed()).toBe(a.total.actual.toFixed());
      }),
      { numRuns: 100 },
    );
  });
});
