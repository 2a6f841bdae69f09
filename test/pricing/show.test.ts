import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { catalogRows, gpuMatches, regionNetwork } from '../../src/pricing/catalog.js';
import { readPricingFile } from '../../src/pricing/load.js';
import { runMain as tollgate } from './run-main.js';
import { FIXTURE_PRICING } from '../helpers.js';

const aws = readPricingFile(join(FIXTURE_PRICING, 'aws.yaml')).table;
const gcp = readPricingFile(join(FIXTURE_PRICING, 'gcp.yaml')).table;

describe('catalogRows', () => {
  it('lists each priced region of an instance with $/GPU-hour worked out exactly', () => {
    const rows = catalogRows([aws], { instance: 'p4d.24xlarge' });
    expect(rows.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
    const east = rows[0]!;
    expect(east.on_demand_per_gpu!.toFixed()).toBe('2.74470525');
    expect(east.spot!.toFixed()).toBe('10.8');
    expect(east.spot_per_gpu!.toFixed()).toBe('1.35');
    expect(rows[1]!.spot).toBeUndefined();
  });

  it('sorts a GPU query by $/GPU-hour across providers, cheapest first', () => {
    const rows = catalogRows([aws, gcp], { gpu: 'A100' });
    const perGpu = rows.map((r) => r.on_demand_per_gpu!);
    expect(rows.length).toBeGreaterThan(1);
    for (let i = 1; i < perGpu.length; i++) expect(perGpu[i]!.gte(perGpu[i - 1]!)).toBe(true);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(['aws', 'gcp']));
    for (const r of rows) expect(gpuMatches(r.gpu!.model, 'A100')).toBe(true);
  });

  it('filters by region and provider', () => {
    const rows = catalogRows([aws, gcp], { region: 'us-east-1', provider: 'aws' });
    expect(rows.map((r) => r.instance)).toEqual(['g5.xlarge', 'p4d.24xlarge']);
  });
});

describe('catalogRows filters', () => {
  it('keeps GPUs with at least the memory asked for, per GPU', () => {
    // The fixtures hold A100 40 GB (p4d, a2-highgpu-1g) and A10G 24 GB (g5.xlarge).
    const rows = catalogRows([aws, gcp], { minGpuMemory: new Decimal(25) });
    expect(new Set(rows.map((r) => r.instance))).toEqual(new Set(['p4d.24xlarge', 'a2-highgpu-1g']));
    for (const r of rows) expect(r.gpu!.memory_gb!.gte(25)).toBe(true);
    expect(catalogRows([aws, gcp], { minGpuMemory: new Decimal(41) })).toEqual([]);
    expect(catalogRows([aws, gcp], { minGpuMemory: new Decimal(24) }).some((r) => r.instance === 'g5.xlarge')).toBe(true);
  });

  it('matches the GPU count exactly, and a region glob', () => {
    const eight = catalogRows([aws, gcp], { count: new Decimal(8) });
    expect(eight.length).toBeGreaterThan(0);
    for (const r of eight) expect(r.gpu!.count.toFixed()).toBe('8');
    const west = catalogRows([aws, gcp], { region: 'us-*-2' });
    expect(new Set(west.map((r) => r.region))).toEqual(new Set(['us-west-2']));
    expect(catalogRows([aws, gcp], { region: 'us-west-?' }).map((r) => r.region)).toEqual(west.map((r) => r.region));
  });

  it('drops rows above --max-price, per GPU-hour with a GPU filter and per hour without', () => {
    const all = catalogRows([aws, gcp], { gpu: 'A100' });
    const cap = all[1]!.on_demand_per_gpu!;
    const capped = catalogRows([aws, gcp], { gpu: 'A100', maxPrice: cap });
    expect(capped.map((r) => r.instance)).toEqual(all.filter((r) => r.on_demand_per_gpu!.lte(cap)).map((r) => r.instance));
    expect(capped.length).toBeLessThan(all.length);
    for (const r of catalogRows([aws, gcp], { maxPrice: new Decimal(2) })) expect(r.on_demand!.lte(2)).toBe(true);
  });
});

