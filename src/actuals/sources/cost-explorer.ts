import type {
  CostExplorerClientConfig,
  Expression,
  GetCostAndUsageCommandInput,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import type { ActualsSelector } from '../../model/actuals-selector.js';
import { Decimal } from '../../model/decimal.js';
import { cacheKey, keepAnswer, readCache } from '../cache.js';
import { clockNow } from '../../clock.js';
import { monthRange, nextDay } from '../period.js';
import type { BillingRecord } from '../../model/billing-record.js';
import { REQUEST_PRICE, SourceError, type DailySpend, type SourceResult } from '../source.js';
import { allPages, Deadline, DEFAULT_TIMEOUT_SECONDS, RemoteGaveUp } from '../../remote/discipline.js';
import type { CostBasis, Period } from '../reconcile.js';
import { checkAnswers } from './cost-explorer-answer.js';
import { adjustmentRecords, amount, COST_METRICS, dailyUsage, detailTypesIn, overDays, usageRecords, USAGE_RECORD_TYPES } from './cost-explorer-records.js';

const CACHE_NAMESPACE = 'cost-explorer';
/**
 * Pages of one GetCostAndUsage answer before tollgate calls it a loop: each
 * is a $0.01 request, and a month grouped by service and usage type fits in a
 * few pages even for large accounts.
 */
export const MAX_PAGES = 20;

/** The scenario's `actuals.aws` selector (and any extra condition) as one Cost Explorer filter expression. */
export function selectorFilter(selector: ActualsSelector['aws'], ...extra: Expression[]): Expression | undefined {
  const all: Expression[] = [
    ...Object.entries(selector?.tags ?? {}).map(([Key, value]) => ({ Tags: { Key, Values: [value], MatchOptions: ['EQUALS' as const] } })),
    ...(selector?.linked_accounts?.length ? [{ Dimensions: { Key: 'LINKED_ACCOUNT' as const, Values: selector.linked_accounts } }] : []),
    ...extra,
  ];
  // Cost Explorer rejects an And of fewer than two expressions.
  return all.length === 0 ? undefined : all.length === 1 ? all[0] : { And: all };
}

interface CachedAnswer {
  /** The cost metrics the answer holds. Entries written before NetAmortizedCost was asked for have none: a miss. */
  metrics: string[];
  usage: ResultByTime[];
  /** The record-type answer, day by day. */
  days: ResultByTime[];
  /** Record types read by service and usage type (DETAIL_RECORD_TYPES), one answer each. */
  detail: Record<string, ResultByTime[]>;
}

// 3: covered usage and Upfront fees are read by usage type; entries of version 2 (covered usage in the usage answer) are a miss.
const CACHE_VERSION = 3;

function complete(hit: Partial<CachedAnswer> | undefined): hit is CachedAnswer {
  return !!hit?.usage && Array.isArray(hit.days) && typeof hit.detail === 'object' && hit.detail !== null && Array.isArray(hit.metrics) && COST_METRICS.every((m) => hit.metrics!.includes(m));
}

/** Usage records from the monthly queries (each keeping its record type); the month's adjustments and the daily series from the record-type one. */
function answer(usage: ResultByTime[], days: ResultByTime[], detail: Record<string, ResultByTime[]>, range: { start: string; end: string }): { records: BillingRecord[]; daily: DailySpend[] } {
  // A month past the daily history was asked MONTHLY: one period, which is no daily series.
  const byDay = days.every((d) => d.TimePeriod?.Start === undefined || d.TimePeriod.End === nextDay(d.TimePeriod.Start));
  const apart = Object.keys(detail);
  const records = [...usageRecords(usage), ...apart.flatMap((t) => usageRecords(detail[t]!, t)), ...adjustmentRecords(overDays(days, range), apart)];
  return { records, daily: byDay ? dailyUsage(days) : [] };
}

/**
 * Whether Cost Explorer still has daily figures for the month. It keeps 13
 * months of history plus the current month
 * (https://docs.aws.amazon.com/cost-management/latest/userguide/ce-api-best-practices.html);
 * older months exist only as monthly figures (multi-year data), where a DAILY
 * request is refused. One month of margin keeps the boundary month safe.
 */
export function hasDailyHistory(month: string, now: Date): boolean {
  const monthsBack = (now.getUTCFullYear() - Number(month.slice(0, 4))) * 12 + now.getUTCMonth() + 1 - Number(month.slice(5, 7));
  return monthsBack <= 12;
}

const REQUESTS = 'Cost Explorer requests';

export interface CostExplorerOptions {
  range: { start: string; end: string };
  period: Period;
  selector: ActualsSelector['aws'];
  refresh: boolean;
  /** Only the forecast depends on it (UNBLENDED_COST or NET_AMORTIZED_COST); records always carry both costs. Default billed. */
  costBasis?: CostBasis;
  onRequest?: (count: number) => void;
  /** Test seam: endpoint, static credentials, retry and timeout settings. Production uses the SDK's default chain. */
  clientConfig?: CostExplorerClientConfig;
  cacheRoot?: string;
  /** The clock deciding whether the month still has daily figures; default the actuals clock. */
  now?: Date;
  /** The command's deadline for every request; default DEFAULT_TIMEOUT_SECONDS.actuals from now. */
  deadline?: Deadline;
}

/**
 * One month of AWS spend from Cost Explorer: on-demand usage (record type
 * `Usage`) grouped by service and usage type for the month (one request per
 * page), and spend grouped by record type day by day (one more): its non-usage
 * types are the month's credits, tax and fees, its usage types the daily
 * series. When that answer holds covered usage (DiscountedUsage,
 * SavingsPlanCoveredUsage) or Upfront fees, each of those is read by service and
 * usage type too (one more each), so it keeps its record type. Each asks for the
 * billed and the amortized cost at once; an unfinished month adds the forecast
 * (one more). A finished, final month is cached on disk and never fetched twice.
 */
export async function readCostExplorer(o: CostExplorerOptions): Promise<SourceResult> {
  const finished = o.period.elapsedDays === o.period.days;
  // The profile is part of the key so two accounts never share a cached month; credentials never are.
  const key = cacheKey({ v: CACHE_VERSION, range: o.range, selector: o.selector ?? {}, profile: process.env.AWS_PROFILE ?? 'default' });
  const source = `AWS Cost Explorer, ${o.range.start} to ${o.range.end} (end exclusive)`;
  const byDay = hasDailyHistory(o.period.month, o.now ?? clockNow());
  const history = byDay ? [] : [`Cost Explorer keeps daily figures for the last 13 months only: no daily series for ${o.period.month}`];
  if (finished && !o.refresh) {
    const hit = readCache(CACHE_NAMESPACE, key, o.cacheRoot) as Partial<CachedAnswer> | undefined;
    if (complete(hit)) {
      return { source, ...answer(hit.usage, hit.days, hit.detail, o.range), requests: { count: 0, cost: new Decimal(0), cached: true, what: REQUESTS }, notes: history };
    }
  }

  const { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } = await import('@aws-sdk/client-cost-explorer');
  const client = new CostExplorerClient({
    region: 'us-east-1', // Cost Explorer's only endpoint
    maxAttempts: 5, // throttling (LimitExceededException) is retried by the SDK with backoff
    // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting.
    requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true },
    ...o.clientConfig,
  });
  let count = 0;
  // Inside the retry loop, so every HTTP request sent is counted: the figure shown is never below the bill.
  client.middlewareStack.add(
    (next) => async (args) => {
      count += 1;
      o.onRequest?.(count);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'tollgateRequestCounter' },
  );

  const deadline = o.deadline ?? new Deadline(DEFAULT_TIMEOUT_SECONDS.actuals * 1000);
  // The signal aborts the SDK's request and its retry waits; the race (in allPages too) stops a reply trickling in byte by byte.
  const abort = { abortSignal: deadline.signal };
  const query = (input: GetCostAndUsageCommandInput): Promise<ResultByTime[]> =>
    allPages({ what: 'Cost Explorer GetCostAndUsage', maxPages: MAX_PAGES, deadline }, async (token) => {
      const page = await client.send(new GetCostAndUsageCommand({ ...input, ...(token ? { NextPageToken: token } : {}) }), abort);
      return { items: page.ResultsByTime ?? [], next: page.NextPageToken };
    });

  try {
    const TimePeriod = { Start: o.range.start, End: o.range.end };
    const ofRecordType = (recordType: string) => selectorFilter(o.selector, { Dimensions: { Key: 'RECORD_TYPE', Values: [recordType] } });
    const usageFilter = ofRecordType('Usage');
    const monthByUsageType = (filter: Expression | undefined) =>
      query({
        TimePeriod,
        Granularity: 'MONTHLY',
        Metrics: [...COST_METRICS, 'UsageQuantity'],
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
        ],
        ...(filter ? { Filter: filter } : {}),
      });
    const usage = await monthByUsageType(usageFilter);
    const allFilter = selectorFilter(o.selector);
    // ~31 days × a few record types: one page, so the daily series costs no extra request.
    const days = await query({
      TimePeriod,
      Granularity: byDay ? 'DAILY' : 'MONTHLY',
      Metrics: [...COST_METRICS],
      GroupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }],
      ...(allFilter ? { Filter: allFilter } : {}),
    });
    const detail: Record<string, ResultByTime[]> = {};
    for (const recordType of detailTypesIn(days)) detail[recordType] = await monthByUsageType(ofRecordType(recordType));
    const currency = checkAnswers({ usage, 'record-type': days, ...detail }, o.range);
    const { records, daily } = answer(usage, days, detail, o.range);
    const usageOnly = records.filter((r) => USAGE_RECORD_TYPES.includes(r.chargeCategory));

    let forecast: Decimal | undefined;
    const effective = o.costBasis === 'effective';
    if (!finished) {
      const monthEnd = monthRange(o.period.month).end;
      const answer = await deadline.race(
        'Cost Explorer GetCostForecast',
        client.send(
          new GetCostForecastCommand({
          TimePeriod: { Start: o.range.end, End: monthEnd },
          Metric: effective ? 'NET_AMORTIZED_COST' : 'UNBLENDED_COST',
          Granularity: 'MONTHLY',
          ...(allFilter ? { Filter: allFilter } : {}),
          }),
          abort,
        ),
      );
      const rest = amount(answer.Total?.Amount, 'forecast');
      const unit = answer.Total?.Unit;
      if (unit && currency && unit !== currency) throw new SourceError(`Cost Explorer's forecast is in ${unit}, its actuals in ${currency}; tollgate does not add amounts in different currencies`);
      // Month-to-date usage plus the forecast for the remaining days: comparable with the projected total.
      forecast = usageOnly.reduce((s, r) => s.plus(effective ? r.effectiveCost : r.billedCost), rest);
    }

    const final = finished && !records.some((r) => r.estimated) && !daily.some((d) => d.estimated);
    const cacheNotes = final ? keepAnswer(CACHE_NAMESPACE, key, { metrics: [...COST_METRICS], usage, days, detail } satisfies CachedAnswer, o.cacheRoot) : [];
    const notes = [...history, ...(finished && !final ? ['AWS marks this month as estimated: it was not cached and may still change'] : []), ...cacheNotes];
    return { source, records, daily, requests: { count, cost: REQUEST_PRICE.times(count), cached: false, what: REQUESTS }, ...(forecast ? { forecast } : {}), notes };
  } catch (e) {
    if (e instanceof SourceError) throw e;
    if (e instanceof RemoteGaveUp) throw new SourceError(`${e.message} (${count} request${count === 1 ? '' : 's'}, ${REQUEST_PRICE.times(count).toFixed(2)} USD)`);
    throw new SourceError(describe(e, count));
  } finally {
    client.destroy();
  }
}

