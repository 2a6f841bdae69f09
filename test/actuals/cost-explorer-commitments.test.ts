import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCostExplorer } from '../../src/actuals/sources/cost-explorer.js';
import { reconcile, type CostBasis } from '../../src/actuals/reconcile.js';
import { sourceExtras } from '../../src/actuals/source.js';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { priceLoaded } from '../../src/projection.js';
import { FIXTURE_PRICING, REPO, line } from '../helpers.js';
import { SHARED, sample } from '../shared-samples.js';
import { tollgate } from '../cli-run.js';
import { CREDENTIALS, OCT, cliEnv, month, october, startCostExplorer, type GroupRow, type Reply, type SeenRequest } from './ce-server.js';

process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

let server: Awaited<ReturnType<typeof startCostExplorer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The RECORD_TYPE values a request is filtered to (alone or inside its And), or none. */
function recordTypesOf(req: SeenRequest): string[] | undefined {
  type Dim = { Dimensions?: { Key: string; Values: string[] } };
  const filter = req.body.Filter as (Dim & { And?: Dim[] }) | undefined;
  const all = filter ? [filter, ...(filter.And ?? [])] : [];
  return all.find((e) => e.Dimensions?.Key === 'RECORD_TYPE')?.Dimensions?.Values;
}
const groupedBy = (req: SeenRequest) => (req.body.GroupBy as { Key: string }[]).map((g) => g.Key);

async function read(reply: (req: SeenRequest) => Reply, range = { start: '2026-10-01', end: '2026-11-01' }, period = OCT) {
  server = await startCostExplorer(reply);
  return readCostExplorer({
    range,
    period,
    selector: undefined,
    refresh: false,
    cacheRoot: mkdtempSync(join(tmpdir(), 'tollgate-ce-commit-')),
    clientConfig: { endpoint: server.endpoint, credentials: CREDENTIALS, maxAttempts: 1 },
  });
}

