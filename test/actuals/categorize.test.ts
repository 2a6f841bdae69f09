import { describe, expect, it } from 'vitest';
import { classify } from '../../src/actuals/categorize.js';
import { record } from './records.js';

// Usage-type strings as they appear on real AWS bills (Cost Explorer USAGE_TYPE, CUR line_item_usage_type).
const AWS: [string, object][] = [
  ['BoxUsage:p4d.24xlarge', { category: 'compute', region: 'us-east-1', detail: { kind: 'node', instance: 'p4d.24xlarge', purchase: 'on-demand' } }],
  ['USE2-BoxUsage:g5.xlarge', { category: 'compute', region: 'us-east-2', detail: { kind: 'node', instance: 'g5.xlarge', purchase: 'on-demand' } }],
  ['EU-BoxUsage:m7i.xlarge', { category: 'compute', region: 'eu-west-1', detail: { kind: 'node', instance: 'm7i.xlarge', purchase: 'on-demand' } }],
  ['SpotUsage:p4d.24xlarge', { category: 'compute', region: 'us-east-1', detail: { kind: 'node', instance: 'p4d.24xlarge', purchase: 'spot' } }],
  ['USW2-SpotUsage:p5.48xlarge', { category: 'compute', region: 'us-west-2', detail: { kind: 'node', instance: 'p5.48xlarge', purchase: 'spot' } }],
  ['DataTransfer-Out-Bytes', { category: 'egress', region: 'us-east-1', detail: { kind: 'transfer', path: 'internet' } }],
  ['APN1-DataTransfer-Out-Bytes', { category: 'egress', region: 'ap-northeast-1', detail: { kind: 'transfer', path: 'internet' } }],
  ['DataTransfer-In-Bytes', { category: 'ingress', region: 'us-east-1', detail: { kind: 'transfer', path: 'ingress' } }],
  ['USE1-USW2-AWS-Out-Bytes', { category: 'egress', region: 'us-east-1', detail: { kind: 'transfer', path: 'inter-region', to: 'us-west-2' } }],
  ['USW2-USE1-AWS-Out-Bytes', { category: 'egress', region: 'us-west-2', detail: { kind: 'transfer', path: 'inter-region', to: 'us-east-1' } }],
  ['USE2-AWS-Out-Bytes', { category: 'egress', region: 'us-east-1', detail: { kind: 'transfer', path: 'inter-region', to: 'us-east-2' } }],
  ['USE1-USE2-AWS-In-Bytes', { category: 'ingress', region: 'us-east-1', detail: { kind: 'transfer', path: 'ingress' } }],
  ['DataTransfer-Regional-Bytes', { category: 'egress', region: 'us-east-1', detail: { kind: 'transfer', path: 'inter-zone' } }],
  ['USE2-DataTransfer-Regional-Bytes', { category: 'egress', region: 'us-east-2', detail: { kind: 'transfer', path: 'inter-zone' } }],
  ['NatGateway-Bytes', { category: 'network', region: 'us-east-1', detail: { kind: 'nat-processing' } }],
  ['USE2-NatGateway-Hours', { category: 'network', region: 'us-east-2', detail: { kind: 'nat-gateway' } }],
  ['TimedStorage-ByteHrs', { category: 'storage', region: 'us-east-1', detail: { kind: 'storage', class: 's3-standard' } }],
  ['EUC1-TimedStorage-SIA-ByteHrs', { category: 'storage', region: 'eu-central-1', detail: { kind: 'storage', class: 's3-standard-ia' } }],
  ['Requests-Tier1', { category: 'storage', region: 'us-east-1', detail: { kind: 'requests', op: 'put', class: 's3-standard' } }],
  ['USE2-Requests-Tier2', { category: 'storage', region: 'us-east-2', detail: { kind: 'requests', op: 'get', class: 's3-standard' } }],
  ['Requests-SIA-Tier1', { category: 'storage', region: 'us-east-1' }],
  ['EBS:VolumeUsage.gp3', { category: 'storage', region: 'us-east-1', detail: { kind: 'disk', class: 'gp3' } }],
  ['EBS:VolumeP-IOPS.io2', { category: 'storage', region: 'us-east-1', detail: { kind: 'disk', class: 'io2' } }],
  ['EBS:SnapshotUsage', { category: 'storage', region: 'us-east-1' }],
  ['USE2-PublicIPv4:InUseAddress', { category: 'network', region: 'us-east-2', detail: { kind: 'public-ipv4' } }],
  ['USE1-AmazonEKS-Hours:perCluster', { category: 'compute', region: 'us-east-1', detail: { kind: 'cluster', cluster: 'eks' } }],
  ['CW:MetricMonitorUsage', { category: 'other', region: 'us-east-1' }],
];

describe('categorize: AWS usage types', () => {
  it.each(AWS)('%s', (usageType, expected) => {
    expect(classify(record({ usageType }))).toEqual({ kind: 'usage', ...expected });
  });

  it('takes the region from RegionId when the usage type has no prefix and a region is given', () => {
    expect(classify(record({ usageType: 'BoxUsage:m7i.xlarge', regionId: 'us-east-1' }))).toMatchObject({ region: 'us-east-1' });
    expect(classify(record({ usageType: 'CW:Requests', regionId: 'eu-west-1' }))).toMatchObject({ region: 'eu-west-1' });
  });
});

