import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/model/decimal.js';
import { tollgate } from './cli-run.js';
import { scenarioFiles } from './commands/scenario-files.js';

// The trainers moved west and the feature store to Europe: every rate here is one the
// bundled pricing/aws.yaml gained outside us-east-1.
const files = scenarioFiles({
  moved: `name: moved
nodes:
  - {name: trainers, provider: aws, region: us-west-2, instance: p4d.24xlarge, count: 4, hours: 200}
  - {name: eu-trainers, provider: aws, region: eu-west-1, instance: p4d.24xlarge, count: 2, hours: 100}
storage:
  - {name: features, provider: aws, region: eu-west-1, class: s3-standard, gb: 60000}
  - {name: frankfurt-copy, provider: aws, region: eu-central-1, class: s3-standard, gb: 1000}
transfers:
  - {name: replicate, from: "aws:us-west-2", to: "aws:eu-west-1", gb_per_month: 5000}
  - {name: exports, from: "aws:eu-west-1", to: internet, gb_per_month: 2000, via: nat-gateway}
`,
  european: `name: european-h100
nodes:
  - {name: stockholm, provider: aws, region: eu-north-1, instance: p5.48xlarge, count: 2, hours: 100}
  - {name: eemshaven, provider: gcp, region: europe-west4, instance: a3-highgpu-8g, count: 1, hours: 100}
storage:
  - {name: features, provider: gcp, region: europe-west4, class: gcs-standard, gb: 10000}
transfers:
  - {name: aws-out, from: "aws:eu-north-1", to: internet, gb_per_month: 2000}
  - {name: gcp-out, from: "gcp:europe-west4", to: internet, gb_per_month: 60000}
  - {name: azure-out, from: "azure:westeurope", to: internet, gb_per_month: 60000}
`,
  euReplication: `name: eu-replication
transfers:
  - {name: replicate, from: "gcp:europe-west4", to: "gcp:europe-west1", gb_per_month: 1024}
  - {name: asia, from: "gcp:europe-west4", to: "gcp:asia-southeast1", gb_per_month: 1024}
  - {name: tokyo, from: "aws:ap-northeast-1", to: "aws:eu-north-1", gb_per_month: 1000}
  - {name: out, from: "azure:westeurope", to: internet, gb_per_month: 1000, via: nat-gateway}
`,
  components: `name: components
nodes:
  - {name: eu-trainers, provider: gcp, region: europe-west4, instance: a3-highgpu-8g, count: 2, hours: 365, disk: {class: pd-ssd, gb: 500}, public_ipv4: 1}
  - {name: serving, provider: gcp, region: asia-southeast1, instance: n2-standard-8, count: 1, disk: {class: pd-balanced, gb: 100}}
  - {name: burst, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 2, purchase: capacity-block, block_hours: 48}
  - {name: az-trainers, provider: azure, region: westeurope, instance: Standard_ND96isr_H100_v5, count: 1, disk: {class: premium-ssd-v2, gb: 1000, iops: 5000, throughput_mbps: 200}}
storage:
  - {name: lustre, provider: azure, region: northeurope, class: azure-managed-lustre-premium-125, gb: 48000}
clusters:
  - {name: gke-main, provider: gcp, region: europe-west4, kind: gke}
  - {name: aks-main, provider: azure, region: swedencentral, kind: aks}
  - {name: aks-dev, provider: azure, region: eastus, kind: aks, tier: free}
`,
  azureServing: `name: azure-serving
nodes:
  - {name: api, provider: azure, region: eastus2, instance: Standard_D8s_v5, count: 3}
`,
});

