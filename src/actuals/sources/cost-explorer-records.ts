import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { Decimal } from '../../model/decimal.js';
import type { BillingRecord } from '../../model/billing-record.js';
import { SourceError, type DailySpend } from '../source.js';

/**
 * The metrics every GetCostAndUsage request asks for, in the same request: the billed
 * cost (UnblendedCost → billedCost) and the amortized cost after discounts
 * (NetAmortizedCost → effectiveCost, as FOCUS EffectiveCost).
 */
export const COST_METRICS = ['UnblendedCost', 'NetAmortizedCost'] as const;

/** RECORD_TYPE values that are usage: their sum per day is the daily series. */
export const USAGE_RECORD_TYPES = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];

/**
 * Record types read by service and usage type, one query each, when the month has them: usage a
 * reservation or Savings Plan covered must keep its record type to meet the commitment that
 * covered it (src/actuals/commitment-charges.ts), and a Capacity Block's fee is an `Upfront`
 * record whose usage type (`USE2-CapacityBlockFee:p5.48xlarge`) is the only thing naming it
 * (grafana/cloudcost-exporter, pkg/aws/client/billing.go, reads it the same way). The plain usage
 * query asks for `Usage` alone, so nothing is counted twice; the other record types (credits, tax,
 * fees) come from the per-record-type query as they are.
 */
export const DETAIL_RECORD_TYPES = ['DiscountedUsage', 'SavingsPlanCoveredUsage', 'Upfront'];

/** The detail record types the record-type answer holds, in DETAIL_RECORD_TYPES' order. */
export function detailTypesIn(days: readonly ResultByTime[]): string[] {
  const seen = new Set(days.flatMap((d) => (d.Groups ?? []).map((g) => g.Keys?.[0] ?? '')));
  return DETAIL_RECORD_TYPES.filter((t) => seen.has(t));
}

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** An amount as Cost Explorer sends it (a decimal string); anything else stops the check rather than skew it. */
export function amount(value: string | undefined, what: string): Decimal {
  if (value === undefined || !DECIMAL.test(value)) {
    throw new SourceError(`Cost Explorer sent an unreadable ${what} (${JSON.stringify(value ?? null)}); no total was computed from it`);
  }
  return new Decimal(value);
}

type ResultGroup = NonNullable<ResultByTime['Groups']>[number];

interface Group {
  service: string;
  usageType: string;
  chargeCategory: string;
}

/** A group's billed and amortized cost; a missing amortized figure stops the check, never billed in its place. */
function costs(g: ResultGroup): { billed: Decimal; effective: Decimal } {
  const keys = (g.Keys ?? []).join(' / ');
  return {
    billed: amount(g.Metrics?.UnblendedCost?.Amount, `cost for ${keys}`),
    effective: amount(g.Metrics?.NetAmortizedCost?.Amount, `net amortized cost for ${keys}`),
  };
}

function toRecords(results: ResultByTime[], keysOf: (keys: string[]) => Group | undefined): BillingRecord[] {
  const out: BillingRecord[] = [];
  for (const period of results) {
    const start = period.TimePeriod?.Start;
    const end = period.TimePeriod?.End;
    if (!start || !end) throw new SourceError('Cost Explorer sent a result without its time period');
    for (const g of period.Groups ?? []) {
      const group = keysOf(g.Keys ?? []);
      if (!group) continue;
      const usage = g.Metrics?.UsageQuantity;
      const { billed, effective } = costs(g);
      out.push({
        provider: 'aws',
        chargePeriodStart: `${start}T00:00:00Z`,
        chargePeriodEnd: `${end}T00:00:00Z`,
        billedCost: billed,
        effectiveCost: effective,
        billingCurrency: g.Metrics?.UnblendedCost?.Unit ?? '',
        serviceName: group.service,
        serviceCategory: '',
        chargeCategory: group.chargeCategory,
        consumedQuantity: usage?.Amount === undefined ? new Decimal(0) : amount(usage.Amount, 'usage quantity'),
        consumedUnit: usage?.Unit ?? '',
        regionId: '',
        skuId: '',
        resourceId: '',
        tags: {},
        usageType: group.usageType,
        estimated: period.Estimated === true,
      });
    }
  }
  return out;
}

/** Groups keyed [SERVICE, USAGE_TYPE] from a query filtered to one record type, which the records keep. */
export function usageRecords(results: ResultByTime[], recordType = 'Usage'): BillingRecord[] {
  return toRecords(results, ([service = '', usageType = '']) => ({ service, usageType, chargeCategory: recordType }));
}

/** Groups keyed [RECORD_TYPE]; usage record types and those read by usage type (`apart`) are skipped: their queries have them. */
export function adjustmentRecords(results: ResultByTime[], apart: readonly string[] = []): BillingRecord[] {
  return toRecords(results, ([recordType = '']) =>
    USAGE_RECORD_TYPES.includes(recordType) || apart.includes(recordType) ? undefined : { service: '', usageType: '', chargeCategory: recordType },
  );
}

/**
 * The DAILY answer grouped by RECORD_TYPE: its usage record types summed per
 * day. The usage query asks for the same record types, so the days add up to
 * the month's usage.
 */
export function dailyUsage(days: ResultByTime[]): DailySpend[] {
  return days.map((period) => {
    const day = period.TimePeriod?.Start;
    if (!day) throw new SourceError('Cost Explorer sent a result without its time period');
    let billedCost = new Decimal(0);
    let effectiveCost = new Decimal(0);
    for (const g of period.Groups ?? []) {
      if (!USAGE_RECORD_TYPES.includes(g.Keys?.[0] ?? '')) continue;
      const c = costs(g);
      billedCost = billedCost.plus(c.billed);
      effectiveCost = effectiveCost.plus(c.effective);
    }
    return { day, billedCost, effectiveCost, estimated: period.Estimated === true };
  });
}

/**
 * The DAILY answer summed over its days into one period per record type, as a
 * MONTHLY request would have answered: one adjustment record per type, same totals.
 */
export function overDays(days: ResultByTime[], range: { start: string; end: string }): ResultByTime[] {
  const groups = new Map<string, { keys: string[]; unit: string; billed: Decimal; effective: Decimal }>();
  for (const period of days) {
    for (const g of period.Groups ?? []) {
      const keys = g.Keys ?? [];
      const c = costs(g);
      const id = keys.join('\u0000');
      const sum = groups.get(id) ?? { keys, unit: g.Metrics?.UnblendedCost?.Unit ?? '', billed: new Decimal(0), effective: new Decimal(0) };
      sum.billed = sum.billed.plus(c.billed);
      sum.effective = sum.effective.plus(c.effective);
      groups.set(id, sum);
    }
  }
  return [
    {
      TimePeriod: { Start: range.start, End: range.end },
      Estimated: days.some((d) => d.Estimated === true),
      Groups: [...groups.values()].map((g) => ({
        Keys: g.keys,
        Metrics: { UnblendedCost: { Amount: g.billed.toFixed(), Unit: g.unit }, NetAmortizedCost: { Amount: g.effective.toFixed(), Unit: g.unit } },
      })),
    },
  ];
}
