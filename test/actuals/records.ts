import { Decimal } from '../../src/model/decimal.js';
import type { BillingRecord } from '../../src/model/billing-record.js';

/** A usage record with everything but what a test cares about filled in neutrally. */
export function record(over: Partial<BillingRecord> & { usageType: string }): BillingRecord {
  return {
    provider: 'aws',
    chargePeriodStart: '2026-10-01T00:00:00Z',
    chargePeriodEnd: '2026-11-01T00:00:00Z',
    billedCost: new Decimal(1),
    effectiveCost: new Decimal(1),
    billingCurrency: 'USD',
    serviceName: '',
    serviceCategory: '',
    chargeCategory: 'Usage',
    consumedQuantity: new Decimal(0),
    consumedUnit: '',
    regionId: '',
    skuId: '',
    resourceId: '',
    tags: {},
    estimated: false,
    ...over,
  };
}