describe('the bundled catalog', () => {
  it('lists H100 on demand in at least 12 regions across the three clouds, with spot and 1-year rates where published', async () => {
    const { code, stdout } = await tollgate(['pricing', 'show', '--gpu', 'H100', '--format', 'json']);
    expect(code).toBe(0);
    type Row = { provider: string; region: string; instance: string; on_demand?: string; spot_per_gpu?: string; commit_1y_per_gpu?: string; commit_1y?: { kind: string } };
    const rows: Row[] = JSON.parse(stdout).instances;
    const onDemand = rows.filter((r) => r.on_demand);
    expect(new Set(onDemand.map((r) => `${r.provider}:${r.region}`)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(onDemand.map((r) => r.provider))).toEqual(new Set(['aws', 'gcp', 'azure']));
    // Europe on all the clouds that sell it there: AWS eu-north-1 and GCP europe-west4.
    expect(onDemand.find((r) => r.instance === 'p5.48xlarge' && r.region === 'eu-north-1')).toMatchObject({ on_demand: '58.8928' });
    const ew4 = onDemand.find((r) => r.instance === 'a3-highgpu-8g' && r.region === 'europe-west4')!;
    expect(ew4.on_demand).toBe('112.540479175233');
    expect(ew4.spot_per_gpu).toBeDefined();
    expect(ew4.commit_1y).toEqual({ kind: 'committed-use 1y', rate: expect.stringMatching(/^78\.07/) });
    const full = onDemand.filter((r) => r.spot_per_gpu && r.commit_1y_per_gpu);
    expect(new Set(full.map((r) => r.region)).size).toBeGreaterThanOrEqual(12);
  });

  it('answers a glob, a GPU count and a price cap together', async () => {
    const { code, stdout } = await tollgate(['pricing', 'show', '--gpu', 'H100', '--count', '8', '--region', 'eu*', '--max-price', '10']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^aws\s+p5\.48xlarge\s+eu-north-1\s+8× H100 80GB/m);
    expect(stdout).toMatch(/^aws\s+p5\.48xlarge\s+eu-west-2\s/m);
    expect(stdout).not.toMatch(/europe-west4|a3-highgpu-1g/);
  });

  it('says when a glob matches no region, exit 2', async () => {
    const { code, stderr } = await tollgate(['pricing', 'show', '--region', 'mars-*']);
    expect(code).toBe(2);
    expect(stderr).toContain('no priced region matches "mars-*"');
    expect((await tollgate(['pricing', 'show', '--max-price', 'cheap'])).stderr).toContain('--max-price takes a number, got "cheap"');
  });
});

describe('gpuMatches', () => {
  it('matches a model and its variants, not a longer model number', () => {
    expect(gpuMatches('A100-80GB', 'a100')).toBe(true);
    expect(gpuMatches('A100', 'A100')).toBe(true);
    expect(gpuMatches('H100', 'H10')).toBe(false);
    expect(gpuMatches('A10G', 'A10')).toBe(false);
  });
});

describe('regionNetwork', () => {
  it('resolves the rule that prices each destination region', () => {
    const net = regionNetwork(aws, 'us-east-1');
    expect(net.inter_region).toEqual([
      { to: 'us-east-2', rate: expect.anything(), rule: 'us-east-1 → us-east-2' },
      { to: 'us-west-2', rate: expect.anything(), rule: 'north-america → any' },
      { to: 'eu-west-1', rate: expect.anything(), rule: 'north-america → any' },
    ]);
    expect(net.inter_region.map((p) => p.rate!.toFixed())).toEqual(['0.01', '0.02', '0.02']);
    expect(net.internet_egress!.tiers.map((t) => t.rate.toFixed())).toEqual(['0', '0.09', '0.085', '0.07', '0.05']);
  });
});

describe('tollgate pricing show', () => {
  it('prints the H100 offers of every provider as JSON, sorted by $/GPU-hour', async () => {
    const { code, stdout, stderr } = await tollgate(['pricing', 'show', '--gpu', 'H100', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.instances.length).toBeGreaterThanOrEqual(3);
    expect(new Set(out.instances.map((i: { provider: string }) => i.provider))).toEqual(new Set(['aws', 'gcp', 'azure']));
    const p5 = out.instances.find((i: { instance: string }) => i.instance === 'p5.48xlarge');
    expect(p5).toMatchObject({ region: 'us-east-1', on_demand: '55.04', on_demand_per_gpu: '6.88', gpu: { model: 'H100', count: '8' } });
    expect(out.network).toEqual([]);
  });

  it('shows a region\'s egress tiers and inter-region rates in the table', async () => {
    const { code, stdout } = await tollgate(['pricing', 'show', '--region', 'us-east-1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^aws\s+p4d\.24xlarge\s+us-east-1\s+8× A100 40GB\s+96\s+1,152\s+\$21\.957642/m);
    expect(stdout).toContain('aws us-east-1 · network · per GB');
    expect(stdout).toMatch(/^ {4}100–10,240 GB\s+\$0\.09\/GB$/m);
    expect(stdout).toMatch(/^ {4}us-east-2\s+\$0\.01\/GB\s+\(rule us-east-1 → us-east-2\)$/m);
  });

  it('suggests the nearest instance type on a typo, exit 2', async () => {
    const { code, stderr } = await tollgate(['pricing', 'show', 'p4d.24xlarg']);
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean p4d.24xlarge?');
  });

  it('rejects an unknown subcommand and options of another subcommand', async () => {
    expect((await tollgate(['pricing', 'shwo'])).stderr).toContain('did you mean show?');
    const { code, stderr } = await tollgate(['pricing', 'show', '--out', 'x.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('pricing show does not take --out');
  });
});

describe('tollgate pricing show --pricing', () => {
  it('shows the negotiated rate an override file sets', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tollgate-show-')), 'negotiated.yaml');
    writeFileSync(file, 'provider: aws\nas_of: "2026-11-01"\nsource: our EDP addendum\ninstances:\n  p4d.24xlarge: {on_demand: {us-east-1: 17.5}}\n');
    const { code, stdout } = await tollgate(['pricing', 'show', 'p4d.24xlarge', '--pricing', file, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).instances[0]).toMatchObject({ on_demand: '17.5', on_demand_per_gpu: '2.1875' });
  });
});
