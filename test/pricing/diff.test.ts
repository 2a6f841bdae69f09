import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffTables, rateEntries } from '../../src/pricing/diff.js';
import { readPricingFile } from '../../src/pricing/load.js';
import { parseYamlSource } from '../../src/model/yaml-source.js';
import { validate } from '../../src/model/validate.js';
import { pricingTableSchema } from '../../src/model/pricing.js';
import { FIXTURE_PRICING } from '../helpers.js';
import { runMain } from './run-main.js';

const base = readPricingFile(join(FIXTURE_PRICING, 'aws.yaml')).table;
const table = (yaml: string) => validate(pricingTableSchema(), parseYamlSource(yaml, 'inline.yaml'));

const OLD = `provider: aws
as_of: "2025-05-01"
source: test
regions: {us-east-1: {continent: north-america}, us-west-2: {continent: north-america}}
instances:
  p5.48xlarge: {on_demand: {us-east-1: 98.32}}
  g5.xlarge: {on_demand: {us-east-1: 1.006, us-west-2: 1.006}}
storage:
  s3-standard: {rates: {us-east-1: [{up_to: 51200, rate: 0.023}, {rate: 0.022}]}}
network:
  inter_region: [{from: us-east-1, to: any, rate: 0.02}]
  internet_egress: {tiers: [{up_to: 100, rate: 0}, {rate: 0.09}]}
`;
const NEW = `provider: aws
as_of: "2025-07-01"
source: test
regions: {us-east-1: {continent: north-america}, us-west-2: {continent: north-america}}
instances:
  p5.48xlarge: {on_demand: {us-east-1: 55.04}, spot: {us-east-1: 30.24}}
  g5.xlarge: {on_demand: {us-east-1: 1.006}}
storage:
  s3-standard: {rates: {us-east-1: [{up_to: 51200, rate: 0.023}, {rate: 0.021}]}}
network:
  inter_region: [{from: us-east-1, to: any, rate: 0.02}]
  internet_egress: {tiers: [{up_to: 100, rate: 0}, {rate: 0.09}]}
`;

describe('diffTables', () => {
  it('lists changed, added and removed rates with the exact relative change', () => {
    const changes = diffTables(table(OLD), table(NEW));
    expect(changes.map((c) => [c.change, c.item, c.detail, c.old?.toFixed(), c.new?.toFixed()])).toEqual([
      ['changed', 'instance p5.48xlarge', 'us-east-1 on-demand', '98.32', '55.04'],
      ['changed', 'storage s3-standard', 'us-east-1 over 51200 GB', '0.022', '0.021'],
      ['added', 'instance p5.48xlarge', 'us-east-1 spot', undefined, '30.24'],
      ['removed', 'instance g5.xlarge', 'us-west-2 on-demand', '1.006', undefined],
    ]);
    // (55.04 − 98.32) / 98.32, exactly: the June 2025 cut of about 44%.
    expect(changes[0]!.ratio!.times(100).toDecimalPlaces(4).toFixed()).toBe('-44.0195');
  });

  it('finds nothing between a table and itself', () => {
    expect(diffTables(base, base)).toEqual([]);
    expect(rateEntries(base).length).toBeGreaterThan(10);
  });

  it('has no ratio for a rate that was zero', () => {
    const older = table(OLD.replace('{up_to: 100, rate: 0}, {rate: 0.09}', '{up_to: 100, rate: 0}, {rate: 0}'));
    const change = diffTables(older, table(NEW)).find((c) => c.item === 'internet egress')!;
    expect(change).toMatchObject({ change: 'changed', detail: 'over 100 GB' });
    expect(change.ratio).toBeUndefined();
  });
});

describe('tollgate pricing diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-diff-'));
  writeFileSync(join(dir, 'old.yaml'), OLD);
  writeFileSync(join(dir, 'new.yaml'), NEW);

  it('prints JSON with decimal strings and the percentage change', async () => {
    const { code, stdout } = await runMain(['pricing', 'diff', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.old.as_of).toBe('2025-05-01');
    expect(out.changes[0]).toEqual({ change: 'changed', item: 'instance p5.48xlarge', where: 'us-east-1 on-demand', unit: '$/hour', old: '98.32', new: '55.04', change_pct: expect.stringMatching(/^-44\.0195/) });
  });

  it('prints a markdown table and a plain table with rounded percentages', async () => {
    const md = (await runMain(['pricing', 'diff', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--format', 'markdown'])).stdout;
    expect(md).toContain('| changed | instance p5.48xlarge | us-east-1 on-demand | $98.32 | $55.04 | -44.0% | $/hour |');
    const text = (await runMain(['pricing', 'diff', join(dir, 'old.yaml'), join(dir, 'new.yaml')])).stdout;
    expect(text).toContain('2 changed, 1 added, 1 removed');
    expect(text).toMatch(/^removed\s+instance g5\.xlarge\s+us-west-2 on-demand\s+\$1\.006\s+—/m);
  });

  it('refuses to compare tables of different providers', async () => {
    const { code, stderr } = await runMain(['pricing', 'diff', 'gcp', join(dir, 'new.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot compare the gcp table with the aws table');
  });
});
