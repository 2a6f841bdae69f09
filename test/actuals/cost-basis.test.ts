import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/actuals/reconcile.js';
import { Decimal } from '../../src/model/decimal.js';
import { projectFile } from '../../src/projection.js';
import { tollgate } from '../cli-run.js';
import { record } from './records.js';

/**
 * A month with a Compute Savings Plan, as a FOCUS export writes it. The plan: 2 × m7i.xlarge
 * on-demand for 730 h at $0.2016/h = $294.336. The bill:
 *   - 1400 h covered by the plan: BilledCost 0, EffectiveCost 266.00 (the fee amortized, $0.19/h)
 *   - 60 h not covered, on demand: 60 × 0.2016 = 12.096, billed and effective alike
 *   - the plan's recurring fee, a Purchase: BilledCost 266.00, EffectiveCost 0 (FOCUS: a
 *     commitment purchase has EffectiveCost 0, its cost is in the covered usage)
 *   - tax 5.00
 * billed:    usage 12.096  → 12.096 − 294.336 = −282.24, −95.9%, under; net 12.096 + 5 + 266 = 283.096
 * effective: usage 278.096 → 278.096 − 294.336 = −16.24, −5.5%, within 10%; net 278.096 + 5 + 0 = 283.096
 */
const SP_FOCUS = `ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,x_UsageType,ChargeDescription,CommitmentDiscountType
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,0,266.00,1400,Hrs,us-east-1,BoxUsage:m7i.xlarge,m7i.xlarge covered by a Compute Savings Plan,Savings Plan
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,12.096,12.096,60,Hrs,us-east-1,BoxUsage:m7i.xlarge,m7i.xlarge On Demand,
AWS,Savings Plans for AWS Compute usage,Compute,Purchase,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,266.00,0,,,,ComputeSP:1yrNoUpfront,Savings Plan recurring fee,Savings Plan
AWS,Amazon Elastic Compute Cloud,Compute,Tax,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,5.00,5.00,,,us-east-1,,Tax,
`;

const SCENARIO = `name: sp-check
nodes:
  - name: api
    provider: aws
    region: us-east-1
    instance: m7i.xlarge
    count: 2
`;

const dir = mkdtempSync(join(tmpdir(), 'tollgate-cost-basis-'));
const bill = join(dir, 'sp.focus.csv');
const scenario = join(dir, 'sp.yaml');
writeFileSync(bill, SP_FOCUS);
writeFileSync(scenario, SCENARIO);
const args = (cost: string | undefined, format = 'json') => ['actuals', scenario, '--month', '2026-10', '--source', bill, '--format', format, ...(cost ? ['--cost', cost] : [])];

