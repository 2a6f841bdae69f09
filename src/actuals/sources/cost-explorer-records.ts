import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { Decimal } from '../../model/decimal.js';
import type { BillingRecord } from '../record.js';
import { SourceError } from '../source.js';

/**
 * The metrics every GetCostAndUsage request asks for, in the same request: the billed
 * cost (UnblendedCost → billedCost) and the amortized cost after discounts
 * (NetAmortizedCost → effectiveCost, as FOCUS EffectiveCost).
 */
export const COST_METRICS = ['UnblendedCost', 'NetAmortizedCost'] as const;

/** RECORD_TYPE values that are usage; everything else (credits, tax, fees…) comes from the per-record-type query. */
export const USAGE_RECORD_TYPES = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** An amount as Cost Explorer sends it (a decimal string); anything else stops the check rather than skew it. */
export function amount(value: string | undefined, what: string): Decimal {
  if (value === undefined || !DECIMAL.test(value)) {
    throw new SourceError(`Cost Explorer sent an unreadable ${what} (${JSON.stringify(value ?? null)}); no total was computed from it`);
  }
  return new Decimal(value);
}

interface Group {
  service: string;
  usageType: string;
  chargeCategory: string;
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
      const cost = g.Metrics?.UnblendedCost;
      const usage = g.Metrics?.UsageQuantity;
      const billed = amount(cost?.Amount, `cost for ${(g.Keys ?? []).join(' / ')}`);
      // Never billed in its place: a missing amortized figure stops the check.
      const effective = amount(g.Metrics?.NetAmortizedCost?.Amount, `net amortized cost for ${(g.Keys ?? []).join(' / ')}`);
      out.push({
        provider: 'aws',
        chargePeriodStart: `${start}T00:00:00Z`,
        chargePeriodEnd: `${end}T00:00:00Z`,
        billedCost: billed,
        effectiveCost: effective,
        billingCurrency: cost?.Unit ?? '',
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

/** Groups keyed [SERVICE, USAGE_TYPE] from the usage query. */
export function usageRecords(results: ResultByTime[]): BillingRecord[] {
  return toRecords(results, ([service = '', usageType = '']) => ({ service, usageType, chargeCategory: 'Usage' }));
}

/** Groups keyed [RECORD_TYPE]; usage record types are skipped, the usage query already has them. */
export function adjustmentRecords(results: ResultByTime[]): BillingRecord[] {
  return toRecords(results, ([recordType = '']) =>
    USAGE_RECORD_TYPES.includes(recordType) ? undefined : { service: '', usageType: '', chargeCategory: recordType },
  );
}