describe('Cost Explorer: covered usage and up-front fees keep their record type', () => {
  // 2 × g5.xlarge all month with a $0.50/h Compute Savings Plan covering one of them (test rates),
  // and a capacity block of 2 × p4d.24xlarge for 168 h. Fixture figures, not prices.
  const loaded = parseScenario(
    [
      'name: t',
      'pricing: [./commitment-rates.yaml]',
      'nodes:',
      '  - {name: a, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2}',
      '  - {name: burst, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100, purchase: capacity-block, block_hours: 168}',
      'commitments:',
      '  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 0.5}',
      '',
    ].join('\n'),
    join(REPO, 'test', 'fixtures', 'purchase', 'inline.yaml'),
  );
  const estimate = priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, FIXTURE_PRICING));
  const node = line(estimate, 'a', 'node');
  const burst = line(estimate, 'burst', 'node');
  const od = node.rate.times(730).toFixed(); // the covered instance's month at on demand
  const EC2 = 'Amazon Elastic Compute Cloud - Compute';

  /** Per record type, what its by-usage-type query answers for the month. */
  const BY_USAGE_TYPE: Record<string, GroupRow[]> = {
    Usage: [[[EC2, 'BoxUsage:g5.xlarge'], node.cost.toFixed(), '730']],
    SavingsPlanCoveredUsage: [[[EC2, 'BoxUsage:g5.xlarge'], od, '730', '365']],
    Upfront: [[['EC2 - Other', 'CapacityBlockFee:p4d.24xlarge'], burst.cost.toFixed(), '1']],
  };
  // The record-type answer: the same month day by day, the fees on one day each.
  const days = october((n) => [
    ...(n === 1 ? ([[['Usage'], node.cost.toFixed()], [['SavingsPlanCoveredUsage'], od, undefined, '365']] as GroupRow[]) : []),
    ...(n === 1 ? ([[['SavingsPlanNegation'], `-${od}`, undefined, '0']] as GroupRow[]) : []),
    ...(n === 1 ? ([[['SavingsPlanRecurringFee'], '365', undefined, '0']] as GroupRow[]) : []),
    ...(n === 3 ? ([[['Upfront'], burst.cost.toFixed()]] as GroupRow[]) : []),
  ]);
  const reply = (req: SeenRequest): Reply => {
    // As the service does, the answer covers the asked period only (a month to date ends early).
    const { Start, End } = req.body.TimePeriod as { Start: string; End: string };
    if (groupedBy(req).includes('RECORD_TYPE')) return { body: { ResultsByTime: days.filter((d) => d.TimePeriod.End <= End) } };
    return { body: { ResultsByTime: [month(BY_USAGE_TYPE[recordTypesOf(req)![0]!] ?? [], false, Start, End)] } };
  };

  it('asks Usage alone by usage type, then each covered or up-front record type the month has, one request each', async () => {
    const r = await read(reply);
    expect(server!.seen.map((s) => [groupedBy(s).join('+'), recordTypesOf(s)?.join('+') ?? ''])).toEqual([
      ['SERVICE+USAGE_TYPE', 'Usage'],
      ['RECORD_TYPE', ''],
      ['SERVICE+USAGE_TYPE', 'SavingsPlanCoveredUsage'],
      ['SERVICE+USAGE_TYPE', 'Upfront'],
    ]);
    expect(r.requests).toMatchObject({ count: 4 });
    expect(r.records.map((x) => [x.chargeCategory, x.usageType, x.billedCost.toFixed(), x.effectiveCost.toFixed()])).toEqual([
      ['Usage', 'BoxUsage:g5.xlarge', node.cost.toFixed(), node.cost.toFixed()],
      ['SavingsPlanCoveredUsage', 'BoxUsage:g5.xlarge', od, '365'],
      ['Upfront', 'CapacityBlockFee:p4d.24xlarge', burst.cost.toFixed(), burst.cost.toFixed()],
      ['SavingsPlanNegation', '', `-${od}`, '0'],
      ['SavingsPlanRecurringFee', '', '365', '0'],
    ]);
  });

  it.each(['billed', 'effective'] as CostBasis[])('%s basis: covered usage meets the savings plan line, the block fee the block, nothing unplanned or apart', async (costBasis) => {
    const source = await read(reply);
    const r = reconcile(estimate, loaded.scenario, source.records, { threshold: new Decimal('0.1'), period: OCT, costBasis, ...sourceExtras(source) });
    const of = (name: string) => r.lines.find((l) => l.line.name === name)!;
    expect(of('a').actual.toFixed()).toBe(node.cost.toFixed());
    expect(of('a').usage?.quantity.toFixed()).toBe('730');
    expect(of('sp').actual.toFixed()).toBe('365');
    expect(of('sp').matched).toEqual(['BoxUsage:g5.xlarge', 'SavingsPlanNegation', 'SavingsPlanRecurringFee']);
    expect(of('burst').actual.toFixed()).toBe(burst.cost.toFixed());
    expect(of('burst').matched).toEqual(['CapacityBlockFee:p4d.24xlarge']);
    expect(r.unplanned).toEqual([]);
    expect(r.adjustments).toEqual([]);
    expect(r.total.difference.toFixed()).toBe('0');
  });

  it('tollgate actuals --source aws --cost effective: the plan’s savings plan and block meet their charges, the block’s October share noted', async () => {
    server = await startCostExplorer(reply);
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-ce-commit-cli-'));
    const plan = join(dir, 'plan.yaml');
    writeFileSync(
      plan,
      [
        'name: held',
        `pricing: [${JSON.stringify(join(REPO, 'test', 'fixtures', 'purchase', 'commitment-rates.yaml'))}]`,
        'nodes:',
        '  - {name: a, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2}',
        '  - {name: burst, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: 100, purchase: capacity-block, block_hours: 168, block_start: "2026-10-30T00:00:00Z"}',
        'commitments:',
        '  - {name: sp, provider: aws, kind: compute-savings-plan, term: 1y, hourly_commitment: 0.5}',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await tollgate(['actuals', plan, '--source', 'aws', '--month', '2026-10', '--cost', 'effective', '--format', 'json'], {
      env: { ...cliEnv(server.endpoint, dir), TOLLGATE_NOW: '2026-11-20T00:00:00Z', TOLLGATE_PRICING_MAX_AGE_DAYS: '3650' },
    });
    expect(stderr).not.toMatch(/error/);
    const out = JSON.parse(stdout);
    const of = (name: string) => out.lines.find((l: { name: string }) => l.name === name);
    expect(new Decimal(of('sp').actual).toFixed()).toBe('365');
    expect(new Decimal(of('burst').actual).toFixed()).toBe(burst.cost.times(48).div(168).toFixed());
    expect(new Decimal(of('burst').projected).toFixed()).toBe(new Decimal(of('burst').actual).toFixed());
    expect(out.unplanned).toEqual([]);
    expect(out.adjustments).toEqual([]);
    expect(out.notes.join('\n')).toMatch(/capacity block burst: 48 of its 168 h \(from 2026-10-30T00:00:00Z\) fall in the 2026-10 days checked/);
    expect(server.seen).toHaveLength(4);
    expect([0, 4]).toContain(code);
  });

  it('the forecast of a month under way counts covered usage as usage', async () => {
    const r = await read(
      (req) => (req.target.endsWith('GetCostForecast') ? { body: { Total: { Amount: '100', Unit: 'USD' } } } : reply(req)),
      { start: '2026-10-01', end: '2026-10-16' },
      { month: '2026-10', elapsedDays: 15, days: 31 },
    );
    expect(r.forecast?.toFixed()).toBe(node.cost.plus(od).plus(100).toFixed());
  });
});

