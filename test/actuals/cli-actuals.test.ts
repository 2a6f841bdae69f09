import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { tollgate } from '../cli-run.js';

// These tests are about the billing sources, not the tables: at the pinned clock (2026-11-25) the bundled
// gcp table is older than 90 days, and since issue 16 every verb that prices warns about it on stderr.
process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

const RECSYS = 'scenarios/recsys-feature-store.yaml';
const SAMPLE = ['actuals', RECSYS, '--month', '2026-10', '--source', 'sample'];

describe('tollgate actuals --source sample', () => {
  it('prints the table and exits 4: the total is within 10% but storage and egress are not', async () => {
    const { code, stdout, stderr } = await tollgate(SAMPLE);
    expect(stderr).toBe('');
    expect(code).toBe(4);
    expect(stdout).toMatch(/^recsys-feature-store · actuals for 2026-10 · USD/);
    expect(stdout).toContain('\ncost: billed (BilledCost)\n');
    expect(stdout).toMatch(/EGRESS +\$1,009\.02 +\$1,175\.15 +\+\$166\.12 +\+16\.5% ▲/);
    expect(stdout).toMatch(/NatGateway-Bytes +\$425\.21/);
    expect(stdout).toMatch(/credit +-\$1,000\.00/);
    expect(stdout).toContain('OVER: storage +13.3%, egress +16.5% past the 10% threshold (exit 4)');
    expect(stdout).not.toContain('p5.48xlarge'); // another team's spend, dropped by the tag selector
    for (const l of stdout.trimEnd().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('passes with a looser threshold', async () => {
    const { code, stdout } = await tollgate([...SAMPLE, '--threshold', '20%']);
    expect(code).toBe(0);
    expect(stdout).toContain('ok: total and every category within 20% of the projection');
  });

  it('--format json: decimal strings that add up, unplanned and adjustments apart', async () => {
    const { code, stdout, stderr } = await tollgate([...SAMPLE, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(4);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ scenario: 'recsys-feature-store', month: '2026-10', currency: 'USD', cost_basis: 'billed', over: true, threshold: '0.1' });
    expect(out.period).toEqual({ elapsed_days: 31, days: 31, partial: false });
    const categories = out.categories.reduce((s: Decimal, c: { actual: string }) => s.plus(c.actual), new Decimal(0));
    expect(categories.eq(out.total.actual)).toBe(true);
    const lines = out.lines.reduce((s: Decimal, l: { actual: string }) => s.plus(l.actual), new Decimal(0));
    const unplanned = out.unplanned.reduce((s: Decimal, u: { cost: string }) => s.plus(u.cost), new Decimal(0));
    expect(lines.plus(unplanned).eq(out.total.actual)).toBe(true);
    expect(out.adjustments).toEqual([{ kind: 'credit', cost: '-1000' }]);
    expect(new Decimal(out.net).eq(new Decimal(out.total.actual).minus(1000))).toBe(true);
    expect(out.daily).toHaveLength(31);
    expect(out.lines.find((l: { name: string }) => l.name === 'trainers').matched).toEqual(['BoxUsage:p4d.24xlarge', 'SpotUsage:p4d.24xlarge']);
  });

  it('--format csv and markdown', async () => {
    const csv = await tollgate([...SAMPLE, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('scenario,month,row,name,category,provider,region,projected,actual,difference,variance,flag,cost_basis,service,billed_quantity,billed_unit,billed_rate,planned_quantity,planned_unit,planned_rate');
    expect(csv.stdout).toMatch(/recsys-feature-store,2026-10,category,egress,egress,,,1009\.\d+,1175\.\d+,166\.\d+,0\.16\d+,over,billed/);
    const md = await tollgate([...SAMPLE, '--format', 'markdown']);
    expect(md.stdout).toContain('| **egress** | **$1,009.02** | **$1,175.15** | **+$166.12** | **+16.5% ▲** |');
  });
});

describe('tollgate actuals: arguments', () => {
  it.each([
    [['actuals', RECSYS, '--source', 'sample'], /needs --month/],
    [['actuals', RECSYS, '--month', '2026-10'], /needs --source/],
    [['actuals', RECSYS, '--month', 'Oct', '--source', 'sample'], /not YYYY-MM/],
    [['actuals', RECSYS, '--month', '2026-10', '--source', 'sample', '--threshold', '10'], /not a percentage/],
    [['actuals', RECSYS, '--month', '2026-09', '--source', 'sample'], /sample bill covers 2026-10 only/],
    [['actuals', RECSYS, '--month', '2026-10', '--source', 'bills/missing.csv'], /bills\/missing\.csv: error: billing file not found/],
    [['actuals', RECSYS, '--month', '2026-10', '--source', 'gcp'], /recsys-feature-store\.yaml:\d+:\d+: error: --source gcp needs actuals\.gcp\.billing_export/],
    [['actuals', RECSYS, '--month', '2026-10', '--source', 'gcp', '--max-scan', '50gigs'], /--max-scan "50gigs" is not a size \(e\.g\. 50GB or 200GiB\)/],
    [['actuals', RECSYS, '--month', '2026-10', '--source', 'aws', '--max-scan', '50GB'], /--max-scan caps the BigQuery scan of --source gcp; --source aws reads no BigQuery table/],
  ])('%j → exit 2', async (args, message) => {
    const { code, stderr, stdout } = await tollgate(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('compares month-to-date with the pro-rated projection when the month is not over', async () => {
    // The sample's month seen from Oct 16: 15 complete days of 31.
    const { stdout } = await tollgate([...SAMPLE, '--format', 'json'], { env: { TOLLGATE_NOW: '2026-10-16T08:00:00Z' } });
    const out = JSON.parse(stdout);
    expect(out.period).toEqual({ elapsed_days: 15, days: 31, partial: true });
    const plan = JSON.parse((await tollgate(['estimate', RECSYS, '--format', 'json'])).stdout);
    expect(new Decimal(out.total.projected).eq(new Decimal(plan.totals.total).times(15).div(31))).toBe(true);
    expect(out.daily.every((d: { day: string }) => d.day < '2026-10-16')).toBe(true);
    expect(out.forecast.basis).toBe('run-rate');
    const table = await tollgate(SAMPLE, { env: { TOLLGATE_NOW: '2026-10-16T08:00:00Z' } });
    expect(table.stdout).toContain('month to date: 15 of 31 days');
    expect(table.stdout).toMatch(/forecast for the whole month: \$[\d,.]+ \(month-to-date at the same daily rate/);
    for (const l of table.stdout.trimEnd().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(new Decimal(out.forecast.total).eq(new Decimal(out.total.actual).times(31).div(15))).toBe(true);
  });
});
