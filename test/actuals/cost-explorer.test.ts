import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasDailyHistory, readCostExplorer, selectorFilter, type CostExplorerOptions } from '../../src/actuals/sources/cost-explorer.js';
import { reconcile, type CostBasis } from '../../src/actuals/reconcile.js';
import { SourceError, sourceExtras } from '../../src/actuals/source.js';
import { projectFile } from '../../src/projection.js';
import { formatActualsJson } from '../../src/format/actuals-json.js';
import { Decimal } from '../../src/model/decimal.js';
import { REPO } from '../helpers.js';
import { CREDENTIALS, OCT, month, october, startCostExplorer, type GroupRow, type Reply, type SeenRequest } from './ce-server.js';

let server: Awaited<ReturnType<typeof startCostExplorer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Net amortized, the on-demand usage costs less than unblended (a negotiated discount nets it), and
// a Savings Plan's recurring fee amortizes to its unused part only. Usage the plan covered is a
// record type of its own, read apart (the covered-usage tests below).
const USAGE = month([
  [['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '16651.39', '758.3', '12001.07'],
  [['EC2 - Other', 'NatGateway-Bytes'], '425.21', '9449.1'],
]);
/**
 * The record-type answer, day by day. Usage: $550 billed / $400 amortized a day, day 31 $26.60 /
 * $26.28 more, so the days add up to the usage query's month: 31 × 550 + 26.6 = 17076.6 billed,
 * 31 × 400 + 26.28 = 12426.28 amortized.
 * Credit, tax and the plan's fee fall on two days each: -500 × 2, 6.25 × 2, 4800 (60.25) × 2.
 */
function recordTypeDay(n: number): GroupRow[] {
  const last = n === 31;
  return [
    [['Usage'], last ? '576.6' : '550', undefined, last ? '426.28' : '400'],
    ...(n === 1 || n === 15 ? [[['Credit'], '-500'] as GroupRow] : []),
    ...(n === 1 || n === 31 ? [[['Tax'], '6.25'] as GroupRow] : []),
    ...(n === 1 || n === 16 ? [[['SavingsPlanRecurringFee'], '4800', undefined, '60.25'] as GroupRow] : []),
  ];
}
const RECORD_TYPE_DAYS = october(recordTypeDay);
const DAILY_BILLED = [...Array<string>(30).fill('550'), '576.6'];
const DAILY_EFFECTIVE = [...Array<string>(30).fill('400'), '426.28'];

const byRecordType = (req: SeenRequest) => (req.body.GroupBy as { Key: string }[]).some((g) => g.Key === 'RECORD_TYPE');

/** Usage query → USAGE, record-type query → RECORD_TYPE_DAYS, forecast → 9000. */
function normal(req: SeenRequest): Reply {
  if (req.target.endsWith('GetCostForecast')) return { body: { Total: { Amount: '9000', Unit: 'USD' } } };
  // As the service does, the answer covers the asked period only (a month to date ends early).
  const { Start, End } = req.body.TimePeriod as { Start: string; End: string };
  const days = RECORD_TYPE_DAYS.filter((d) => d.TimePeriod.Start >= Start && d.TimePeriod.End <= End);
  return { body: { ResultsByTime: byRecordType(req) ? days : [{ ...USAGE, TimePeriod: { Start, End } }], GroupDefinitions: [] } };
}

async function run(reply: (req: SeenRequest, i: number) => Reply, over: Partial<CostExplorerOptions> = {}) {
  server = await startCostExplorer(reply);
  const cacheRoot = mkdtempSync(join(tmpdir(), 'tollgate-ce-cache-'));
  const options: CostExplorerOptions = {
    range: { start: '2026-10-01', end: '2026-11-01' },
    period: OCT,
    selector: { tags: { team: 'recsys' } },
    refresh: false,
    cacheRoot,
    clientConfig: { endpoint: server.endpoint, credentials: CREDENTIALS, maxAttempts: 3 },
    ...over,
  };
  return { options, cacheRoot, result: () => readCostExplorer(options) };
}

describe('Cost Explorer source: the real client against a local AWS JSON 1.1 server', () => {
  it('makes 2 requests for a one-page month, with the selector as filter, and reads exact amounts', async () => {
    const { result } = await run(normal);
    const r = await result();
    expect(r.requests).toMatchObject({ count: 2, cached: false });
    expect(r.requests!.cost.toFixed()).toBe('0.02');
    const [usage, types] = server!.seen;
    expect(usage!.target).toBe('AWSInsightsIndexService.GetCostAndUsage');
    expect(usage!.contentType).toBe('application/x-amz-json-1.1');
    expect(usage!.body).toMatchObject({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost', 'NetAmortizedCost', 'UsageQuantity'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      Filter: { And: [{ Tags: { Key: 'team', Values: ['recsys'] } }, { Dimensions: { Key: 'RECORD_TYPE' } }] },
    });
    expect(types!.body).toMatchObject({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'NetAmortizedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }],
      Filter: { Tags: { Key: 'team' } },
    });
    // UnblendedCost is the billed cost, NetAmortizedCost the effective one, from the same two requests.
    expect(r.records.map((x) => [x.usageType || x.chargeCategory, x.billedCost.toFixed(), x.effectiveCost.toFixed()])).toEqual([
      ['BoxUsage:p4d.24xlarge', '16651.39', '12001.07'],
      ['NatGateway-Bytes', '425.21', '425.21'],
      ['Credit', '-1000', '-1000'],
      ['Tax', '12.5', '12.5'],
      ['SavingsPlanRecurringFee', '9600', '120.5'],
    ]);
    expect(r.records[0]).toMatchObject({ provider: 'aws', serviceName: 'Amazon Elastic Compute Cloud - Compute', chargePeriodStart: '2026-10-01T00:00:00Z' });
    // The adjustments summed over the days are one record each for the whole month.
    expect(r.records.slice(2).map((x) => [x.chargePeriodStart, x.chargePeriodEnd])).toEqual(Array(3).fill(['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z']));
  });

  it('takes the daily series from the DAILY record-type answer: usage types summed per day, on both bases', async () => {
    const { result } = await run(normal);
    const r = await result();
    expect(r.daily!.map((d) => d.day)).toEqual(RECORD_TYPE_DAYS.map((d) => d.TimePeriod.Start));
    expect(r.daily!.map((d) => d.billedCost.toFixed())).toEqual(DAILY_BILLED);
    expect(r.daily!.map((d) => d.effectiveCost.toFixed())).toEqual(DAILY_EFFECTIVE);
    expect(r.daily!.some((d) => d.estimated)).toBe(false);
  });

  it('asks a month past the 13 months of daily history MONTHLY: same records, no daily series, a note saying why', async () => {
    // What Cost Explorer answers a MONTHLY record-type request: the days above summed by hand.
    const monthly = month([
      [['Usage'], '17076.6', undefined, '12426.28'],
      [['Credit'], '-1000'],
      [['Tax'], '12.5'],
      [['SavingsPlanRecurringFee'], '9600', undefined, '120.5'],
    ]);
    const { result } = await run((req) => (byRecordType(req) ? { body: { ResultsByTime: [monthly], GroupDefinitions: [] } } : normal(req)), { now: new Date('2027-12-02T00:00:00Z') });
    const r = await result();
    expect(server!.seen[1]!.body).toMatchObject({ Granularity: 'MONTHLY', GroupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }] });
    expect(r.requests).toMatchObject({ count: 2 });
    expect(r.records.slice(2).map((x) => [x.chargeCategory, x.billedCost.toFixed(), x.effectiveCost.toFixed()])).toEqual([
      ['Credit', '-1000', '-1000'],
      ['Tax', '12.5', '12.5'],
      ['SavingsPlanRecurringFee', '9600', '120.5'],
    ]);
    expect(r.daily).toEqual([]);
    expect(r.notes).toContain('Cost Explorer keeps daily figures for the last 13 months only: no daily series for 2026-10');
  });

  it('keeps daily figures for the twelve months before the current one', () => {
    const now = new Date('2027-10-15T00:00:00Z');
    expect(hasDailyHistory('2026-10', now)).toBe(true);
    expect(hasDailyHistory('2026-09', now)).toBe(false);
    expect(hasDailyHistory('2027-10', now)).toBe(true);
  });

  it("follows NextPageToken on the daily answer too; the days and the month's adjustments are whole", async () => {
    const { result } = await run((req) => {
      if (!byRecordType(req)) return normal(req);
      return req.body.NextPageToken === 'days-2'
        ? { body: { ResultsByTime: RECORD_TYPE_DAYS.slice(16) } }
        : { body: { ResultsByTime: RECORD_TYPE_DAYS.slice(0, 16), NextPageToken: 'days-2' } };
    });
    const r = await result();
    expect(r.requests?.count).toBe(3);
    expect(server!.seen[2]!.body).toMatchObject({ Granularity: 'DAILY', NextPageToken: 'days-2' });
    expect(r.daily!.map((d) => d.billedCost.toFixed())).toEqual(DAILY_BILLED);
    expect(r.records.slice(2).map((x) => [x.chargeCategory, x.billedCost.toFixed(), x.effectiveCost.toFixed()])).toEqual([
      ['Credit', '-1000', '-1000'],
      ['Tax', '12.5', '12.5'],
      ['SavingsPlanRecurringFee', '9600', '120.5'],
    ]);
  });

  it("the JSON report carries the source's days on the report's basis, estimated ones marked", async () => {
    const { result } = await run((req) => (byRecordType(req) ? { body: { ResultsByTime: october(recordTypeDay, 31) } } : normal(req)));
    const source = await result();
    const { loaded, estimate } = projectFile(join(REPO, 'scenarios/recsys-feature-store.yaml'));
    const json = (costBasis: CostBasis) =>
      JSON.parse(formatActualsJson(reconcile(estimate, loaded.scenario, source.records, { threshold: new Decimal('0.1'), period: OCT, costBasis, ...sourceExtras(source) }), source));
    const billed = json('billed');
    expect(billed.daily).toHaveLength(31);
    expect(billed.daily.slice(29)).toEqual([
      { day: '2026-10-30', cost: '550' },
      { day: '2026-10-31', cost: '576.6', estimated: true },
    ]);
    expect(billed.estimated).toBe(true);
    expect(json('effective').daily.slice(29).map((d: { cost: string }) => d.cost)).toEqual(['400', '426.28']);
  });

  it('flags the days Cost Explorer marks Estimated, and does not cache the month', async () => {
    const { result, cacheRoot } = await run((req) =>
      byRecordType(req) ? { body: { ResultsByTime: october(recordTypeDay, 30) } } : normal(req),
    );
    const r = await result();
    expect(r.daily!.filter((d) => d.estimated).map((d) => d.day)).toEqual(['2026-10-30', '2026-10-31']);
    expect(r.notes.join()).toMatch(/estimated/);
    expect(() => readdirSync(join(cacheRoot, 'cost-explorer'))).toThrow();
  });

  it('caches a finished month in a 0600 file and answers the second check with 0 requests', async () => {
    const { result, cacheRoot } = await run(normal);
    await result();
    const dir = join(cacheRoot, 'cost-explorer');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const again = await result();
    expect(again.requests).toMatchObject({ count: 0, cached: true });
    expect(server!.seen).toHaveLength(2);
    expect(again.records.map((x) => x.billedCost.toFixed())).toEqual(['16651.39', '425.21', '-1000', '12.5', '9600']);
    expect(again.records.map((x) => x.effectiveCost.toFixed())).toEqual(['12001.07', '425.21', '-1000', '12.5', '120.5']);
    expect(again.daily!.map((d) => d.billedCost.toFixed())).toEqual(DAILY_BILLED);
    expect(again.daily!.map((d) => d.effectiveCost.toFixed())).toEqual(DAILY_EFFECTIVE);
  });

  it('treats a cache entry without the daily answer (the MONTHLY record types of before) as a miss', async () => {
    const { result, cacheRoot } = await run(normal);
    await result();
    const dir = join(cacheRoot, 'cost-explorer');
    const file = join(dir, readdirSync(dir)[0]!);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { days?: unknown; adjustments?: unknown };
    entry.adjustments = [month([[['Credit'], '-1000']])];
    delete entry.days;
    writeFileSync(file, JSON.stringify(entry));
    const refetched = await result();
    expect(refetched.requests).toMatchObject({ count: 2, cached: false });
    expect(refetched.daily).toHaveLength(31);
    expect((await result()).requests).toMatchObject({ count: 0, cached: true });
  });

  it('treats a cache entry written before NetAmortizedCost was asked for as a miss: fetched again, never effective = billed', async () => {
    const { result, cacheRoot } = await run(normal);
    await result();
    const dir = join(cacheRoot, 'cost-explorer');
    const file = join(dir, readdirSync(dir)[0]!);
    // The shape the previous version wrote: no metrics list, UnblendedCost (and UsageQuantity) only.
    type Entry = { metrics?: string[]; usage: { Groups: { Metrics: Record<string, unknown> }[] }[]; days: typeof USAGE[] };
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
    delete entry.metrics;
    for (const period of [...entry.usage, ...entry.days]) for (const g of period.Groups) delete g.Metrics.NetAmortizedCost;
    writeFileSync(file, JSON.stringify(entry));
    const refetched = await result();
    expect(refetched.requests).toMatchObject({ count: 2, cached: false });
    expect(server!.seen).toHaveLength(4);
    expect(refetched.records[0]!.effectiveCost.toFixed()).toBe('12001.07');
    // Rewritten in the new shape: the next check is answered from the cache again.
    const again = await result();
    expect(again.requests).toMatchObject({ count: 0, cached: true });
    expect(again.records[0]!.effectiveCost.toFixed()).toBe('12001.07');
  });

  it('an answer without NetAmortizedCost stops the check rather than use the billed cost for it', async () => {
    const { result } = await run(() => ({
      body: { ResultsByTime: [{ ...USAGE, Groups: [{ Keys: ['EC2', 'BoxUsage:m7i.xlarge'], Metrics: { UnblendedCost: { Amount: '10', Unit: 'USD' } } }] }] },
    }));
    const e = await result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as Error).message).toMatch(/unreadable net amortized cost for EC2 \/ BoxUsage:m7i\.xlarge/);
  });

  it('fetches again with --refresh', async () => {
    const { options } = await run(normal);
    await readCostExplorer(options);
    const r = await readCostExplorer({ ...options, refresh: true });
    expect(r.requests?.count).toBe(2);
    expect(server!.seen).toHaveLength(4);
  });

  it('follows NextPageToken and counts every page', async () => {
    const page2 = month([[['Amazon Simple Storage Service', 'TimedStorage-ByteHrs'], '465.75', '20250']]);
    const { result } = await run((req) => {
      if (byRecordType(req)) return normal(req);
      return req.body.NextPageToken === 'page-2'
        ? { body: { ResultsByTime: [page2] } }
        : { body: { ResultsByTime: [USAGE], NextPageToken: 'page-2' } };
    });
    const r = await result();
    expect(r.requests?.count).toBe(3);
    expect(r.records.filter((x) => x.chargeCategory === 'Usage').map((x) => x.usageType)).toEqual(['BoxUsage:p4d.24xlarge', 'NatGateway-Bytes', 'TimedStorage-ByteHrs']);
  });

  it('flags Estimated periods and does not cache them', async () => {
    const { result, cacheRoot } = await run((req) =>
      byRecordType(req) ? { body: { ResultsByTime: october(recordTypeDay, 1) } } : { body: { ResultsByTime: [{ ...USAGE, Estimated: true }] } },
    );
    const r = await result();
    expect(r.records.every((x) => x.estimated)).toBe(true);
    expect(r.notes.join()).toMatch(/estimated/);
    expect(() => readdirSync(join(cacheRoot, 'cost-explorer'))).toThrow();
  });

  it('for the current month asks for the forecast: month-to-date usage plus the rest', async () => {
    const { result } = await run(normal, { range: { start: '2026-10-01', end: '2026-10-16' }, period: { month: '2026-10', elapsedDays: 15, days: 31 } });
    const r = await result();
    expect(r.requests?.count).toBe(3);
    const forecast = server!.seen[2]!;
    expect(forecast.target).toBe('AWSInsightsIndexService.GetCostForecast');
    expect(forecast.body).toMatchObject({ TimePeriod: { Start: '2026-10-16', End: '2026-11-01' }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY' });
    expect(r.forecast?.toFixed()).toBe('26076.6'); // 16651.39 + 425.21 + 9000
  });

  it('with --cost effective the forecast is amortized too: NET_AMORTIZED_COST plus month-to-date effective usage', async () => {
    const { result } = await run(normal, { range: { start: '2026-10-01', end: '2026-10-16' }, period: { month: '2026-10', elapsedDays: 15, days: 31 }, costBasis: 'effective' });
    const r = await result();
    expect(r.requests?.count).toBe(3);
    expect(server!.seen[2]!.body).toMatchObject({ Metric: 'NET_AMORTIZED_COST' });
    expect(r.forecast?.toFixed()).toBe('21426.28'); // 12001.07 + 425.21 + 9000
  });

  it('rides out LimitExceededException throttling with the SDK retry, then gives the right total', async () => {
    const { result } = await run((req, i) =>
      i === 0 ? { status: 400, body: { __type: 'LimitExceededException', message: 'Rate exceeded' } } : normal(req),
    );
    const r = await result();
    expect(r.records.reduce((s, x) => (x.chargeCategory === 'Usage' ? s + Number(x.billedCost.toFixed()) : s), 0)).toBeCloseTo(17076.6, 6);
    expect(r.requests?.count).toBe(3); // the throttled attempt is counted too: the figure never undercounts
  });

  it('retries an HTTP 500 and, once answered, reports the right figures', async () => {
    const { result } = await run((req, i) => (i === 1 ? { status: 500, body: { __type: 'InternalServerError', message: 'try later' } } : normal(req)));
    const r = await result();
    expect(r.records.map((x) => x.billedCost.toFixed())).toEqual(['16651.39', '425.21', '-1000', '12.5', '9600']);
    expect(r.requests?.count).toBe(3);
  });

  it.each<[string, (req: SeenRequest, i: number) => Reply, RegExp]>([
    ['throttled on every attempt', () => ({ status: 400, body: { __type: 'LimitExceededException', message: 'Rate exceeded' } }), /throttling.*after 3 requests/],
    ['HTTP 500 on every attempt', () => ({ status: 500, body: { __type: 'InternalServerError', message: 'boom' } }), /request failed.*HTTP 500/],
    ['malformed JSON', () => ({ raw: '{"ResultsByTime": [{"TimePeriod": ' }), /not valid JSON/],
    ['a non-numeric amount', () => ({ body: { ResultsByTime: [month([[['EC2', 'BoxUsage:m7i.xlarge'], 'NaN']])] } }), /unreadable cost/],
    ['access denied', () => ({ status: 400, body: { __type: 'AccessDeniedException', message: 'not authorized' } }), /ce:GetCostAndUsage/],
  ])('%s → a clear error, no total', async (_name, reply, message) => {
    const { result } = await run(reply);
    const e = await result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as Error).message).toMatch(message);
  });

  it('a server that never answers → a timeout error', async () => {
    const { options } = await run(() => ({ hang: true }));
    const started = Date.now();
    const e = await readCostExplorer({
      ...options,
      clientConfig: { ...options.clientConfig, maxAttempts: 1, requestHandler: { requestTimeout: 300, connectionTimeout: 300, throwOnRequestTimeout: true } },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as Error).message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('selectorFilter', () => {
  it('is absent without a selector, a bare expression for one condition, And for more', () => {
    expect(selectorFilter(undefined)).toBeUndefined();
    expect(selectorFilter({ linked_accounts: ['123456789012'] })).toEqual({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['123456789012'] } });
    expect(selectorFilter({ tags: { team: 'recsys', env: 'prod' } })).toEqual({
      And: [
        { Tags: { Key: 'team', Values: ['recsys'], MatchOptions: ['EQUALS'] } },
        { Tags: { Key: 'env', Values: ['prod'], MatchOptions: ['EQUALS'] } },
      ],
    });
  });
});
