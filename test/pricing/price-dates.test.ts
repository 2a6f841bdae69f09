import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageInDays, stalePriceWarnings } from '../../src/pricing/staleness.js';
import { tollgate } from '../cli-run.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'price-dates-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const spotPlan = write(
  'spot.yaml',
  `name: spot-h200
nodes:
  - {name: trainers, provider: aws, region: us-east-1, instance: p5en.48xlarge, count: 2, hours: 100, purchase: spot}
`,
);

describe('per-price dates', () => {
  it('labels a spot line with its snapshot date, not the table date, and warns when it is stale', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', spotPlan, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = out.lines.find((l: { name: string }) => l.name === 'trainers');
    expect(line).toMatchObject({ rate: '27.1988', as_of: '2026-08-06' });
    expect(out.assumptions).toContain(
      "nodes.trainers: spot at $27.1988/h is the pricing table's snapshot (as of 2026-08-06); spot prices move daily and interrupted work re-runs",
    );
    // The table (2026-10-02) is 54 days old at the pinned clock: only the spot price warns.
    expect(ageInDays('2026-08-06', new Date('2026-11-25T12:00:00Z'))).toBe(111);
    expect(stderr).toBe(
      'warning: nodes.trainers is priced at aws us-east-1 rates of 2026-08-06, 111 days old (older than 90 days): 2 × p5en.48xlarge (8× H200) spot, 100 h each\n',
    );
  });

  it('a fresh override of that spot price carries its own date and silences the warning', async () => {
    const override = write(
      'spot-today.yaml',
      `provider: aws
as_of: "2026-11-24"
source: https://example.test/describe-spot-price-history
instances:
  p5en.48xlarge:
    spot: {us-east-1: 25.5}
`,
    );
    const { code, stdout, stderr } = await tollgate(['estimate', spotPlan, '--pricing', override, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const line = JSON.parse(stdout).lines.find((l: { name: string }) => l.name === 'trainers');
    expect(line).toMatchObject({ rate: '25.5', as_of: '2026-11-24' });
  });

  it('a fresh override of a dated storage row dates only the region it prices', async () => {
    const plan = write(
      'lustre.yaml',
      `name: lustre
storage:
  - {name: north, provider: azure, region: northeurope, class: azure-managed-lustre-premium-125, gb: 1000}
  - {name: west, provider: azure, region: westeurope, class: azure-managed-lustre-premium-125, gb: 1000}
`,
    );
    const override = write(
      'lustre-today.yaml',
      `provider: azure
as_of: "2026-11-24"
source: https://example.test/retail-prices
storage:
  azure-managed-lustre-premium-125:
    rates: {northeurope: 0.17}
`,
    );
    const { code, stdout, stderr } = await tollgate(['estimate', plan, '--pricing', override, '--format', 'json']);
    expect(code).toBe(0);
    const lines = JSON.parse(stdout).lines;
    expect(lines.find((l: { name: string }) => l.name === 'north')).toMatchObject({ rate: '0.17', as_of: '2026-11-24' });
    expect(lines.find((l: { name: string }) => l.name === 'west')).toMatchObject({ rate: '0.18834', as_of: '2026-07-15' });
    expect(stderr).not.toContain('storage.north');
    expect(stderr).toContain('warning: storage.west is priced at azure westeurope rates of 2026-07-15');
  });

  it('warns on the price a line used, only past the limit', () => {
    const line = { kind: 'node', name: 'a', provider: 'gcp', region: 'europe-west4', description: '1 × x', as_of: '2026-07-30' } as Parameters<typeof stalePriceWarnings>[0][number];
    const today = new Date('2026-11-25T12:00:00Z');
    expect(stalePriceWarnings([line], today, 118)).toEqual([]);
    expect(stalePriceWarnings([line], today, 117)).toEqual([
      'warning: nodes.a is priced at gcp europe-west4 rates of 2026-07-30, 118 days old (older than 117 days): 1 × x',
    ]);
    expect(stalePriceWarnings([{ ...line, as_of: undefined }], today, 1)).toEqual([]);
  });

  it('names ten stale lines and counts the rest in one warning', () => {
    const today = new Date('2026-11-25T12:00:00Z');
    const lines = Array.from({ length: 25 }, (_, i) => ({
      kind: 'node', name: `n${i}`, provider: 'gcp', region: 'europe-west4', description: '1 × x', as_of: i === 17 ? '2026-05-01' : '2026-07-30',
    })) as unknown as Parameters<typeof stalePriceWarnings>[0];
    const out = stalePriceWarnings(lines, today, 30);
    expect(out).toHaveLength(11);
    expect(out[9]).toContain('nodes.n9 ');
    expect(out[10]).toBe("warning: 15 more lines are priced at rates older than 30 days (the oldest of 2026-05-01); each line's as_of is in --format json");
  });
});

describe('an on-demand plan on a type sold only as spot', () => {
  it('says so and how to fix it', async () => {
    const plan = write('a3.yaml', 'name: a3\nnodes:\n  - {name: t, provider: gcp, region: us-central1, instance: a3-highgpu-1g, count: 1}\n');
    const { code, stderr } = await tollgate(['estimate', plan]);
    expect(code).toBe(2);
    expect(stderr).toContain('a3-highgpu-1g has no on-demand price in us-central1: A3 High with fewer than 8 GPUs is sold as spot and Flex-start only');
    expect(stderr).toContain('use purchase: spot (priced at $6.32619260273973/h)');
  });
});