describe('tollgate estimate on what the bundled tables gained', () => {
  it('prices P4 in us-west-2 and eu-west-1, S3 tiers in Europe, inter-region and NAT outside us-east-1', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', files.moved!, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const cost = (name: string, kind: string) => out.lines.find((l: { name: string; kind: string }) => l.name === name && l.kind === kind)?.cost;
    // 4 × 200 h × 21.95764 (us-west-2 is published as 21.95764, not us-east-1's 21.957642)
    expect(cost('trainers', 'node')).toBe('17566.112');
    // 2 × 100 h × 23.71569
    expect(cost('eu-trainers', 'node')).toBe('4743.138');
    // eu-west-1: 51,200 GB × 0.023 + 8,800 GB × 0.022 = 1,177.6 + 193.6
    expect(cost('features', 'storage')).toBe('1371.2');
    // eu-central-1: 1,000 GB × 0.0245
    expect(cost('frankfurt-copy', 'storage')).toBe('24.5');
    // us-west-2 → eu-west-1: 5,000 GB × 0.02
    expect(cost('replicate', 'transfer')).toBe('100');
    // internet egress: 100 GB free, then 1,900 GB × 0.09
    expect(cost('exports', 'transfer')).toBe('171');
    expect(out.totals).toMatchObject({
      compute: '22309.25',
      storage: '1395.7',
      egress: '271',
      // NAT in eu-west-1: 730 h × 0.048 + 2,000 GB × 0.048 = 35.04 + 96
      network: '131.04',
      // 22,309.25 + 1,395.7 + 271 + 131.04
      total: '24106.99',
    });
  });

  it('prices an Azure D8s_v5 serving node', async () => {
    const { code, stdout } = await tollgate(['estimate', files.azureServing!, '--format', 'json']);
    expect(code).toBe(0);
    // 3 × 730 h (the whole month) × 0.384
    expect(JSON.parse(stdout).totals.compute).toBe('840.96');
  });

  it('prices an H100 plan in eu-north-1, europe-west4 and westeurope, egress bands by source region', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', files.european!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = (name: string) => out.lines.find((l: { name: string }) => l.name === name);
    // 2 × 100 h × 58.8928 (AWS Price List via vantage.sh, 2026-01-21), dated on the line
    expect(line('stockholm')).toMatchObject({ cost: '11778.56', as_of: '2026-01-21' });
    // 100 h × 112.540479175233 (Cloud Billing Catalog, 2026-07-30)
    expect(line('eemshaven').cost).toBe('11254.0479175233');
    // The audit's hand calculation for 60 TB out of europe-west4 (55,879.35 GiB): 1 GiB free,
    // 1,023 × 0.12 + 9,216 × 0.11 + 45,639.35 × 0.085 = $5,015.87.
    expect(new Decimal(line('gcp-out').cost).toFixed(2)).toBe('5015.87');
    // Azure 60,000 GB: 100 free, 10,235 × 0.087 + 40,960 × 0.083 + 8,705 × 0.07 = $4,899.475.
    expect(line('azure-out').cost).toBe('4899.475');
    // 100 GB free, then 1,900 GB × 0.09
    expect(line('aws-out').cost).toBe('171');
    // The p5 price of 2026-01-21 is past 90 days at the pinned clock (2026-11-25), as are the GCP prices.
    expect(stderr).toContain('warning: nodes.stockholm is priced at aws eu-north-1 rates of 2026-01-21, 308 days old (older than 90 days)');
    expect(stderr).toContain('warning: pricing/gcp.yaml prices are 118 days old');
  });

  it('prices GCP disks, external IPs and GKE, Azure Premium SSD v2, Managed Lustre and AKS tiers, and AWS capacity blocks from the tables', async () => {
    const { code, stdout } = await tollgate(['estimate', files.components!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = (name: string, kind: string) => out.lines.find((l: { name: string; kind: string }) => l.name === name && l.kind === kind);
    // pd-ssd in europe-west4 $0.187/GiB-month: 2 nodes × 365 h / 730 h × 500 GiB = 500 GiB-months
    expect(line('eu-trainers', 'disk')).toMatchObject({ rate: '0.187', cost: '93.5' });
    // pd-balanced in asia-southeast1 $0.11, one node all month
    expect(line('serving', 'disk')).toMatchObject({ rate: '0.11', cost: '11' });
    // 2 × 365 address-hours × $0.005
    expect(line('eu-trainers', 'public-ipv4')).toMatchObject({ rate: '0.005', cost: '3.65' });
    // GKE's flat fee and AKS Standard: 730 h × $0.10; AKS Free: $0
    expect(line('gke-main', 'cluster').cost).toBe('73');
    expect(line('aks-main', 'cluster').cost).toBe('73');
    expect(line('aks-dev', 'cluster').cost).toBe('0');
    // Premium SSD v2 in westeurope, the API's hourly meters × 730: 1,000 GiB × $0.0949, 2,000 IOPS above
    // the free 3,000 × $0.00584, 75 MB/s above the free 125 × $0.04745
    const disk = out.lines.filter((l: { name: string; kind: string }) => l.name === 'az-trainers' && l.kind === 'disk').map((l: { cost: string }) => l.cost);
    expect(disk).toEqual(['94.9', '11.68', '3.55875']);
    // Azure Managed Lustre Durable Premium 125 in northeurope: 48,000 GiB × $0.17374
    expect(line('lustre', 'storage')).toMatchObject({ rate: '0.17374', cost: '8339.52' });
    // 2 instances × 48 h × $41.528 (Capacity Blocks page, us-east-1, 2026-09-25)
    expect(line('burst', 'node')).toMatchObject({ rate: '41.528', cost: '3986.688' });
  });

  it('dates disk, storage, cluster and IPv4 lines by their own row and labels GiB-priced sizes GiB', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', files.components!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const lines = (name: string, kind: string) => out.lines.filter((l: { name: string; kind: string }) => l.name === name && l.kind === kind);
    const line = (name: string, kind: string) => lines(name, kind)[0];
    // [CYC8] (2026-08-20), not the GCP table's 2026-07-30; Compute Engine sizes and bills disks in GiB
    expect(line('eu-trainers', 'disk')).toMatchObject({ unit: 'GiB-month', as_of: '2026-08-20', description: 'Persistent Disk, SSD (zonal), 500 GiB per node' });
    expect(line('eu-trainers', 'public-ipv4')).toMatchObject({ as_of: '2026-08-20' });
    // The Azure rows' Retail Prices snapshots by region, not the Azure table's 2026-11-09
    expect(lines('az-trainers', 'disk').map((l: { unit: string; as_of: string }) => [l.unit, l.as_of])).toEqual([
      ['GiB-month', '2026-07-15'],
      ['IOPS-month', '2026-07-15'],
      ['MBps-month', '2026-07-15'],
    ]);
    expect(line('lustre', 'storage')).toMatchObject({ unit: 'GiB-month', as_of: '2026-07-25', quantity: '48000' });
    expect(line('aks-main', 'cluster')).toMatchObject({ as_of: '2024-08-30' });
    expect(line('gke-main', 'cluster')).toMatchObject({ as_of: '2026-12-01' });
    // The staleness check sees them, each named by its plan item (pinned clock 2026-11-25).
    expect(stderr).toContain('warning: nodes.az-trainers is priced at azure westeurope rates of 2026-07-15, 133 days old (older than 90 days): Azure Premium SSD v2 managed disk, 1000 GiB per node');
    expect(stderr).toContain('warning: storage.lustre is priced at azure northeurope rates of 2026-07-25, 123 days old');
    expect(stderr).toContain('warning: clusters.aks-main is priced at azure swedencentral rates of 2024-08-30, 817 days old');
  });

  it('lists disk and file-system rates per GiB where the provider prices per GiB, AWS per GB', async () => {
    const { code, stdout } = await tollgate(['pricing', 'show', '--storage']);
    expect(code).toBe(0);
    const per = (provider: string, item: string) => stdout.split('\n').find((l) => l.startsWith(provider) && l.split(/ {2,}/)[2] === item)?.split(/ {2,}/)[4];
    expect(per('gcp', 'pd-balanced')).toBe('GiB-month');
    expect(per('azure', 'premium-ssd-v2')).toBe('GiB-month');
    expect(per('azure', 'azure-managed-lustre-premium-125')).toBe('GiB-month');
    expect(per('aws', 'gp3')).toBe('GB-month');
    expect(per('aws', 'fsx-lustre-persistent-2-125')).toBe('GB-month');
  });

  it('prices GCP transfers within Europe and Europe to Asia, AWS out of Tokyo and Azure NAT in westeurope, each dated', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', files.euReplication!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = (name: string, kind = 'transfer') => out.lines.find((l: { name: string; kind: string }) => l.name === name && l.kind === kind);
    // 1,024 GB = 953.67 GiB; $0.02 within Europe, $0.08 Europe → Asia (Billing Catalog, 2024-07-01)
    expect(line('replicate')).toMatchObject({ rate: '0.02', as_of: '2024-07-01' });
    expect(line('asia')).toMatchObject({ rate: '0.08', as_of: '2024-07-01' });
    // 1,000 GB × $0.09 out of ap-northeast-1 (AWS Price List, 2024-09-25)
    expect(line('tokyo')).toMatchObject({ cost: '90', as_of: '2024-09-25' });
    // 1,000 GB × $0.045 processed and 730 h × $0.045 (Azure Retail Prices, 2024-07-01)
    expect(line('out', 'nat-processing')).toMatchObject({ cost: '45', as_of: '2024-07-01' });
    // The hourly fee comes from the same 2024 copy as the per-GB rate and is dated with it.
    expect(line('nat-gateway-westeurope', 'nat-gateway')).toMatchObject({ cost: '32.85', as_of: '2024-07-01' });
    // Rates read in 2024 are flagged as such, line by line.
    expect(stderr).toContain('warning: transfers.replicate is priced at gcp europe-west4 rates of 2024-07-01');
    expect(stderr).toContain('warning: transfers.out (NAT processing) is priced at azure westeurope rates of 2024-07-01');
    expect(stderr).toContain('warning: nat-gateway-westeurope is priced at azure westeurope rates of 2024-07-01');
  });
});
