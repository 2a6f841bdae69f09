import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitmentCharge } from '../../src/actuals/commitment-charges.js';
import { reconcile, type CostBasis, type Reconciliation } from '../../src/actuals/reconcile.js';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { Decimal } from '../../src/model/decimal.js';
import type { BillingRecord } from '../../src/model/billing-record.js';
import type { Estimate } from '../../src/model/estimate.js';
import { parseScenario, providersOf, type LoadedScenario } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { tollgate } from '../cli-run.js';
import { FIXTURE_PRICING, REPO, line } from '../helpers.js';
import { SHARED, sample } from '../shared-samples.js';
import { record } from './records.js';

process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

const FULL = { month: '2026-10', elapsedDays: 31, days: 31 };
const TEN = new Decimal('0.1');
const d = (v: Decimal.Value) => new Decimal(v);

/** A plan priced against the bundled tables, or the trimmed fixture ones with test/fixtures/purchase/commitment-rates.yaml. */
function plan(body: string, fixture = false): { loaded: LoadedScenario; estimate: Estimate } {
  const loaded = parseScenario(`name: t\n${fixture ? 'pricing: [./commitment-rates.yaml]\n' : ''}${body}`, join(REPO, 'test', 'fixtures', 'purchase', 'inline.yaml'));
  return { loaded, estimate: priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, fixture ? FIXTURE_PRICING : undefined)) };
}

function check(p: { loaded: LoadedScenario; estimate: Estimate }, records: BillingRecord[], costBasis: CostBasis = 'billed'): Reconciliation {
  return reconcile(p.estimate, p.loaded.scenario, records, { threshold: TEN, period: FULL, costBasis });
}

const lineOf = (r: Reconciliation, name: string, kind: string) => r.lines.find((l) => l.line.name === name && l.line.kind === kind)!;

describe('commitmentCharge: what a bill row says was bought ahead', () => {
  it.each([
    [{ chargeCategory: 'RIFee', usageType: 'HeavyUsage:p4d.24xlarge' }, { type: 'reservation', role: 'fee' }],
    [{ chargeCategory: 'DiscountedUsage', usageType: 'BoxUsage:p4d.24xlarge' }, { type: 'reservation', role: 'covered' }],
    [{ chargeCategory: 'SavingsPlanRecurringFee', usageType: 'ComputeSP:1yrNoUpfront' }, { type: 'savings-plan', role: 'fee' }],
    [{ chargeCategory: 'SavingsPlanCoveredUsage', usageType: 'BoxUsage:p4d.24xlarge' }, { type: 'savings-plan', role: 'covered' }],
    [{ chargeCategory: 'SavingsPlanNegation', usageType: 'BoxUsage:p4d.24xlarge' }, { type: 'savings-plan', role: 'negation' }],
    [{ chargeCategory: 'Upfront', usageType: 'USE2-CapacityBlockFee:p5.48xlarge' }, { type: 'capacity-block', role: 'fee' }],
    [{ provider: 'gcp', usageType: 'Commitment v1: A3 Cpu in Americas for 1 Year' }, { type: 'cud', role: 'fee' }],
    [{ chargeCategory: 'Purchase', usageType: 'x', commitment: { type: 'Savings Plan', status: '' } }, { type: 'savings-plan', role: 'fee' }],
    [{ usageType: 'BoxUsage:m7i.xlarge', commitment: { type: 'Savings Plan', status: 'Used' } }, { type: 'savings-plan', role: 'covered' }],
    [{ provider: 'azure', usageType: 'x', commitment: { type: 'Reservation', status: 'Unused' } }, { type: 'reservation', role: 'unused' }],
    [{ provider: 'azure', chargeCategory: 'Purchase', usageType: 'x', commitment: { type: 'Reservation', status: '' } }, { type: 'reservation', role: 'fee' }],
    [{ provider: 'azure', chargeCategory: 'UnusedSavingsPlan', usageType: 'x' }, { type: 'savings-plan', role: 'unused' }],
  ] as [Partial<BillingRecord> & { usageType: string }, object][])('%j → %j', (over, expected) => {
    expect(commitmentCharge(record(over))).toEqual(expected);
  });

  it.each([
    [{ usageType: 'BoxUsage:p4d.24xlarge' }],
    [{ usageType: 'SpotUsage:p5en.48xlarge' }],
    [{ provider: 'azure', usageType: 'NC24ads A100 v4', commitment: { type: 'OnDemand', status: '' } }],
    [{ provider: 'gcp', usageType: 'A3 Instance Core running in Americas' }],
    [{ chargeCategory: 'Tax', usageType: '' }],
  ] as [Partial<BillingRecord> & { usageType: string }][])('%j is no commitment charge', (over) => {
    expect(commitmentCharge(record(over))).toBeUndefined();
  });
});

