import { describe, expect, it } from 'vitest';
import { classify } from '../../src/actuals/categorize.js';
import { reconcile } from '../../src/actuals/reconcile.js';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { estimate } from '../../src/engine/estimate.js';
import { Decimal } from '../../src/model/decimal.js';
import type { BillingRecord } from '../../src/model/billing-record.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { SHARED, sample } from '../shared-samples.js';
import { record } from './records.js';

/**
 * The issue-13 lines as a bill shows them: CloudFront by edge location, Direct Connect's
 * DataXfer-Out and port hours, ALB hours and LCUs, interface endpoints, NAT, the EKS control plane.
 */
const { scenario } = parseScenario(
  `name: network-lines
nodes:
  - {name: api, provider: aws, region: us-east-1, zone: us-east-1a, instance: m7i.xlarge, count: 1}
clusters:
  - {name: eks, provider: aws, region: us-east-1, kind: eks}
load_balancers:
  - {name: alb, provider: aws, region: us-east-1, kind: alb, processed_gb: 2000}
transfers:
  - {name: predictions, from: nodes:api, to: internet, gb_per_month: 4000, via: cdn, requests_per_month: 90000000}
  - {name: backup, from: nodes:api, to: on-prem, gb_per_month: 1000, via: interconnect}
  - {name: queue, from: aws:us-east-1, to: nodes:api, gb_per_month: 3000, via: vpc-endpoint}
  - {name: pulls, from: internet, to: nodes:api, gb_per_month: 100, via: nat-gateway}
`,
  'network-lines.yaml',
);
const plan = estimate(scenario, loadPricingBook(providersOf(scenario), []));
const FULL = { month: '2026-10', elapsedDays: 31, days: 31 };
const usd = (n: string) => new Decimal(n);

const BILL: BillingRecord[] = [
  // CloudFront bills at its edges: US- and EU- delivery, whatever RegionId the export writes.
  record({ serviceName: 'Amazon CloudFront', usageType: 'US-DataTransfer-Out-Bytes', regionId: 'us-east-1', billedCost: usd('190') }),
  record({ serviceName: 'Amazon CloudFront', usageType: 'EU-DataTransfer-Out-Bytes', regionId: 'eu-west-1', billedCost: usd('60') }),
  record({ serviceName: 'Amazon CloudFront', usageType: 'US-Requests-Tier2-HTTPS', regionId: 'us-east-1', billedCost: usd('80') }),
  record({ serviceName: 'Amazon CloudFront', usageType: 'Lambda-Edge-GB-Second', regionId: 'us-west-2', billedCost: usd('3') }),
  record({ serviceName: 'Amazon Elastic Compute Cloud', usageType: 'CloudFront-Out-Bytes', regionId: 'us-east-1', billedCost: usd('0') }),
  record({ serviceName: 'AWS Direct Connect', usageType: 'USE1-EQNY5-DataXfer-Out', billedCost: usd('20') }),
  record({ serviceName: 'AWS Direct Connect', usageType: 'USE1-EQNY5-PortUsage:1G', billedCost: usd('219') }),
  record({ serviceName: 'Elastic Load Balancing', usageType: 'LoadBalancerUsage', regionId: 'us-east-1', billedCost: usd('16.43') }),
  record({ serviceName: 'Elastic Load Balancing', usageType: 'LCUUsage', regionId: 'us-east-1', billedCost: usd('16') }),
  record({ serviceName: 'Amazon Virtual Private Cloud', usageType: 'USE1-VpcEndpoint-Hours', billedCost: usd('7.3') }),
  record({ serviceName: 'Amazon Virtual Private Cloud', usageType: 'USE1-VpcEndpoint-Bytes', billedCost: usd('30') }),
  record({ serviceName: 'Amazon Elastic Compute Cloud', usageType: 'NatGateway-Hours', regionId: 'us-east-1', billedCost: usd('32.85') }),
  record({ serviceName: 'Amazon Elastic Compute Cloud', usageType: 'NatGateway-Bytes', regionId: 'us-east-1', billedCost: usd('4.5') }),
  record({ serviceName: 'Amazon Elastic Container Service for Kubernetes', usageType: 'USE1-AmazonEKS-Hours:perCluster', billedCost: usd('73') }),
];

