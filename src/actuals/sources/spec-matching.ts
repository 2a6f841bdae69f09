import { sum, type Decimal } from '../../model/decimal.js';
import type { BillingRecord } from '../../model/billing-record.js';
import { money } from '../../model/numbers.js';
import { classify } from '../categorize.js';

/**
 * What a FOCUS file's report says about its matching when the providers' own usage-type columns
 * are absent (the spec's columns only): which columns the usage was told by, and how much usage
 * could not be told to a kind of plan line (an instance type, a storage class, a transfer kind),
 * so that a user reading "unplanned" knows whether the plan or the file's columns are short.
 */
export function specMatchingNotes(has: (column: string) => boolean, records: readonly BillingRecord[]): Record<string, string> {
  const notes: Record<string, string> = {};
  const providers = new Set(records.map((r) => r.provider));
  const spec = 'ChargeDescription, ResourceType, PricingUnit, ServiceName and RegionId';
  if (providers.has('aws') && !has('x_UsageType')) {
    notes.aws = `this FOCUS file has no x_UsageType column: AWS usage was matched on ${spec} (instance types, disk and storage classes, requests and transfer kinds as AWS describes them)${untold(records, 'aws')}`;
  }
  if (providers.has('azure') && !has('x_SkuMeterName') && !has('SkuMeter')) {
    notes.azure = `this FOCUS file has no x_SkuMeterName or SkuMeter column: Microsoft usage was matched on ${spec} (the meter as ChargeDescription names it)${untold(records, 'azure')}`;
  }
  return notes;
}

/** "; $12.40 of usage could not be told to a kind of plan line: Amazon Elastic Container Service $8.00, …". */
function untold(records: readonly BillingRecord[], provider: string): string {
  const byService = new Map<string, Decimal[]>();
  for (const r of records) {
    if (r.provider !== provider) continue;
    const c = classify(r);
    if (c.kind !== 'usage' || c.detail || r.billedCost.isZero()) continue;
    const costs = byService.get(r.serviceName) ?? [];
    costs.push(r.billedCost);
    byService.set(r.serviceName, costs);
  }
  if (!byService.size) return '';
  const services = [...byService].map(([service, costs]) => ({ service, cost: sum(costs) })).sort((a, b) => b.cost.cmp(a.cost) || a.service.localeCompare(b.service));
  const shown = services.slice(0, 3).map((s) => `${s.service || '(no service)'} ${money(s.cost)}`);
  const more = services.length > 3 ? `, ${services.length - 3} more services` : '';
  return `; ${money(sum(services.map((s) => s.cost)))} of usage could not be told to a kind of plan line (it is matched by category only): ${shown.join(', ')}${more}`;
}