describe('a Compute Savings Plan in the plan meets its fee and the usage it covered (CUR / Cost Explorer shapes)', () => {
  // 2 × p4d.24xlarge all month; a $10/h plan covers one of them at its (test) rate of $10/h.
  const p = plan(
    'nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2}\ncommitments:\n  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 10}\n',
    true,
  );
  const node = line(p.estimate, 'a', 'node');
  const commitment = line(p.estimate, 'sp', 'commitment');
  const onDemandOfCovered = node.rate.times(730);
  const bill = (feeEffective: Decimal.Value = 0) => [
    record({ usageType: 'BoxUsage:p4d.24xlarge', billedCost: node.cost, effectiveCost: node.cost }),
    // Covered usage: billed at on demand and negated on the invoice; amortized at the plan's rate.
    record({ chargeCategory: 'SavingsPlanCoveredUsage', usageType: 'BoxUsage:p4d.24xlarge', billedCost: onDemandOfCovered, effectiveCost: d(7300) }),
    record({ chargeCategory: 'SavingsPlanNegation', usageType: 'BoxUsage:p4d.24xlarge', billedCost: onDemandOfCovered.neg(), effectiveCost: d(0) }),
    record({ chargeCategory: 'SavingsPlanRecurringFee', usageType: 'ComputeSP:1yrNoUpfront', billedCost: d(7300), effectiveCost: d(feeEffective) }),
  ];

  it('the plan: one instance covered, the commitment $7,300 a month', () => {
    expect(node.quantity.toFixed()).toBe('730');
    expect(commitment.cost.toFixed()).toBe('7300');
  });

  it.each(['billed', 'effective'] as const)('%s basis: every line is the bill, nothing unplanned, the fee is no adjustment', (basis) => {
    const r = check(p, bill(), basis);
    expect(lineOf(r, 'a', 'node').actual.toFixed()).toBe(node.cost.toFixed());
    expect(lineOf(r, 'sp', 'commitment').actual.toFixed()).toBe('7300');
    expect(lineOf(r, 'sp', 'commitment').matched).toEqual(['BoxUsage:p4d.24xlarge', 'ComputeSP:1yrNoUpfront']);
    expect(r.total.difference.toFixed()).toBe('0');
    expect(r.unplanned).toEqual([]);
    expect(r.unused).toEqual([]);
    expect(r.adjustments).toEqual([]);
    expect(r.over).toBe(false);
  });

  it('effective basis, the plan half used: the unused fee lands on the commitment line, which comes out at its whole cost', () => {
    const half = bill(3650).map((x) => (x.chargeCategory === 'SavingsPlanCoveredUsage' ? { ...x, effectiveCost: d(3650) } : x));
    const r = check(p, half, 'effective');
    expect(lineOf(r, 'sp', 'commitment').actual.toFixed()).toBe('7300');
  });

  it('without the plan in the scenario, its fee is a purchase (as before) and its covered usage meets the node line', () => {
    const bare = plan('nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2}\n', true);
    const r = check(bare, bill());
    expect(r.adjustments.map((a) => [a.kind, a.cost.toFixed()])).toEqual([
      ['discount', onDemandOfCovered.neg().toFixed()],
      ['purchase', '7300'],
    ]);
    expect(r.unplanned).toEqual([]);
  });
});

