import { describe, expect, it } from 'vitest';
import { tollgate } from './cli-run.js';
import { scenarioFiles } from './commands/scenario-files.js';

interface ShowRow {
  provider: string;
  instance: string;
  region: string;
  gpu?: { model: string; count: string; memory_gb?: string };
  vcpus?: string;
  memory_gb?: string;
  on_demand?: string;
  spot?: string;
  on_demand_per_gpu?: string;
  spot_per_gpu?: string;
  commit_1y?: { rate: string; kind: string };
  commit_1y_per_gpu?: string;
}

/** `pricing show` over the bundled tables, as JSON rows. */
async function show(...args: string[]): Promise<ShowRow[]> {
  const { code, stdout, stderr } = await tollgate(['pricing', 'show', ...args, '--format', 'json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout).instances;
}

const row = (rows: ShowRow[], instance: string, region: string) => {
  const found = rows.find((r) => r.instance === instance && r.region === region);
  expect(found, `${instance} in ${region}`).toBeDefined();
  return found!;
};

describe('H200 cells the bundled tables gained', () => {
  it('lists ND96isr H200 v5 in polandcentral at its Retail Prices rate, with no spot (its spot meter is no cheaper)', async () => {
    const r = row(await show('--gpu', 'H200', '--region', 'polandcentral'), 'Standard_ND96isr_H200_v5', 'polandcentral');
    expect(r.on_demand).toBe('130.592');
    expect(r.on_demand_per_gpu).toBe('16.324');
    expect(r.spot).toBeUndefined();
  });

  it('prices p5en spot in eu-north-1 from the 2026-08-06 snapshot', async () => {
    const r = row(await show('--gpu', 'H200', '--region', 'eu-north-1'), 'p5en.48xlarge', 'eu-north-1');
    expect(r.spot).toBe('39.8158');
    expect(r.spot_per_gpu).toBe('4.976975');
  });
});

describe('H100 and B200 cells the bundled tables gained', () => {
  it('lists ND96isr H100 v5 in uksouth with its spot meter, and NC H100 v5 in spaincentral on demand only', async () => {
    const uk = row(await show('--gpu', 'H100', '--region', 'uksouth'), 'Standard_ND96isr_H100_v5', 'uksouth');
    expect([uk.on_demand, uk.spot, uk.spot_per_gpu]).toEqual(['122.9', '22.7119', '2.8389875']);
    const es = await show('--gpu', 'H100', '--region', 'spaincentral');
    expect(row(es, 'Standard_NC80adis_H100_v5', 'spaincentral').on_demand_per_gpu).toBe('9.074');
    expect(es.every((r) => r.spot === undefined)).toBe(true);
  });

  it('lists A4 (B200) in us-central1 with spot and 1-year committed use but no on-demand rate', async () => {
    const a4 = row(await show('--gpu', 'B200', '--provider', 'gcp'), 'a4-highgpu-8g', 'us-central1');
    expect(a4.on_demand).toBeUndefined();
    expect(a4.commit_1y).toEqual({ kind: 'committed-use 1y', rate: '88.9272' });
    expect(a4.commit_1y_per_gpu).toBe('11.1159');
  });
});

describe('AWS storage and network outside the first five regions', () => {
  it('prices S3 tiers in eu-north-1, gp3 there, and a NAT gateway in eu-west-2, each dated by its copy', async () => {
    const files = scenarioFiles({
      eu: `name: eu
nodes:
  - {name: prep, provider: aws, region: eu-north-1, instance: m7i.xlarge, count: 1, disk: {class: gp3, gb: 100}}
storage:
  - {name: features, provider: aws, region: eu-north-1, class: s3-standard, gb: 60000}
transfers:
  - {name: pulls, from: aws:eu-west-2, to: internet, gb_per_month: 1000, via: nat-gateway}
`,
    });
    const { code, stdout } = await tollgate(['estimate', files.eu!, '--format', 'json', '--max-age', '9999']);
    expect(code).toBe(0);
    const lines = JSON.parse(stdout).lines as { name: string; kind: string; cost: string; as_of?: string }[];
    const line = (name: string, kind: string) => lines.find((l) => l.name === name && l.kind === kind);
    // 51,200 GB × $0.023 + 8,800 GB × $0.022 (Price List AmazonS3, 2026-09-28)
    expect(line('features', 'storage')?.cost).toBe('1371.2');
    expect(line('prep', 'disk')).toMatchObject({ cost: '8.36', as_of: '2026-10-07' });
    expect(line('prep', 'node')).toMatchObject({ cost: '156.366', as_of: '2026-10-06' });
    // $0.05 per GB processed and $0.05 per gateway-hour (AmazonEC2 offer, 2026-09-25)
    expect(line('pulls', 'nat-processing')).toMatchObject({ cost: '50', as_of: '2026-09-25' });
    expect(line('nat-gateway-eu-west-2', 'nat-gateway')).toMatchObject({ cost: '36.5', as_of: '2026-09-25' });
  });
});

describe('Cloud TPU v5e / v5p / v6e / TPU7x', () => {
  it('are listed by --gpu TPU with chip count, HBM per chip and per-chip-hour rates', async () => {
    const rows = await show('--gpu', 'TPU');
    expect(new Set(rows.map((r) => r.gpu!.model))).toEqual(new Set(['TPU-v5e', 'TPU-v5p', 'TPU-v6e', 'TPU-v7x']));
    // tpu7x-8 is one 4-chip Ironwood host: 4 × $12 on demand, 4 × $8.40 for 1 year (price page, 2026-09-28)
    const ironwood = row(rows, 'tpu7x-8', 'us-central1');
    expect(ironwood.gpu).toEqual({ model: 'TPU-v7x', count: '4', memory_gb: '192' });
    expect(ironwood.on_demand).toBe('48');
    expect(ironwood.on_demand_per_gpu).toBe('12');
    expect(ironwood.commit_1y).toEqual({ rate: '33.6', kind: 'committed-use 1y' });
    expect(row(rows, 'tpu7x-8', 'europe-west2').on_demand_per_gpu).toBe('13.2');
    const v6e = row(rows, 'v6e-8', 'europe-west4');
    expect(v6e.gpu).toEqual({ model: 'TPU-v6e', count: '8', memory_gb: '32' });
    // 8 chips × $2.97, spot 8 × $2.08, 1-year CUD 8 × $2.08 per chip-hour
    expect(v6e.on_demand).toBe('23.76');
    expect(v6e.on_demand_per_gpu).toBe('2.97');
    expect(v6e.spot).toBe('16.64');
    expect(v6e.commit_1y).toEqual({ rate: '16.64', kind: 'committed-use 1y' });
    // v5p-8 is 4 chips (v5p names count TensorCores)
    const v5p = row(rows, 'v5p-8', 'us-east5');
    expect(v5p.gpu).toEqual({ model: 'TPU-v5p', count: '4', memory_gb: '95' });
    expect(v5p.on_demand).toBe('16.8');
    // spot changed from 2.415 (gpuhunt, 2024-12-23) to the 2026-09-22 us-east5 quote of 1.003363 per chip-hour
    expect(v5p.spot_per_gpu).toBe('1.003363');
    expect(row(rows, 'v5litepod-1', 'europe-west1').on_demand).toBe('1.3213');
  });

  it('price a plan on-demand, spot and committed at the sourced chip rates, warning that they are old', async () => {
    const files = scenarioFiles({
      tpu: `name: tpu
nodes:
  - {name: trainers, provider: gcp, region: europe-west4, instance: v6e-8, count: 2, hours: 100}
  - {name: serving, provider: gcp, region: us-central1, instance: v5litepod-4, count: 1, purchase: spot}
  - {name: pretrain, provider: gcp, region: us-east5, instance: v5p-8, count: 1, purchase: committed-use, term: 1y}
`,
    });
    const { code, stdout, stderr } = await tollgate(['estimate', files.tpu!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const cost = (name: string) => out.lines.find((l: { name: string }) => l.name === name)?.cost;
    expect(cost('trainers')).toBe('4752'); // 2 × 100 h × 8 × 2.97
    expect(cost('serving')).toBe('1839.6'); // 730 h × 4 × 0.63
    expect(cost('pretrain')).toBe('8584.8'); // 730 h × 4 × 2.94
    expect(stderr).toContain('v5litepod-4 (4× TPU-v5e) spot');
    expect(stderr).toMatch(/nodes\.pretrain is priced at gcp us-east5 rates of 2024-06-11/);
  });

  it('date the v6e cells a 2026 copy confirmed by region, and price Ironwood and v6e flex-start', async () => {
    const files = scenarioFiles({
      tpu: `name: tpu
nodes:
  - {name: trillium, provider: gcp, region: us-east5, instance: v6e-8, count: 1, purchase: committed-use, term: 3y}
  - {name: trillium-eu, provider: gcp, region: europe-west4, instance: v6e-4, count: 1, hours: 10, purchase: flex-start}
  - {name: ironwood, provider: gcp, region: us-central1, instance: tpu7x-8, count: 1, hours: 100}
  - {name: ironwood-flex, provider: gcp, region: us-central1, instance: tpu7x-8, count: 1, hours: 10, purchase: flex-start}
  - {name: v5p, provider: gcp, region: us-east5, instance: v5p-8, count: 1, hours: 10}
  - {name: v5p-spot, provider: gcp, region: us-east5, instance: v5p-8, count: 1, hours: 10, purchase: spot}
  - {name: v6e-spot, provider: gcp, region: us-central1, instance: v6e-4, count: 1, hours: 10, purchase: spot}
`,
    });
    const { code, stdout } = await tollgate(['estimate', files.tpu!, '--format', 'json']);
    expect(code).toBe(0);
    const lines = JSON.parse(stdout).lines as { name: string; cost: string; as_of?: string }[];
    const line = (name: string) => lines.find((l) => l.name === name);
    expect(line('trillium')).toMatchObject({ cost: '7124.8', as_of: '2026-09-17' }); // 730 h × 8 × 1.22
    expect(line('trillium-eu')).toMatchObject({ cost: '54', as_of: '2026-09-24' }); // 10 h × 4 × 1.35
    expect(line('ironwood')).toMatchObject({ cost: '4800', as_of: '2026-09-28' }); // 100 h × 4 × 12
    expect(line('ironwood-flex')).toMatchObject({ cost: '240', as_of: '2026-09-25' }); // 10 h × 4 × 6
    expect(line('v5p')).toMatchObject({ cost: '168', as_of: '2026-09-23' }); // 10 h × 4 × 4.20, us-east5 re-dated
    expect(line('v5p-spot')).toMatchObject({ cost: '40.13452', as_of: '2026-09-22' }); // 10 h × 4 × 1.003363
    expect(line('v6e-spot')).toMatchObject({ cost: '27.23804', as_of: '2026-09-22' }); // 10 h × 4 × 0.680951 (Billing Catalog SKU 9A7C-D787-1EFD)
  });
});

describe('Hyperdisk Extreme and pd-extreme', () => {
  it('price capacity and every provisioned IOPS at the us-central1 rates of Infracost\'s golden', async () => {
    const files = scenarioFiles({
      disks: `name: disks
nodes:
  - {name: hd, provider: gcp, region: us-central1, instance: n2-standard-8, count: 1, disk: {class: hyperdisk-extreme, gb: 1000, iops: 350000}}
  - {name: pd, provider: gcp, region: us-central1, instance: n2-standard-8, count: 1, disk: {class: pd-extreme, gb: 40, iops: 5000}}
`,
    });
    const { code, stdout } = await tollgate(['estimate', files.disks!, '--format', 'json']);
    expect(code).toBe(0);
    const disks = JSON.parse(stdout).lines.filter((l: { kind: string }) => l.kind === 'disk').map((l: { name: string; unit: string; cost: string }) => [l.name, l.unit, l.cost]);
    // the golden's $125.00 + $11,200.00 and $5.00 + $325.00
    expect(disks).toEqual([
      ['hd', 'GiB-month', '125'],
      ['hd', 'IOPS-month', '11200'],
      ['pd', 'GiB-month', '5'],
      ['pd', 'IOPS-month', '325'],
    ]);
  });
});

describe('AWS gp3, io2 and EKS, dated by Infracost goldens', () => {
  it('price the goldens\' volumes and cluster to the cent and name the dates', async () => {
    const files = scenarioFiles({
      ebs: `name: ebs
nodes:
  - {name: gp3, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1, disk: {class: gp3, gb: 40, iops: 4000, throughput_mbps: 130}}
  - {name: io2, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1, disk: {class: io2, gb: 30, iops: 300}}
clusters:
  - {name: eks, provider: aws, region: us-east-1, kind: eks}
`,
    });
    const { code, stdout, stderr } = await tollgate(['estimate', files.ebs!, '--format', 'json']);
    expect(code).toBe(0);
    const lines = JSON.parse(stdout).lines.filter((l: { kind: string }) => l.kind !== 'node');
    const got = lines.map((l: { name: string; unit: string; cost: string; as_of?: string }) => [l.name, l.unit, l.cost, l.as_of]);
    // ebs_volume_test.golden: $3.20, $5.00, $0.20; $3.75, $19.50. eks_cluster_test.golden: $73.00
    expect(got).toEqual([
      ['gp3', 'GB-month', '3.2', '2024-07-01'],
      ['gp3', 'IOPS-month', '5', '2024-07-01'],
      ['gp3', 'MBps-month', '0.2', '2024-07-01'],
      ['io2', 'GB-month', '3.75', '2024-07-01'],
      ['io2', 'IOPS-month', '19.5', '2024-07-01'],
      ['eks', 'cluster-hour', '73', '2025-07-04'],
    ]);
    expect(stderr).toContain('clusters.eks is priced at aws us-east-1 rates of 2025-07-04');
  });
});

describe('General-purpose CPU types from Karpenter\'s Price List table', () => {
  it('lists r8i.xlarge in us-east-1 only, with its vCPUs and memory', async () => {
    const rows = (await show('r8i.xlarge')).filter((r) => r.provider === 'aws');
    expect(rows.map((r) => [r.region, r.on_demand, r.vcpus, r.memory_gb])).toEqual([['us-east-1', '0.27784', '4', '32']]);
  });

  it('prices an r8i.2xlarge and an m7g.8xlarge month in us-east-1 dated 2026-07-20, and keeps m7i.xlarge\'s table date', async () => {
    const files = scenarioFiles({
      cpu: `name: cpu
nodes:
  - {name: cache, provider: aws, region: us-east-1, instance: r8i.2xlarge, count: 1}
  - {name: prep, provider: aws, region: us-east-1, instance: m7g.8xlarge, count: 2, hours: 100}
  - {name: api, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1}
`,
    });
    const { code, stdout } = await tollgate(['estimate', files.cpu!, '--format', 'json', '--max-age', '9999']);
    expect(code).toBe(0);
    const node = (name: string) => (JSON.parse(stdout).lines as { name: string; cost: string; as_of?: string }[]).find((l) => l.name === name);
    expect(node('cache')).toMatchObject({ cost: '405.6464', as_of: '2026-07-20' }); // 730 h × 0.55568
    expect(node('prep')).toMatchObject({ cost: '261.12', as_of: '2026-07-20' }); // 2 × 100 h × 1.3056
    expect(node('api')?.as_of).toBeUndefined();
  });

  it('lists m7g.4xlarge in eu-central-1 at the Frankfurt price file\'s rate beside us-east-1', async () => {
    const rows = (await show('m7g.4xlarge')).filter((r) => r.provider === 'aws');
    expect(rows.map((r) => [r.region, r.on_demand]).sort()).toEqual([['eu-central-1', '0.7821'], ['us-east-1', '0.6528']]);
  });

  it('lists c8i.2xlarge in ap-northeast-1 at the Tokyo offer file\'s rate', async () => {
    const r = row(await show('c8i.2xlarge', '--region', 'ap-northeast-1'), 'c8i.2xlarge', 'ap-northeast-1');
    expect([r.on_demand, r.vcpus, r.memory_gb]).toEqual(['0.47188', '8', '16']);
  });

  it('lists c7g.xlarge and m7i.xlarge in ap-south-1 at the Mumbai price files\' rates', async () => {
    const rows = await show('--region', 'ap-south-1', '--provider', 'aws');
    expect(row(rows, 'c7g.xlarge', 'ap-south-1').on_demand).toBe('0.0982');
    expect(row(rows, 'm7i.xlarge', 'ap-south-1').on_demand).toBe('0.2121');
  });
});
