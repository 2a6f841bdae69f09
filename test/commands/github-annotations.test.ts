import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotation } from '../../src/format/github-annotations.js';
import { tollgate } from '../cli-run.js';
import { REPO } from '../helpers.js';

/** The 1-based line of the first line of `file` that matches. */
function lineOf(file: string, re: RegExp): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l)) + 1;
}

describe('--format github-annotations', () => {
  it('escapes as the runner decodes: % CR LF in the message, and : , in properties', () => {
    expect(annotation('error', { file: 'a,b:c.yaml', position: { line: 3, col: 5 } }, 'over: budget', '100% used\nover')).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=3,col=5,title=over%3A budget::100%25 used%0Aover',
    );
  });

  it('check: an ::error on the budget: line of each scenario over budget, a ::warning past alert_at, exit 3', async () => {
    const over = join(process.env.TMPDIR!, 'over-budget.yaml');
    writeFileSync(over, readFileSync(join(REPO, 'scenarios/recsys-feature-store.yaml'), 'utf8').replace('monthly: 40000', 'monthly: 20000'));
    const r = await tollgate(['check', over, 'scenarios/feature-store-read-nightly.yaml', 'scenarios/cross-region-replication.yaml', '--format', 'github-annotations']);
    expect(r.code).toBe(3);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(commands).toEqual([
      `::error file=${over},line=${lineOf(over, /^budget:/)},col=1,title=over budget::recsys-feature-store: $23,262.08/month is 116.3%25 of the $20,000.00 budget, over by $3,262.08`,
      `::warning file=scenarios/feature-store-read-nightly.yaml,line=${lineOf(join(REPO, 'scenarios/feature-store-read-nightly.yaml'), /^budget:/)},col=1,title=past the budget alert line::feature-store-read-nightly: p95 $8,306.65/month is 83.1%25 of the $10,000.00 budget (alert at 80%25)`,
    ]);
    expect(r.stdout).toContain('1 of 3 over budget → exit 3');
  });

  it('actuals: an ::error on each scenario line whose spend is over the threshold, exit 4', async () => {
    const file = 'scenarios/recsys-feature-store.yaml';
    const r = await tollgate(['actuals', file, '--month', '2026-10', '--source', 'sample', '--format', 'github-annotations']);
    expect(r.code).toBe(4);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    const predictions = lineOf(join(REPO, file), /name: predictions-to-users/);
    expect(commands[0]).toBe(
      `::error file=${file},line=${predictions},col=5,title=actual spend over plan::predictions-to-users: $271.29 actual vs $194.52 projected (+39.5%25, threshold ±10%25) in 2026-10`,
    );
    // Storage is over as a category while each of its lines is within the threshold: pinned on the storage: section.
    expect(commands[1]).toMatch(new RegExp(`^::error file=${file},line=${lineOf(join(REPO, file), /^ {2}- name: feature-store\s/)},col=\\d+,title=storage over plan::`));
    expect(commands).toHaveLength(2);
  });
});
