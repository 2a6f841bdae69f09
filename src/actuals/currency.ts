import type { BillingRecord } from '../model/billing-record.js';

/** Why a bill cannot be compared with a projection in another currency; undefined when they agree. */
export function currencyMismatch(records: readonly BillingRecord[], currency: string): string | undefined {
  const foreign = records.find((x) => x.billingCurrency !== '' && x.billingCurrency !== currency);
  return foreign ? `the bill is in ${foreign.billingCurrency}, the projection in ${currency}; tollgate does not convert currencies` : undefined;
}
