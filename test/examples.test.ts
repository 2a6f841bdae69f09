import { describe, expect, it } from 'vitest';
import { projectFile } from '../src/projection.js';
import { Decimal } from '../src/model/decimal.js';

/**
 * The bundled examples against totals worked out by hand from the rates in
 * pricing/*.yaml. A change to a table or to the engine that moves them must
 * show up here, on purpose.
 */
const GIB = new Decimal('0.931322574615478515625'); // GiB per GB

describe('bundled examples, priced by hand', () => {
  it('recsys-feature-store', () => {
    const e = projectFile('scenarios/recsys-feature-store.yaml').estimate;
    // 4 × 200 h × 21.957642 + 6 × 730 h × 0.853624312 + 3 × 730 h × 0.2016
    expect(e.totals.compute.toFixed()).toBe('21746.49208656');
    // 20,000 GB × 0.023 + 2,500 GB in GiB × 0.02
    expect(e.totals.storage.eq(new Decimal(460).plus(GIB.times(2500).times('0.02')))).toBe(true);
    // AWS: (9,000 + 150 − 100 free) × 0.09; GCP: 1,800 GB in GiB: 1 free, 1,023 × 0.12, the rest × 0.11
    const gcpGiB = GIB.times(1800);
    const gcp = new Decimal(1023).times('0.12').plus(gcpGiB.minus(1024).times('0.11'));
    expect(e.totals.egress.eq(new Decimal('814.5').plus(gcp))).toBe(true);
    expect(e.totals.ingress.toFixed()).toBe('0');
    expect(e.totals.total.toFixed()).toBe('23262.080085064638671875');
  });

  it('single-cloud-training', () => {
    const e = projectFile('scenarios/single-cloud-training.yaml').estimate;
    // 4 × 504 h × 27.1988 (spot) + 2 × 120 h × 0.714
    expect(e.totals.compute.toFixed()).toBe('55004.1408');
    // 51,200 × 0.023 + 8,800 × 0.022 + 8,000 × 0.0125
    expect(e.totals.storage.toFixed()).toBe('1471.2');
    // 900 GB/day × 21 days × (0.01 + 0.01); 50 GB out stays inside the free 100 GB
    expect(e.totals.egress.toFixed()).toBe('378');
    // NAT: 1,500 GB × 0.045 + 730 h × 0.045
    expect(e.totals.network.toFixed()).toBe('100.35');
    expect(e.totals.total.toFixed()).toBe('56953.6908');
  });

  it('azure-training', () => {
    const e = projectFile('scenarios/azure-training.yaml').estimate;
    // 2 × 72 h × 98.32 + 4 × 24 h × 3.673
    expect(e.totals.compute.toFixed()).toBe('14510.688');
    // (2,000 GB − the free 100) × 0.087 to the internet + 5,000 GB × 0.02 eastus → westus2
    expect(e.totals.egress.toFixed()).toBe('265.3');
    expect(e.totals.ingress.toFixed()).toBe('0');
    expect(e.totals.total.toFixed()).toBe('14775.988');
  });

  it('cross-region-replication', () => {
    const e = projectFile('scenarios/cross-region-replication.yaml').estimate;
    // 6 × 730 h × (0.2646 + 0.2646 + 0.2961)
    expect(e.totals.compute.toFixed()).toBe('3614.814');
    expect(e.totals.storage.toFixed()).toBe('69');
    // 12,000 GB × 0.01 to us-east-2, × 0.02 to eu-west-1; the 3,000 GB of EC2 → S3 in one region is free
    expect(e.totals.egress.toFixed()).toBe('360');
    expect(e.totals.total.toFixed()).toBe('4043.814');
    const writes = e.lines.find((l) => l.name === 'snapshot-writes')!;
    expect(writes.path).toBe('same-region-storage');
    expect(writes.cost.toFixed()).toBe('0');
  });

  it('in-region-training-data: streaming from the bucket in the trainers\' region is $0, the copy from another region is not', () => {
    const e = projectFile('scenarios/in-region-training-data.yaml').estimate;
    const stream = e.lines.find((l) => l.name === 'training-stream')!;
    expect(stream.path).toBe('same-region-storage');
    expect(stream.quantity.toFixed()).toBe('60000');
    expect(stream.cost.toFixed()).toBe('0');
    // 5,000 GB from the us-west-2 bucket to the trainers in us-east-1: us-west-2's inter-region rate
    const copy = e.lines.find((l) => l.name === 'west-coast-shard' && l.kind === 'transfer')!;
    expect(copy).toMatchObject({ path: 'inter-region', region: 'us-west-2' });
    expect(copy.cost.toFixed()).toBe('100');
    expect(e.assumptions.some((a) => a.includes('training-stream'))).toBe(false);
  });

  it('recsys-as-deployed: the control plane, disks, file system, requests and addresses, each from a sourced rate', () => {
    const e = projectFile('scenarios/recsys-as-deployed.yaml').estimate;
    const cost = (name: string, kind: string) => e.lines.find((l) => l.name === name && l.kind === kind)!.cost.toFixed();
    expect(cost('recsys-eks', 'cluster')).toBe('73'); // 730 h × $0.10
    expect(cost('training-set', 'storage')).toBe('1044'); // 7,200 GB × $0.145
    expect(cost('feature-api', 'disk')).toBe('24'); // 3 × 100 GB × $0.08
    expect(cost('feature-store', 'get-requests')).toBe('24'); // 60,000 × $0.0004
    expect(cost('feature-store', 'put-requests')).toBe('27.5'); // 5,500 × $0.005
    expect(cost('feature-api', 'public-ipv4')).toBe('10.95'); // 2,190 × $0.005
    expect(cost('lustre-import', 'transfer')).toBe('0');
    expect(e.totals.total.toFixed()).toBe(e.lines.reduce((a, l) => a.plus(l.cost), e.totals.compute.minus(e.totals.compute)).toFixed());
  });
});