describe('actuals: the network lines meet their usage types', () => {
  const r = reconcile(plan, scenario, BILL, { threshold: new Decimal('0.1'), period: FULL });
  const line = (kind: string) => r.lines.find((l) => l.line.kind === kind)!;

  it.each([
    ['cdn-delivery', ['US-DataTransfer-Out-Bytes'], '190'],
    ['cdn-requests', ['US-Requests-Tier2-HTTPS'], '80'],
    ['interconnect-port', ['USE1-EQNY5-PortUsage:1G'], '219'],
    ['lb-hours', ['LoadBalancerUsage'], '16.43'],
    ['lb-processing', ['LCUUsage'], '16'],
    ['endpoint-hours', ['USE1-VpcEndpoint-Hours'], '7.3'],
    ['endpoint-processing', ['USE1-VpcEndpoint-Bytes'], '30'],
    ['nat-gateway', ['NatGateway-Hours'], '32.85'],
    ['nat-processing', ['NatGateway-Bytes'], '4.5'],
    ['cluster', ['USE1-AmazonEKS-Hours:perCluster'], '73'],
  ])('%s ← %j', (kind, usageTypes, actual) => {
    expect(line(kind).matched).toEqual(usageTypes);
    expect(line(kind).actual.toFixed()).toBe(actual);
  });

  it('the CDN lines of a us-east-1 origin meet the CloudFront rows of the edge they deliver from (us), whatever the RegionId', () => {
    // Planned: (4,000 − 1,024) × $0.085 = $252.96 delivery and 8,000 × $0.01 = $80 requests.
    expect(line('cdn-delivery').projected.toFixed()).toBe('252.96');
    // $190 of US edge bytes against $252.96: under, and the EU edge's $60 is apart (below), not merged in.
    expect(line('cdn-delivery').flag).toBe('under');
    expect(line('cdn-requests').flag).toBeUndefined();
    expect(r.unused.map((l) => l.line.kind)).not.toContain('cdn-delivery');
  });

  it('the transfers through a CDN and an interconnect meet the origin fetch and DataXfer-Out, not internet egress', () => {
    const transfer = (name: string) => r.lines.find((l) => l.line.kind === 'transfer' && l.line.name === name)!;
    expect(transfer('predictions').matched).toEqual(['CloudFront-Out-Bytes']);
    expect(transfer('backup').matched).toEqual(['USE1-EQNY5-DataXfer-Out']);
    expect(transfer('backup').actual.toFixed()).toBe('20');
  });

  it('European edge bytes the plan (US viewers) never delivers, and Lambda@Edge, are CloudFront spend no plan line has: unplanned, at no region', () => {
    expect(r.unplanned.map((u) => [u.usageType, u.region, u.cost.toFixed()]).sort()).toEqual([
      ['EU-DataTransfer-Out-Bytes', '', '60'],
      ['Lambda-Edge-GB-Second', '', '3'],
    ]);
  });
});