describe('node groups bought committed meet their fees', () => {
  it('reserved 1y p4d (bundled rate), 300 of 730 h used: DiscountedUsage by instance, the RIFee on the same line, on both bases', () => {
    const p = plan('nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 300, purchase: reserved, term: 1y}\n');
    const node = line(p.estimate, 'a', 'node');
    const rate = node.rate;
    const records = [
      record({ chargeCategory: 'DiscountedUsage', usageType: 'BoxUsage:p4d.24xlarge', billedCost: d(0), effectiveCost: rate.times(600), consumedQuantity: d(600), consumedUnit: 'Hrs' }),
      record({ chargeCategory: 'RIFee', usageType: 'HeavyUsage:p4d.24xlarge', billedCost: rate.times(1460), effectiveCost: rate.times(860), consumedQuantity: d(1460), consumedUnit: 'Hrs' }),
    ];
    for (const basis of ['billed', 'effective'] as const) {
      const r = check(p, records, basis);
      expect(lineOf(r, 'a', 'node').actual.toFixed(), basis).toBe(node.cost.toFixed());
      expect(lineOf(r, 'a', 'node').matched).toEqual(['BoxUsage:p4d.24xlarge', 'HeavyUsage:p4d.24xlarge']);
      expect(r.adjustments).toEqual([]);
      expect(r.unplanned).toEqual([]);
    }
  });

  it('capacity block: the one up-front fee (CapacityBlockFee usage type, record type Upfront) is the line’s cost', () => {
    const p = plan('nodes:\n  - {name: burst, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100, purchase: capacity-block, block_hours: 168}\n', true);
    const fee = record({ chargeCategory: 'Upfront', usageType: 'CapacityBlockFee:p4d.24xlarge', billedCost: d(4032), effectiveCost: d(4032) });
    const r = check(p, [fee]);
    expect(lineOf(r, 'burst', 'node').actual.toFixed()).toBe('4032');
    expect(r.total.difference.toFixed()).toBe('0');
    // With no block in the plan the fee is still no unplanned usage: a purchase.
    const none = check(plan('nodes:\n  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2}\n', true), [fee]);
    expect(none.unplanned).toEqual([]);
    expect(none.adjustments.map((a) => a.kind)).toEqual(['purchase']);
  });

  it('GCP CUD: the "Commitment v1: …" SKUs are the committed group’s; with no CUD planned they are a purchase, never unplanned', () => {
    const committed = plan(readFileSync(join(REPO, 'scenarios', 'h100-training-committed.yaml'), 'utf8').replace(/^name: .*\n/m, ''));
    const node = line(committed.estimate, 'trainers', 'node');
    const half = node.cost.div(2);
    const fees = [
      record({ provider: 'gcp', serviceName: 'Compute Engine', usageType: 'Commitment v1: A3 Cpu in Americas for 1 Year', regionId: 'us-central1', billedCost: half, effectiveCost: half }),
      record({ provider: 'gcp', serviceName: 'Compute Engine', usageType: 'Commitment v1: Nvidia H100 80GB GPU in Americas for 1 Year', regionId: 'us-central1', billedCost: half, effectiveCost: half }),
    ];
    const r = check(committed, fees);
    expect(lineOf(r, 'trainers', 'node').actual.toFixed()).toBe(node.cost.toFixed());
    expect(r.unplanned).toEqual([]);
    const onDemand = plan(readFileSync(join(REPO, 'scenarios', 'h100-training-on-demand.yaml'), 'utf8').replace(/^name: .*\n/m, ''));
    const apart = check(onDemand, fees);
    expect(apart.unplanned).toEqual([]);
    expect(apart.adjustments.map((a) => [a.kind, a.cost.toFixed()])).toEqual([['purchase', node.cost.toFixed()]]);
  });
});

