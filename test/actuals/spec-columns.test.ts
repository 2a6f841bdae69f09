import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { classify } from '../../src/actuals/categorize.js';

/**
 * A FOCUS export with the spec's columns only (no x_UsageType, no x_SkuMeter*): charges written as
 * AWS and Microsoft describe them in the FinOps Foundation's sample, each matched to the kind of plan
 * line it is from ChargeDescription, ResourceType and PricingUnit.
 */
const dir = mkdtempSync(join(tmpdir(), 'tollgate-spec-'));
const OCT = { start: '2026-10-01', end: '2026-11-01' };
const HEAD = 'ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,PricingUnit,ResourceType,RegionId,ChargeDescription';
const row = (provider: string, service: string, category: string, cost: string, unit: string, resource: string, region: string, description: string) =>
  `${provider},${service},${category},Usage,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,USD,${cost},${cost},1,${unit},${unit},${resource},${region},"${description}"`;

const file = join(dir, 'spec-only.csv');
writeFileSync(
  file,
  [
    HEAD,
    row('AWS', 'Amazon Elastic Compute Cloud', 'Storage', '8.00', 'GB-Months', 'volume', 'us-east-1', '$0.08 per GB-month of General Purpose SSD (gp3) provisioned storage - US East (Northern Virginia)'),
    row('AWS', 'Amazon Elastic Compute Cloud', 'Storage', '0.50', 'IOPS-Months', 'volume', 'us-east-1', '$0.005 per provisioned IOPS-month of gp3 - US East (Northern Virginia)'),
    row('AWS', 'Amazon Elastic Compute Cloud', 'Storage', '0.75', 'IOPS-Months', 'volume', 'us-east-1', '$0.065 per provisioned IOPS-month of io2 - US East (Northern Virginia)'),
    row('AWS', 'Amazon Simple Storage Service', 'Storage', '0.40', 'Requests', 'bucket', 'us-east-1', '$0.004 per 10,000 GET and all other requests'),
    row('AWS', 'Amazon Simple Storage Service', 'Storage', '0.05', 'Requests', 'bucket', 'us-east-1', '$0.005 per 1,000 PUT, COPY, POST, or LIST requests'),
    row('AWS', 'Amazon Simple Storage Service', 'Storage', '0.02', 'Requests', 'bucket', 'us-east-1', '$0.01 per 1,000 PUT, COPY, POST, or LIST requests of Standard-Infrequent Access'),
    row('AWS', 'Amazon Virtual Private Cloud', 'Networking', '3.60', 'Hours', '', 'us-east-1', '$0.005 per In-use public IPv4 address per hour'),
    row('AWS', 'Amazon Virtual Private Cloud', 'Networking', '1.20', 'Hours', '', 'us-east-1', '$0.005 per Idle public IPv4 address per hour'),
    row('AWS', 'Amazon Elastic Container Service for Kubernetes', 'Compute', '2.40', 'Hours', '', 'us-east-2', 'Amazon EKS cluster usage in US East (Ohio)'),
    row('AWS', 'Amazon Elastic Container Service', 'Compute', '6.00', 'Hours', '', 'us-west-2', 'AWS Fargate - vCPU  - US West 2 (Oregon)'),
    row('AWS', 'Amazon Elastic Compute Cloud', 'Storage', '1.10', 'GB-Months', 'snapshot', 'us-west-2', 'EBS snapshot archive tier'),
    row('Microsoft', 'Virtual Machines', 'Compute', '4.00', 'Hours', 'Virtual machine', 'eastus', 'Virtual Machines NCads A100 v4 Series - NC24ads A100 v4 - US East'),
    row('Microsoft', 'Azure Machine Learning', 'Compute', '0.90', 'Hours', 'Azure Machine Learning workspace', 'eastus2', 'Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East 2'),
    row('Microsoft', 'Storage Accounts', 'Storage', '2.00', 'GB/Month', 'Storage account', 'eastus', 'General Block Blob v2 - Hot LRS Data Stored - US East'),
    row('Microsoft', 'Bandwidth', 'Networking', '0.87', 'GB', '', 'eastus', 'Bandwidth - Standard Data Transfer Out - Zone 1'),
    '',
  ].join('\n'),
);

