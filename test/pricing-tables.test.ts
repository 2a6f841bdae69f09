import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPricingFile, bundledPricingDir } from '../src/pricing/load.js';
import { CONTINENTS, type PricingTableInput } from '../src/model/pricing.js';

const dir = bundledPricingDir();
const tables = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: f, table: readPricingFile(join(dir, f)).table }));

function regionsUsed(t: PricingTableInput): string[] {
  const out: string[] = [];
  for (const i of Object.values(t.instances ?? {})) out.push(...Object.keys(i.on_demand ?? {}), ...Object.keys(i.spot ?? {}));
  for (const s of Object.values(t.storage ?? {})) out.push(...Object.keys(s.rates ?? {}));
  out.push(...Object.keys(t.network?.nat?.per_gb ?? {}), ...Object.keys(t.network?.nat?.per_hour ?? {}));
  out.push(...Object.keys(t.network?.internet_egress?.regions ?? {}));
  const continents = new Set<string>(CONTINENTS);
  for (const r of t.network?.inter_region ?? []) for (const end of [r.from, r.to]) if (end !== 'any' && !continents.has(end)) out.push(end);
  return out;
}

describe('bundled pricing tables', () => {
  it('are one per provider, named for it', () => {
    expect(tables.map((t) => t.file).sort()).toEqual(['aws.yaml', 'azure.yaml', 'gcp.yaml']);
    for (const { file, table } of tables) expect(file).toBe(`${table.provider}.yaml`);
  });

  it.each(tables)('$file is dated, sourced and only prices regions it lists', ({ table }) => {
    expect(table.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.source).toMatch(/^https:\/\//);
    const listed = new Set(Object.keys(table.regions ?? {}));
    expect(regionsUsed(table).filter((r) => !listed.has(r))).toEqual([]);
  });

  it.each(tables)('$file describes every instance and prices it somewhere, GPU instances with their GPUs', ({ table }) => {
    for (const [name, i] of Object.entries(table.instances ?? {})) {
      expect(i.vcpus, name).toBeDefined();
      expect(i.memory_gb, name).toBeDefined();
      // A type sold only as spot (A3 High with fewer than 8 GPUs) has spot prices and says why in a note.
      if (i.on_demand === undefined) {
        expect(i.note, name).toMatch(/spot/);
        expect(Object.keys(i.spot ?? {}).length, name).toBeGreaterThan(0);
      } else expect(Object.keys(i.on_demand).length, name).toBeGreaterThan(0);
      if (/^(p\d|g\d|a\d|Standard_N)/.test(name)) expect(i.gpu?.count.gt(0), name).toBe(true);
    }
  });

  it.each(tables)('$file dates every spot snapshot and commitment, and prices commitments only where it prices on-demand (or, for a type not sold on demand, spot)', ({ table }) => {
    for (const [name, i] of Object.entries(table.instances ?? {})) {
      if (i.spot) expect(i.spot_as_of, `${name} spot_as_of`).toBeDefined();
      for (const c of i.commitments ?? []) {
        expect(c.as_of ?? (typeof i.as_of === 'string' ? i.as_of : table.as_of), name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const region of Object.keys(c.rates)) {
          // A type Google sells only as spot and committed (A4) has no on-demand rate to compare with: its note says so.
          if (i.on_demand === undefined) {
            expect(i.note, name).toMatch(/no on-demand/);
            expect(i.spot?.[region], `${name} ${c.purchase} ${c.term} in ${region}`).toBeDefined();
            continue;
          }
          expect(i.on_demand?.[region], `${name} ${c.purchase} ${c.term} in ${region}`).toBeDefined();
          // A commitment is a discount: never above the on-demand rate it is compared with.
          expect(c.rates[region]!.lte(i.on_demand![region]!), `${name} ${c.purchase} ${c.term} in ${region}`).toBe(true);
        }
      }
    }
  });

  it('states Google rates per GiB and AWS/Azure per GB', () => {
    const unit = (p: string) => tables.find((t) => t.table.provider === p)!.table.units?.transfer;
    expect(unit('gcp')).toBe('GiB');
    expect(unit('aws')).toBe('GB');
    expect(unit('azure')).toBe('GB');
  });

  it('carry the post-June-2025 AWS P4/P5 prices, not the stale ones', () => {
    const aws = tables.find((t) => t.table.provider === 'aws')!.table;
    expect(aws.instances?.['p4d.24xlarge']?.on_demand?.['us-east-1']?.toFixed()).toBe('21.957642');
    expect(aws.instances?.['p5.48xlarge']?.on_demand?.['us-east-1']?.toFixed()).toBe('55.04');
  });
});
