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