// SKU descriptions from the Google Cloud billing export (sku.description), old and renamed (2024) network SKUs.
const GCP: [string, string, object][] = [
  ['Compute Engine', 'G2 Instance Core running in Americas', { category: 'compute', detail: { kind: 'node', instance: 'g2', purchase: 'on-demand' } }],
  ['Compute Engine', 'G2 Instance Ram running in Americas', { category: 'compute', detail: { kind: 'node', instance: 'g2', purchase: 'on-demand' } }],
  ['Compute Engine', 'Nvidia L4 GPU running in Americas', { category: 'compute', detail: { kind: 'node', instance: 'g2', purchase: 'on-demand' } }],
  ['Compute Engine', 'Spot Preemptible Nvidia L4 GPU running in Americas', { category: 'compute', detail: { kind: 'node', instance: 'g2', purchase: 'spot' } }],
  ['Compute Engine', 'Spot Preemptible N2D AMD Instance Core running in Americas', { category: 'compute', detail: { kind: 'node', instance: 'n2d', purchase: 'spot' } }],
  ['Compute Engine', 'Nvidia Tesla A100 GPU running in Americas', { category: 'compute', detail: { kind: 'node', instance: 'a2', purchase: 'on-demand' } }],
  ['Compute Engine', 'Network Internet Egress from Americas to Americas', { category: 'egress', detail: { kind: 'transfer', path: 'internet' } }],
  ['Networking', 'Network Internet Data Transfer Out from Americas to EMEA', { category: 'egress', detail: { kind: 'transfer', path: 'internet' } }],
  ['Compute Engine', 'Network Inter Zone Egress', { category: 'egress', detail: { kind: 'transfer', path: 'inter-zone' } }],
  ['Networking', 'Network Inter Zone Data Transfer Out', { category: 'egress', detail: { kind: 'transfer', path: 'inter-zone' } }],
  ['Networking', 'Network Inter Region Data Transfer Out from Americas to Americas', { category: 'egress', detail: { kind: 'transfer', path: 'inter-region' } }],
  ['Cloud Storage', 'Download Worldwide Destinations (excluding Asia & Australia)', { category: 'egress', detail: { kind: 'transfer', path: 'internet' } }],
  ['Networking', 'Network Data Transfer In via Carrier Peering', { category: 'ingress', detail: { kind: 'transfer', path: 'ingress' } }],
  ['Networking', 'NAT Gateway: Data processing charge', { category: 'network', detail: { kind: 'nat-processing' } }],
  ['Networking', 'Networking Cloud NAT Gateway Uptime charge', { category: 'network', detail: { kind: 'nat-gateway' } }],
  ['Cloud Storage', 'Standard Storage US Regional', { category: 'storage', detail: { kind: 'storage', class: 'gcs-standard' } }],
  ['Cloud Storage', 'Standard Storage US Multi-region', { category: 'storage' }],
  ['Cloud Storage', 'Regional Standard Class A Operations', { category: 'storage', detail: { kind: 'requests', op: 'put', class: 'gcs-standard' } }],
  ['Cloud Storage', 'Regional Standard Class B Operations', { category: 'storage', detail: { kind: 'requests', op: 'get', class: 'gcs-standard' } }],
  ['Cloud Storage', 'Multi-Region Standard Class A Operations', { category: 'storage' }],
  ['Compute Engine', 'Balanced PD Capacity', { category: 'storage' }],
  ['BigQuery', 'Analysis', { category: 'other' }],
];

describe('categorize: Google SKU descriptions', () => {
  it.each(GCP)('%s: %s', (serviceName, usageType, expected) => {
    const got = classify(record({ provider: 'gcp', serviceName, usageType, regionId: 'us-central1' }));
    expect(got).toEqual({ kind: 'usage', region: 'us-central1', ...expected });
  });
});

describe('categorize: FOCUS ServiceCategory fallback (Azure and unknown usage types)', () => {
  it.each([
    ['Compute', 'compute'],
    ['Storage', 'storage'],
    ['Networking', 'network'],
    ['AI and Machine Learning', 'other'],
    ['', 'other'],
  ])('%s → %s', (serviceCategory, category) => {
    expect(classify(record({ provider: 'azure', serviceCategory, usageType: 'whatever', regionId: 'eastus' }))).toEqual({
      kind: 'usage',
      category,
      region: 'eastus',
    });
  });
});

describe('categorize: credits, refunds, tax and support are never usage', () => {
  it.each([
    ['Credit', 'credit'],
    ['Refund', 'refund'],
    // An adjustment is told apart by its sign in the report, not called a refund (issue 11).
    ['Adjustment', 'adjustment'],
    ['Tax', 'tax'],
    ['Support fee', 'support'],
    ['Purchase', 'purchase'],
    ['RIFee', 'purchase'],
    ['SavingsPlanNegation', 'discount'],
    ['EdpDiscount', 'discount'],
    ['UnusedReservation', 'purchase'],
  ])('ChargeCategory/RECORD_TYPE %s → %s', (chargeCategory, kind) => {
    expect(classify(record({ usageType: 'BoxUsage:p4d.24xlarge', chargeCategory }))).toEqual({ kind });
  });

  it('puts a correction of an earlier period apart, whatever its charge category', () => {
    expect(classify(record({ usageType: 'BoxUsage:m7i.xlarge', chargeCategory: 'Usage', chargeClass: 'Correction' }))).toEqual({ kind: 'correction' });
    expect(classify(record({ usageType: 'BoxUsage:m7i.xlarge', chargeCategory: 'Usage', chargeClass: '' }))).toMatchObject({ kind: 'usage' });
  });

  it('treats a support service billed as usage as support', () => {
    expect(classify(record({ usageType: 'Dollar', serviceName: 'AWS Support (Business)' }))).toEqual({ kind: 'support' });
  });

  it('keeps usage-like record types as usage', () => {
    for (const chargeCategory of ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage']) {
      expect(classify(record({ usageType: 'BoxUsage:m7i.xlarge', chargeCategory }))).toMatchObject({ kind: 'usage', category: 'compute' });
    }
  });
});