describe('a FOCUS file with the spec columns only', () => {
  it('tells each charge the kind of plan line it is, from ChargeDescription, ResourceType and PricingUnit', async () => {
    const { records } = await readBillingFile(file, OCT, undefined);
    const told = Object.fromEntries(records.map((r) => [r.usageType, classify(r)]));
    const detail = (description: string) => {
      const c = told[description];
      return c?.kind === 'usage' ? [c.category, c.region, c.detail] : c;
    };
    expect(detail('$0.08 per GB-month of General Purpose SSD (gp3) provisioned storage - US East (Northern Virginia)')).toEqual(['storage', 'us-east-1', { kind: 'disk', class: 'gp3' }]);
    expect(detail('$0.005 per provisioned IOPS-month of gp3 - US East (Northern Virginia)')).toEqual(['storage', 'us-east-1', { kind: 'disk', class: 'gp3' }]);
    expect(detail('$0.065 per provisioned IOPS-month of io2 - US East (Northern Virginia)')).toEqual(['storage', 'us-east-1', { kind: 'disk', class: 'io2' }]);
    expect(detail('$0.004 per 10,000 GET and all other requests')).toEqual(['storage', 'us-east-1', { kind: 'requests', op: 'get', class: 's3-standard' }]);
    expect(detail('$0.005 per 1,000 PUT, COPY, POST, or LIST requests')).toEqual(['storage', 'us-east-1', { kind: 'requests', op: 'put', class: 's3-standard' }]);
    // Another class's requests are not S3 Standard's: storage, matched to no request line.
    expect(detail('$0.01 per 1,000 PUT, COPY, POST, or LIST requests of Standard-Infrequent Access')).toEqual(['storage', 'us-east-1', undefined]);
    expect(detail('$0.005 per In-use public IPv4 address per hour')).toEqual(['network', 'us-east-1', { kind: 'public-ipv4' }]);
    expect(detail('$0.005 per Idle public IPv4 address per hour')).toEqual(['network', 'us-east-1', undefined]);
    expect(detail('Amazon EKS cluster usage in US East (Ohio)')).toEqual(['compute', 'us-east-2', { kind: 'cluster', cluster: 'eks' }]);
    expect(detail('EBS snapshot archive tier')).toEqual(['storage', 'us-west-2', undefined]);
    expect(detail('Virtual Machines NCads A100 v4 Series - NC24ads A100 v4 - US East')).toEqual(['compute', 'eastus', { kind: 'node', instance: 'Standard_NC24ads_A100_v4', purchase: 'on-demand' }]);
    // A meter billing two sizes names neither: compute, but no instance.
    expect(detail('Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East 2')).toEqual(['compute', 'eastus2', undefined]);
    expect(detail('General Block Blob v2 - Hot LRS Data Stored - US East')).toEqual(['storage', 'eastus', { kind: 'storage', class: 'blob-hot-lrs' }]);
    expect(detail('Bandwidth - Standard Data Transfer Out - Zone 1')).toEqual(['egress', 'eastus', { kind: 'transfer', path: 'internet' }]);
  });

  it('says which columns matched, and what could not be told, per provider with its cost', async () => {
    const { matching } = await readBillingFile(file, OCT, undefined);
    expect(matching?.aws).toMatch(/no x_UsageType column: AWS usage was matched on ChargeDescription, ResourceType, PricingUnit/);
    // Untold: Fargate $6.00, snapshot $1.10, idle IPv4 $1.20, IA requests $0.02 (storage, no request line) = $8.32.
    expect(matching?.aws).toContain('; $8.32 of usage could not be told to a kind of plan line (it is matched by category only): Amazon Elastic Container Service $6.00, Amazon Virtual Private Cloud $1.20, Amazon Elastic Compute Cloud $1.10, 1 more services');
    expect(matching?.azure).toMatch(/no x_SkuMeterName or SkuMeter column: Microsoft usage was matched on ChargeDescription/);
    expect(matching?.azure).toContain('$0.90 of usage could not be told to a kind of plan line (it is matched by category only): Azure Machine Learning $0.90');
  });
});