describe('--cost billed|effective on a FOCUS bill with a Savings Plan', () => {
  it('billed (the default): covered usage reads $0, the node line is under plan, the fee sits apart', async () => {
    for (const cost of [undefined, 'billed']) {
      const { code, stdout, stderr } = await tollgate(args(cost));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect(out.cost_basis).toBe('billed');
      const api = out.lines.find((l: { name: string }) => l.name === 'api');
      expect(api).toMatchObject({ projected: '294.336', actual: '12.096', difference: '-282.24', flag: 'under' });
      expect(out.adjustments).toEqual([
        { kind: 'tax', cost: '5' },
        { kind: 'purchase', cost: '266' },
      ]);
      expect(out.net).toBe('283.096');
    }
  });

  it('effective: the node line carries its amortized cost and matches; the fee is not counted twice', async () => {
    const { code, stdout, stderr } = await tollgate(args('effective'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.cost_basis).toBe('effective');
    const api = out.lines.find((l: { name: string }) => l.name === 'api');
    expect(api).toMatchObject({ projected: '294.336', actual: '278.096', difference: '-16.24' });
    expect(api.flag).toBeUndefined();
    expect(new Decimal(api.variance).toDecimalPlaces(4).toFixed()).toBe('-0.0552');
    expect(out.total).toMatchObject({ actual: '278.096' });
    expect(out.adjustments).toEqual([
      { kind: 'tax', cost: '5' },
      { kind: 'purchase', cost: '0', billed: '266', amortized_into_usage: true },
    ]);
    // The same money either way: 12.096 + 5 + 266 billed, 278.096 + 5 + 0 amortized.
    expect(out.net).toBe('283.096');
  });

  it('says the basis in the table, markdown and csv', async () => {
    const billed = await tollgate(args(undefined, 'table'));
    expect(billed.stdout).toContain('\ncost: billed (BilledCost)\n');
    expect(billed.stdout).toMatch(/ {2}api +\$294\.34 +\$12\.10 +-\$282\.24 +-95\.9% ▼/);
    expect(billed.stdout).toMatch(/ {2}purchase +\$266\.00\n {2}net billed for the month +\$283\.10/);
    const table = await tollgate(args('effective', 'table'));
    expect(table.stdout).toContain('\ncost: effective (EffectiveCost, amortized)\n');
    expect(table.stdout).toMatch(/ {2}api +\$294\.34 +\$278\.10 +-\$16\.24 +-5\.5%\n/);
    expect(table.stdout).toMatch(/ {2}purchase: \$266\.00 billed, amortized into usage +\$0\.00\n {2}net effective \(amortized\) for the month +\$283\.10/);
    for (const l of table.stdout.trimEnd().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    const md = await tollgate(args('effective', 'markdown'));
    expect(md.stdout).toContain('· cost: effective (EffectiveCost, amortized)');
    expect(md.stdout).toContain('purchase: $266.00 billed, amortized into usage $0.00; net effective (amortized) $283.10');
    const csv = (await tollgate(args('effective', 'csv'))).stdout.trimEnd().split('\n');
    expect(csv[0]).toBe('scenario,month,row,name,category,provider,region,projected,actual,difference,variance,flag,cost_basis');
    expect(csv.filter((l) => /^sp-check,2026-10,line,api,compute,aws,us-east-1,294\.336,278\.096,-16\.24,-0\.05517503\d+,,effective$/.test(l))).toHaveLength(1);
    expect(csv).toContain('sp-check,2026-10,adjustment,purchase,,,,,0,,,amortized,effective');
  });

  it('the bundled sample has no commitment (EffectiveCost = BilledCost): effective gives the billed figures', async () => {
    const base = ['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'sample', '--format', 'json'];
    const billed = JSON.parse((await tollgate(base)).stdout);
    const effective = JSON.parse((await tollgate([...base, '--cost', 'effective'])).stdout);
    expect([billed.cost_basis, effective.cost_basis]).toEqual(['billed', 'effective']);
    const { cost_basis: _b, ...sameBilled } = billed;
    const { cost_basis: _e, ...sameEffective } = effective;
    expect(sameEffective).toEqual(sameBilled);
  });

  it.each([
    [['--cost', 'amortized'], /--cost takes billed or effective/],
    [['--source', 'gcp', '--cost', 'effective'], /--cost effective: error: the Google Cloud BigQuery standard billing export has no amortized cost[^]*hint: use --cost billed, or export the bill as FOCUS/],
  ])('%j → exit 2', async (extra, message) => {
    const base = ['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'sample'];
    const { code, stdout, stderr } = await tollgate([...base, ...extra]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses --cost effective from a file without an amortized cost (CUR 2.0: net unblended is not amortized)', async () => {
    const cur = join(dir, 'cur.csv');
    writeFileSync(
      cur,
      `line_item_usage_start_date,line_item_usage_end_date,line_item_unblended_cost,line_item_net_unblended_cost,line_item_currency_code,line_item_product_code,line_item_line_item_type,line_item_usage_amount,pricing_unit,product_region_code,line_item_usage_type
2026-10-03T00:00:00Z,2026-10-03T01:00:00Z,0.2016,0.2016,USD,AmazonEC2,Usage,1,Hrs,us-east-1,BoxUsage:m7i.xlarge
`,
    );
    const refused = await tollgate(['actuals', scenario, '--month', '2026-10', '--source', cur, '--cost', 'effective']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cur\.csv: error: this CUR 2\.0 file has no amortized cost column/);
    const noColumn = join(dir, 'no-effective.focus.csv');
    writeFileSync(noColumn, SP_FOCUS.split('\n').map((l) => l.split(',').filter((_, i) => i !== 8).join(',')).join('\n'));
    const focus = await tollgate(['actuals', scenario, '--month', '2026-10', '--source', noColumn, '--cost', 'effective']);
    expect(focus.code).toBe(2);
    expect(focus.stderr).toMatch(/this FOCUS file has no amortized cost column \(EffectiveCost\)/);
    expect((await tollgate(['actuals', scenario, '--month', '2026-10', '--source', noColumn])).code).toBe(0);
  });
});

describe('reconcile with a cost basis (pure)', () => {
  const { loaded, estimate } = projectFile(scenario);
  const FULL = { month: '2026-10', elapsedDays: 31, days: 31 };
  const D = (v: string) => new Decimal(v);
  const day = (d: string) => ({ chargePeriodStart: `2026-10-${d}T00:00:00Z`, chargePeriodEnd: `2026-10-${String(Number(d) + 1).padStart(2, '0')}T00:00:00Z` });
  const records = [
    record({ usageType: 'BoxUsage:m7i.xlarge', billedCost: D('0'), effectiveCost: D('140'), ...day('01') }),
    record({ usageType: 'BoxUsage:m7i.xlarge', billedCost: D('10'), effectiveCost: D('8'), ...day('02') }),
    record({ usageType: 'BoxUsage:p5.48xlarge', billedCost: D('0'), effectiveCost: D('30'), ...day('02') }),
    record({ usageType: '', chargeCategory: 'SavingsPlanRecurringFee', billedCost: D('170'), effectiveCost: D('0') }),
    record({ usageType: '', chargeCategory: 'Credit', billedCost: D('-20'), effectiveCost: D('-15') }),
  ];
  const at = (costBasis?: 'billed' | 'effective') =>
    reconcile(estimate, loaded.scenario, records, { threshold: new Decimal('0.1'), period: FULL, ...(costBasis ? { costBasis } : {}) });

  it('billed (the default) sums BilledCost everywhere; purchases count towards net', () => {
    for (const r of [at(), at('billed')]) {
      expect(r.costBasis).toBe('billed');
      expect(r.lines[0]!.actual.toFixed()).toBe('10');
      expect(r.unplanned.map((u) => u.cost.toFixed())).toEqual(['0']);
      expect(r.daily.map((d) => [d.day, d.cost.toFixed()])).toEqual([['2026-10-01', '0'], ['2026-10-02', '10']]);
      expect(r.adjustments.map((a) => [a.kind, a.cost.toFixed(), a.amortized])).toEqual([['credit', '-20', undefined], ['purchase', '170', undefined]]);
      expect(r.net.toFixed()).toBe('160'); // 10 + 0 − 20 + 170
    }
  });

  it('effective sums EffectiveCost for lines, unplanned, days and adjustments; a fee keeps its billed figure but adds only its effective cost', () => {
    const r = at('effective');
    expect(r.costBasis).toBe('effective');
    expect(r.lines[0]!.actual.toFixed()).toBe('148');
    expect(r.lines[0]!.matched).toEqual(['BoxUsage:m7i.xlarge']);
    expect(r.unplanned.map((u) => [u.usageType, u.cost.toFixed()])).toEqual([['BoxUsage:p5.48xlarge', '30']]);
    expect(r.total.actual.toFixed()).toBe('178');
    expect(r.daily.map((d) => [d.day, d.cost.toFixed()])).toEqual([['2026-10-01', '140'], ['2026-10-02', '38']]);
    expect(r.adjustments.map((a) => [a.kind, a.cost.toFixed(), a.amortized?.billed.toFixed()])).toEqual([['credit', '-15', undefined], ['purchase', '0', '170']]);
    expect(r.net.toFixed()).toBe('163'); // 178 − 15 + 0: the 170 fee is inside the 178 already
  });
});