describe('categorize: Google and Azure equivalents', () => {
  const gcp = (serviceName: string, usageType: string) => classify(record({ provider: 'gcp', serviceName, usageType, regionId: 'us-central1' }));
  it.each([
    ['Networking', 'Networking Cloud CDN Traffic Cache Data Transfer Out North America', { region: '', category: 'egress', detail: { kind: 'cdn-delivery' } }],
    ['Networking', 'Cloud CDN Cache Egress from Americas to Americas', { region: '', category: 'egress', detail: { kind: 'cdn-delivery' } }],
    ['Networking', 'Cache Lookup Requests', { region: '', category: 'network', detail: { kind: 'cdn-requests' } }],
    ['Networking', 'Cache Fill from North America to North America', { region: 'us-central1', category: 'egress', detail: { kind: 'cdn-origin' } }],
    ['Networking', 'Network Egress via Interconnect from Americas', { region: 'us-central1', category: 'egress', detail: { kind: 'interconnect-transfer' } }],
    ['Networking', 'Dedicated Interconnect 10G Circuit', { region: 'us-central1', category: 'network', detail: { kind: 'interconnect-port' } }],
    ['Networking', 'Network Load Balancing: Forwarding Rule Minimum Service Charge in Americas', { region: 'us-central1', category: 'network', detail: { kind: 'lb-hours' } }],
    ['Networking', 'Network Load Balancing: Data Processing Charge in Americas', { region: 'us-central1', category: 'network', detail: { kind: 'lb-processing' } }],
    ['Kubernetes Engine', 'Regional Kubernetes Clusters', { region: 'us-central1', category: 'compute', detail: { kind: 'cluster', cluster: 'gke' } }],
    ['Kubernetes Engine', 'Zonal Kubernetes Clusters', { region: 'us-central1', category: 'compute', detail: { kind: 'cluster', cluster: 'gke' } }],
  ])('gcp %s: %s', (service, sku, expected) => {
    expect(gcp(service, sku)).toEqual({ kind: 'usage', ...expected });
  });

  const azure = (category: string, subcategory: string, usageType: string) =>
    classify(record({ provider: 'azure', usageType, serviceCategory: 'Networking', regionId: 'eastus', meter: { category, subcategory, vmSize: '' } }));
  it.each([
    ['Azure Front Door Service', '', 'Standard Data Transfer Out', { region: '', category: 'egress', detail: { kind: 'cdn-delivery' } }],
    ['Azure Front Door Service', '', 'Standard Requests', { region: '', category: 'network', detail: { kind: 'cdn-requests' } }],
    ['ExpressRoute', 'Metered Data', 'Standard Data Transfer Out', { region: 'eastus', category: 'egress', detail: { kind: 'interconnect-transfer' } }],
    ['ExpressRoute', 'Metered Data', '1 Gbps Circuit', { region: 'eastus', category: 'network', detail: { kind: 'interconnect-port' } }],
    // Meter names as Microsoft's EA cost-details sample writes them (api-captures/azure-cost-details).
    ['Load Balancer', 'Standard', 'Standard Included LB Rules and Outbound Rules', { region: 'eastus', category: 'network', detail: { kind: 'lb-hours' } }],
    ['Load Balancer', '', 'Standard Data Processed', { region: 'eastus', category: 'network', detail: { kind: 'lb-processing' } }],
    ['Azure Kubernetes Service', '', 'Standard Uptime SLA', { region: 'eastus', category: 'compute', detail: { kind: 'cluster', cluster: 'aks' } }],
    ['Azure Kubernetes Service', '', 'Microsoft Defender for Containers - Standard vCore vCore Pack', { region: 'eastus', category: 'network' }],
  ])('azure %s / %s / %s', (category, subcategory, meter, expected) => {
    expect(azure(category, subcategory, meter)).toEqual({ kind: 'usage', ...expected });
  });
});

describe.skipIf(!SHARED)('on the real FOCUS 1.0 sample: CloudFront, ELB and EKS rows (2024-09)', () => {
  const SEP = { start: '2024-09-01', end: '2024-10-01' };
  const detailOf = (r: BillingRecord) => {
    const c = classify(r);
    return c.kind === 'usage' ? (c.detail?.kind ?? `-${c.category}`) : c.kind;
  };

  it('with x_UsageType and from the charge description alone, the same rows are CDN, load-balancer and cluster usage', async () => {
    const by = async (file: string) => {
      const { records } = await readBillingFile(sample(`billing-samples/focus-1.0/${file}`), SEP, undefined);
      return records
        .filter((r) => /CloudFront|Elastic Load Balancing|Kubernetes/.test(r.serviceName) && r.provider === 'aws' && r.chargeCategory === 'Usage')
        .map((r) => `${r.serviceName}|${r.billedCost.toFixed()}|${detailOf(r)}`)
        .filter((t) => /\|(cdn-|lb-|cluster)/.test(t))
        .sort();
    };
    const typed = await by('focus_sample.usagetype.csv');
    expect(typed).toEqual(await by('focus_sample.csv'));
    const count = (kind: string) => typed.filter((t) => t.endsWith(`|${kind}`)).length;
    // CloudFront: 5 rows of delivery (EU- 3, US- 2), 5 of requests (US-Requests-Tier1, US- 3 and CA- 1 Tier2-HTTPS), Lambda@Edge apart.
    expect(count('cdn-delivery')).toBe(5);
    expect(count('cdn-requests')).toBe(5);
    // ELB: LoadBalancerUsage 10 rows in the file, read as 9 records (two of us-west-2 on 2024-09-01 are one
    // day of one usage type), LCUUsage 5 (ALB and NLB capacity units); EKS one cluster-day.
    expect(count('lb-hours')).toBe(9);
    expect(count('lb-processing')).toBe(5);
    expect(count('cluster')).toBe(1);
  });
});