describe('a FOCUS export with CommitmentDiscount* columns (fixture; the cost-basis test’s bill)', () => {
  const FOCUS = `ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,x_UsageType,ChargeDescription,CommitmentDiscountType,CommitmentDiscountStatus
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,0,266.00,1400,Hrs,us-east-1,BoxUsage:m7i.xlarge,m7i.xlarge covered by a Compute Savings Plan,Savings Plan,Used
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,12.096,12.096,60,Hrs,us-east-1,BoxUsage:m7i.xlarge,m7i.xlarge On Demand,,
AWS,Savings Plans for AWS Compute usage,Compute,Purchase,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,USD,266.00,0,,,,ComputeSP:1yrNoUpfront,Savings Plan recurring fee,Savings Plan,
`;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-commitments-'));
  const bill = join(dir, 'sp.focus.csv');
  writeFileSync(bill, FOCUS);

  it('reads CommitmentDiscountType and Status onto the records', async () => {
    const { records } = await readBillingFile(bill, { start: '2026-10-01', end: '2026-11-01' }, undefined);
    // The reader's rows come in DuckDB's aggregation order, which is not fixed: compare as a set.
    const charges = records.map((r) => commitmentCharge(r));
    expect(charges).toHaveLength(3);
    expect(charges).toEqual(expect.arrayContaining([{ type: 'savings-plan', role: 'covered' }, undefined, { type: 'savings-plan', role: 'fee' }]));
  });

  it('tollgate actuals, a plan holding the savings plan: the fee and covered usage meet its line on both bases, no purchase apart', async () => {
    // m7i.xlarge has no bundled Compute Savings Plan rate: a test figure ($0.19/h, the bill's own).
    writeFileSync(join(dir, 'sp-rate.yaml'), 'provider: aws\nas_of: "2026-10-01"\nsource: test fixture (the bill\'s own rate, not a price list)\ninstances:\n  m7i.xlarge:\n    commitments:\n      - {purchase: savings-plan, plan: compute, term: 1y, payment: no-upfront, rates: {us-east-1: 0.19}}\n');
    const scenario = join(dir, 'sp.yaml');
    writeFileSync(scenario, 'name: sp-held\npricing: [./sp-rate.yaml]\nnodes:\n  - {name: api, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 2}\ncommitments:\n  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 0.3643835616}\n');
    for (const basis of ['billed', 'effective']) {
      const { code, stdout, stderr } = await tollgate(['actuals', scenario, '--month', '2026-10', '--source', bill, '--format', 'json', '--cost', basis]);
      expect(stderr).toBe('');
      const out = JSON.parse(stdout);
      const sp = out.lines.find((l: { name: string }) => l.name === 'sp');
      expect(new Decimal(sp.actual).toFixed(2), basis).toBe('266.00');
      expect(out.adjustments, basis).toEqual([]);
      expect(out.unplanned, basis).toEqual([]);
      expect(code, basis).toBe(0);
    }
  });
});

