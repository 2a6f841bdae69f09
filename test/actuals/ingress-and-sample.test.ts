import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';

const RECSYS = 'scenarios/recsys-feature-store.yaml';

describe('tollgate actuals (issue 16, smaller items)', () => {
  it("shows the plan's $0 INGRESS category and its line, as it shows $0 egress lines", async () => {
    const r = await runMain(['actuals', RECSYS, '--source', 'sample', '--month', '2026-10']);
    expect(r.stdout).toMatch(/^INGRESS +\$0\.00 +\$0\.00 +\$0\.00$/m);
    expect(r.stdout).toMatch(/^ {2}click-events-in +\$0\.00 +\$0\.00 +\$0\.00$/m);
    const json = JSON.parse((await runMain(['actuals', RECSYS, '--source', 'sample', '--month', '2026-10', '--format', 'json'])).stdout);
    expect(json.categories.map((c: { category: string }) => c.category)).toContain('ingress');
  });

  it('--source sample says the bill was made for the bundled example, not "a realistic month for this scenario"', async () => {
    const r = await runMain(['actuals', 'scenarios/single-cloud-training.yaml', '--source', 'sample', '--month', '2026-10']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('a month of the bundled example only: not a real invoice');
    expect(r.stdout).not.toContain('a realistic month for this scenario');
  });
});
