import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tollgate } from './cli-run.js';
import { REPO } from './helpers.js';

/**
 * Golden outputs: the `estimate`, `compare` and `actuals` JSON (and the actuals
 * table, whose wording names the source) of every bundled example, byte for
 * byte as the built CLI prints them. They pin behaviour across restructurings:
 * a change that moves a figure or a word fails here and must be made on purpose.
 * Regenerate, and review the diff, with
 *   UPDATE_GOLDEN=1 npx vitest run test/golden-outputs.test.ts
 */
const GOLDEN = join(REPO, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const scenarios = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const bills = readdirSync(join(REPO, 'scenarios', 'actuals')).filter((f) => f.endsWith('.csv')).sort();
const stem = (f: string) => f.replace(/\.(yaml|focus\.csv)$/, '');
const path = (f: string) => `scenarios/${f}`;

const cases: { name: string; args: string[] }[] = [
  ...scenarios.map((s) => ({ name: `estimate-${stem(s)}`, args: ['estimate', path(s), '--format', 'json'] })),
  { name: 'compare-all', args: ['compare', ...scenarios.map(path), '--format', 'json'] },
  ...scenarios.flatMap((s) => [
    { name: `actuals-${stem(s)}-sample`, args: ['actuals', path(s), '--month', '2026-10', '--source', 'sample', '--format', 'json'] },
    ...bills.map((b) => ({ name: `actuals-${stem(s)}-file-${stem(b)}`, args: ['actuals', path(s), '--month', '2026-10', '--source', `scenarios/actuals/${b}`, '--format', 'json'] })),
  ]),
  { name: 'actuals-table-recsys-sample', args: ['actuals', path('recsys-feature-store.yaml'), '--month', '2026-10', '--source', 'sample'] },
  { name: 'actuals-table-azure-file', args: ['actuals', path('azure-training.yaml'), '--month', '2026-10', '--source', 'scenarios/actuals/azure-training-2026-10.focus.csv'] },
];

/** One file per case: the exit code, then stdout and stderr exactly as printed. */
function render(r: { code: number; stdout: string; stderr: string }): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

describe('golden outputs of the bundled examples', () => {
  it('covers every bundled scenario and bill', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(6);
    expect(bills.length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases)('$name', async ({ name, args }) => {
    const got = render(await tollgate(args));
    const file = join(GOLDEN, `${name}.txt`);
    if (UPDATE) writeFileSync(file, got);
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(got).toBe(readFileSync(file, 'utf8'));
  });

  it('has no golden file without a case', () => {
    const names = new Set(cases.map((c) => `${c.name}.txt`));
    expect(readdirSync(GOLDEN).filter((f) => !names.has(f))).toEqual([]);
  });
});