describe.skipIf(!SHARED)('real bills: commitment charges are matched, never unplanned', () => {
  it('FOCUS 1.0 sample: its four Savings-Plan-covered rows meet the plan’s savings plan line, not unplanned', async () => {
    const csv = sample('billing-samples/focus-1.0/focus_sample.usagetype.csv');
    const { records } = await readBillingFile(csv, { start: '2024-09-01', end: '2024-10-01' }, undefined);
    const covered = records.filter((r) => commitmentCharge(r)?.role === 'covered');
    expect(covered.map((r) => r.usageType).sort()).toEqual(['APS3-BoxUsage:t3.micro', 'BoxUsage:c5.large', 'USW2-BoxUsage:t2.medium', 'USW2-Fargate-GB-Hours']);
    const run = async (plan: string) =>
      JSON.parse((await tollgate(['actuals', plan, '--month', '2024-09', '--source', csv, '--format', 'json'])).stdout) as {
        lines: { name: string; matched: string[] }[];
        unplanned: { usageType: string }[];
      };
    const without = await run('test/fixtures/actuals/focus-sample-plan.yaml');
    expect(without.unplanned.map((u) => u.usageType)).toEqual(expect.arrayContaining(['BoxUsage:c5.large']));
    const held = await run('test/fixtures/actuals/focus-sample-plan-sp.yaml');
    expect(held.lines.find((l) => l.name === 'sp')!.matched).toEqual(['APS3-BoxUsage:t3.micro', 'BoxUsage:c5.large', 'USW2-BoxUsage:t2.medium', 'USW2-Fargate-GB-Hours']);
    expect(held.unplanned.map((u) => u.usageType)).not.toEqual(expect.arrayContaining(['BoxUsage:c5.large']));
  });

  it('Cost Explorer rows of the same data: the SavingsPlanCoveredUsage record type is the savings plan’s', () => {
    const rows = JSON.parse(readFileSync(sample('billing-samples/ce-rows.json'), 'utf8')) as { usageType: string; recordType: string }[];
    const covered = rows.filter((x) => commitmentCharge(record({ usageType: x.usageType, chargeCategory: x.recordType }))?.role === 'covered');
    expect(covered).toHaveLength(rows.filter((x) => x.recordType === 'SavingsPlanCoveredUsage').length);
    expect(covered.length).toBe(4);
  });

  it('Azure EA actual cost: the reservation purchase is a purchase, not unplanned; the amortized file’s reservation and savings plan usage is covered usage', async () => {
    const actual = sample('billing-samples/azure-ea/ms-EA_ActualCost_Small.csv');
    const { records } = await readBillingFile(actual, { start: '2023-09-01', end: '2023-10-01' }, undefined);
    const fees = records.filter((r) => commitmentCharge(r)?.role === 'fee');
    expect(fees.map((r) => commitmentCharge(r))).toEqual([{ type: 'reservation', role: 'fee' }]);
    // An Azure plan with no actuals selector (azure-training's tags are not in Microsoft's demo tenant).
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-azure-ea-'));
    writeFileSync(join(dir, 'a.yaml'), 'name: ea\nnodes:\n  - {name: gpu, provider: azure, region: westeurope, instance: Standard_NC24ads_A100_v4, count: 1, hours: 10}\n');
    const out = JSON.parse((await tollgate(['actuals', join(dir, 'a.yaml'), '--month', '2023-09', '--source', actual, '--format', 'json'])).stdout);
    expect(out.unplanned.map((u: { usageType: string }) => u.usageType)).not.toContain(fees[0]!.usageType);
    expect(out.adjustments.map((a: { kind: string }) => a.kind)).toContain('purchase');
    expect(new Decimal(out.adjustments.find((a: { kind: string }) => a.kind === 'purchase').cost).toFixed()).toBe(fees[0]!.billedCost.toFixed());
    const amortized = (await readBillingFile(sample('billing-samples/azure-ea/ms-EA_AmortizedCost_Small.csv'), { start: '2023-09-01', end: '2023-10-01' }, undefined)).records;
    expect(amortized.flatMap((r) => (commitmentCharge(r) ? [commitmentCharge(r)] : [])).sort((a, b) => a!.type.localeCompare(b!.type))).toEqual([
      { type: 'reservation', role: 'covered' },
      { type: 'savings-plan', role: 'covered' },
    ]);
  });

  it('the anonymized legacy CUR (2023-11) holds usage and tax only: no row of it is taken for a commitment', async () => {
    const { records } = await readBillingFile(sample('api-captures/aws-cur/focus_converters-legacy-cur-anonymized-2023-11.csv'), { start: '2023-11-01', end: '2023-12-01' }, undefined);
    expect(new Set(records.map((r) => r.chargeCategory))).toEqual(new Set(['Usage', 'Tax']));
    expect(records.filter((r) => commitmentCharge(r))).toEqual([]);
  });
});