describe.skipIf(!SHARED)('Cost Explorer on real rows (the FOCUS sample as Cost Explorer rows, ../shared/billing-samples/ce-rows.json)', () => {
  type Row = { day: string; service: string; usageType: string; recordType: string; unblended: string; netAmortized: string; quantity: string; unit: string };
  const rows = () => JSON.parse(readFileSync(sample('billing-samples/ce-rows.json'), 'utf8')) as Row[];
  const NOV = { month: '2026-11', elapsedDays: 30, days: 30 };

  /** A local Cost Explorer answering from the rows: grouped and filtered the way it was asked. */
  function fromRows(all: Row[]) {
    return (req: SeenRequest): Reply => {
      const types = recordTypesOf(req);
      const keys = groupedBy(req);
      const daily = req.body.Granularity === 'DAILY';
      const sums = new Map<string, { day: string; keys: string[]; billed: Decimal; amortized: Decimal; qty: Decimal }>();
      for (const x of all) {
        if (types && !types.includes(x.recordType)) continue;
        const k = keys.map((key) => (key === 'SERVICE' ? x.service : key === 'USAGE_TYPE' ? x.usageType : x.recordType));
        const day = daily ? x.day : '2026-11-01';
        const id = [day, ...k].join('|');
        const s = sums.get(id) ?? { day, keys: k, billed: new Decimal(0), amortized: new Decimal(0), qty: new Decimal(0) };
        sums.set(id, { ...s, billed: s.billed.plus(x.unblended), amortized: s.amortized.plus(x.netAmortized), qty: s.qty.plus(x.quantity) });
      }
      const next = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
      const periods = daily ? Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`) : ['2026-11-01'];
      return {
        body: {
          ResultsByTime: periods.map((p) => ({
            ...month(
              [...sums.values()].filter((s) => s.day === p).map((s): GroupRow => [s.keys, s.billed.toFixed(), s.qty.toFixed(), s.amortized.toFixed()]),
              false,
              p,
              daily ? next(p) : '2026-12-01',
            ),
          })),
        },
      };
    };
  }

  it('its four SavingsPlanCoveredUsage rows come back under their record type and meet the plan’s savings plan line', async () => {
    const all = rows();
    const source = await read(fromRows(all), { start: '2026-11-01', end: '2026-12-01' }, NOV);
    expect(server!.seen.map((s) => recordTypesOf(s)?.join('+') ?? '')).toEqual(['Usage', '', 'SavingsPlanCoveredUsage']);
    const covered = source.records.filter((r) => r.chargeCategory === 'SavingsPlanCoveredUsage');
    expect(covered.map((r) => r.usageType).sort()).toEqual(['APS3-BoxUsage:t3.micro', 'BoxUsage:c5.large', 'USW2-BoxUsage:t2.medium', 'USW2-Fargate-GB-Hours']);
    // Nothing counted twice: the records add up to the rows, on both costs.
    const total = (f: (r: Row) => string) => all.reduce((s, x) => s.plus(f(x)), new Decimal(0));
    expect(source.records.reduce((s, r) => s.plus(r.billedCost), new Decimal(0)).toFixed()).toBe(total((x) => x.unblended).toFixed());
    expect(source.records.reduce((s, r) => s.plus(r.effectiveCost), new Decimal(0)).toFixed()).toBe(total((x) => x.netAmortized).toFixed());
    const held = parseScenario(readFileSync(join(REPO, 'test/fixtures/actuals/focus-sample-plan-sp.yaml'), 'utf8'), join(REPO, 'test/fixtures/actuals/focus-sample-plan-sp.yaml'));
    const estimate = priceLoaded(held, loadPricingBook(providersOf(held.scenario), held.overrides));
    const r = reconcile(estimate, held.scenario, source.records, { threshold: new Decimal('0.1'), period: NOV, ...sourceExtras(source) });
    expect(r.lines.find((l) => l.line.name === 'sp')!.matched).toEqual(['APS3-BoxUsage:t3.micro', 'BoxUsage:c5.large', 'USW2-BoxUsage:t2.medium', 'USW2-Fargate-GB-Hours']);
    expect(r.unplanned.map((u) => u.usageType)).not.toContain('BoxUsage:c5.large');
  });
});
