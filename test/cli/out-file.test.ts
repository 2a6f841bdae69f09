import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cli/verbs.js';
import { tollgate } from '../cli-run.js';

const dir = () => mkdtempSync(join(tmpdir(), 'tollgate-out-'));

describe('--out-file', () => {
  it('is taken by every verb that prints a report', () => {
    const reporting = VERBS.filter((v) => 'out-file' in v.options).map((v) => v.name);
    expect(reporting).toEqual(expect.arrayContaining(['estimate', 'compare', 'check', 'breakeven', 'actuals', 'pricing']));
    for (const name of reporting) expect(VERBS.find((v) => v.name === name)!.usage).toContain('--out-file FILE');
  });

  it('writes exactly what stdout would have shown, and nothing to stdout', async () => {
    const file = join(dir(), 'estimate.md');
    const direct = await tollgate(['estimate', 'scenarios/azure-training.yaml', '--format', 'markdown']);
    const toFile = await tollgate(['estimate', 'scenarios/azure-training.yaml', '--format', 'markdown', '--out-file', file]);
    expect(toFile).toMatchObject({ code: 0, stdout: '' });
    expect(toFile.stderr).toBe(`wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(direct.stdout);
  });

  it('still writes the report when the gate fails (exit 3, exit 4)', async () => {
    const d = dir();
    const check = await tollgate(['check', 'docs/examples/gpu-pool.yaml', '--out-file', join(d, 'check.txt')]);
    expect(check.code).toBe(3);
    expect(readFileSync(join(d, 'check.txt'), 'utf8')).toContain('1 of 1 over budget → exit 3');
    const actuals = await tollgate(['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'sample', '--format', 'json', '--out-file', join(d, 'a.json')]);
    expect(actuals.code).toBe(4);
    expect(JSON.parse(readFileSync(join(d, 'a.json'), 'utf8')).over).toBe(true);
  });

  it('leaves an existing file as it was on bad input, and no temp file behind', async () => {
    const d = dir();
    const file = join(d, 'report.txt');
    writeFileSync(file, 'last week\n');
    const bad = await tollgate(['estimate', 'docs/examples/plan.yaml', '--out-file', file]);
    expect(bad.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('last week\n');
    const good = await tollgate(['compare', 'scenarios/feature-store-replicated.yaml', 'scenarios/feature-store-read-nightly.yaml', '--out-file', file]);
    expect(good.code, good.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^compare · monthly cost/);
    expect(readdirSync(d)).toEqual(['report.txt']);
  });
});
