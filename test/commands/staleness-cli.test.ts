import { afterEach, describe, expect, it, vi } from 'vitest';
import { runMain } from '../pricing/run-main.js';

// The bundled aws table is as of 2026-10-02 and gcp 2026-07-30: 60 and 124 days old on 2026-12-01
// (the us-east-1 rows these plans use are of 2026-09-10, 82 days).
const A = 'scenarios/feature-store-replicated.yaml';
const B = 'scenarios/feature-store-read-nightly.yaml';
const RECSYS = 'scenarios/recsys-feature-store.yaml';

/** Every verb that prices a scenario, with what it needs to run. */
const VERBS: Record<string, string[]> = {
  estimate: ['estimate', RECSYS],
  compare: ['compare', A, B],
  check: ['check', RECSYS],
  actuals: ['actuals', RECSYS, '--source', 'sample', '--month', '2026-10'],
  breakeven: ['breakeven', A, B, '--vary', 'transfers.nightly-feature-read.gb_per_day'],
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('one staleness rule for every verb that prices (issue 16, 4)', () => {
  for (const [verb, argv] of Object.entries(VERBS)) {
    it(`${verb}: --max-age 100 warns about the gcp table on stderr, not the aws one; the report names its tables and dates`, async () => {
      vi.stubEnv('TOLLGATE_NOW', '2026-12-01T12:00:00Z');
      const r = await runMain([...argv, '--max-age', '100']);
      expect(r.stderr).not.toMatch(/Unknown option|unknown/i);
      expect([0, 4]).toContain(r.code);
      expect(r.stderr).toMatch(/warning: \S*gcp\.yaml prices are 124 days old \(as_of 2026-07-30, older than 100 days\)/);
      expect(r.stderr).not.toMatch(/aws\.yaml prices are|aws us-east-1 rates/);
      expect(r.stdout).toMatch(/pricing: (.* · )?aws 2026-10-02/i);
    });

    it(`${verb}: TOLLGATE_PRICING_MAX_AGE_DAYS is the same rule; within it, no warning`, async () => {
      vi.stubEnv('TOLLGATE_NOW', '2026-12-01T12:00:00Z');
      vi.stubEnv('TOLLGATE_PRICING_MAX_AGE_DAYS', '40');
      const r = await runMain(argv);
      expect(r.stderr).toMatch(/aws\.yaml prices are 60 days old/);
      vi.stubEnv('TOLLGATE_PRICING_MAX_AGE_DAYS', '130');
      expect((await runMain(argv)).stderr).not.toMatch(/warning/);
    });

    it(`${verb} --format json names its tables with dates and sources`, async () => {
      const r = await runMain([...argv, '--format', 'json']);
      const body = JSON.parse(r.stdout);
      const pricing = body.pricing ?? body.scenarios?.[0]?.pricing;
      expect(pricing.find((p: { provider: string }) => p.provider === 'aws')).toMatchObject({ as_of: '2026-10-02', source: expect.stringMatching(/^https:\/\//) });
    });
  }

  it('check --format markdown names its tables', async () => {
    const r = await runMain(['check', RECSYS, '--format', 'markdown']);
    expect(r.stdout).toContain('Pricing (recsys-feature-store): aws 2026-10-02 · gcp 2026-07-30');
  });

  it('a bad --max-age is refused on every verb', async () => {
    for (const argv of Object.values(VERBS)) {
      const r = await runMain([...argv, '--max-age', 'soon']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--max-age takes a whole number of days, got "soon"');
    }
  });
});
