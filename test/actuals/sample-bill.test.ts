import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_BILL, sampleBillCsv } from '../../scripts/generate-sample-bill.js';

describe('the bundled sample bill', () => {
  it('is exactly what the committed generator writes (regenerate with npx tsx scripts/generate-sample-bill.ts)', () => {
    expect(sampleBillCsv()).toBe(readFileSync(SAMPLE_BILL, 'utf8'));
  });

  it('is a FOCUS export with the surprises a real bill has', () => {
    const text = readFileSync(SAMPLE_BILL, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^BillingAccountId,SubAccountId,ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost/);
    for (const surprise of ['NatGateway-Bytes', 'DataTransfer-Regional-Bytes', 'SpotUsage:p4d.24xlarge', ',Credit,']) expect(text).toContain(surprise);
  });
});