/** An SDK failure in words, with what to do; built from the error's name, status and message only (no request, no headers). */
function describe(e: unknown, count: number): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
  const status = err.$metadata?.httpStatusCode;
  const after = `after ${count} request${count === 1 ? '' : 's'}`;
  const name = err.name ?? 'Error';
  if (name === 'CredentialsProviderError' || /credential/i.test(err.message ?? '')) {
    return 'no AWS credentials found: set AWS_PROFILE (or use `aws sso login` / the default credential chain); the read-only policy needs ce:GetCostAndUsage and ce:GetCostForecast';
  }
  if (name === 'LimitExceededException') return `Cost Explorer is throttling requests (LimitExceededException) ${after}; try again in a minute`;
  if (name === 'AccessDeniedException') return `access denied: the credentials need ce:GetCostAndUsage and ce:GetCostForecast (${after})`;
  if (name === 'TimeoutError' || /timed? ?out|ETIMEDOUT|socket hang up/i.test(`${name} ${err.message}`)) return `Cost Explorer did not answer in time ${after}`;
  if (name === 'SyntaxError' || /deserializ|JSON/i.test(err.message ?? '')) return `Cost Explorer sent an answer that is not valid JSON${status ? ` (HTTP ${status})` : ''} ${after}; no total was computed`;
  const firstLine = (err.message ?? '').split('\n')[0]!.slice(0, 200);
  return `Cost Explorer request failed: ${name}${status ? ` (HTTP ${status})` : ''}${firstLine ? `: ${firstLine}` : ''} ${after}`;
}
