import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from './scenario-files.js';

// g5.xlarge at 1.006/h (bundled, us-east-1): 2 nodes × 100 h = 201.2.
const node = (count: string) => `nodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: ${count}, hours: 100}]\n`;
const files = scenarioFiles({
  within: `name: within\nbudget: {monthly: 250}\n${node('2')}`,
  alert: `name: alert\nbudget: {monthly: 250, alert_at: 0.8}\n${node('2')}`,
  over: `name: over\nbudget: {monthly: 200}\n${node('2')}`,
  unbudgeted: `name: unbudgeted\n${node('2')}`,
  // Point value 2 nodes = 201.2 fits 250, but up to 4 nodes (402.4) are possible: the p95 does not fit.
  // 2,000,000 nodes × 100 h × 1.006 = $201,200,000: a nine-figure plan, a name longer than the row.
  huge: `name: ${'a-very-long-scenario-name-'.repeat(3)}\nbudget: {monthly: 150000000}\n${node('2000000')}`,
  ranged: `name: ranged\nbudget: {monthly: 250}\n${node('{low: 1, expected: 2, high: 4}')}`,
});

describe('tollgate check', () => {
  it('exit 0 when every projection is within its budget; alert_at is a warning', async () => {
    const r = await runMain(['check', files.within!, files.alert!, files.unbudgeted!]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$201.20 of $250.00 (80.5% used), $48.80 to spare');
    expect(r.stdout).toContain('past the 80% alert line');
    expect(r.stdout).toContain('no budget');
    expect(r.stdout).toContain('all within budget; 1 without a budget (not gated)');
  });

  it('a nine-figure plan with a long name stays within 80 columns: the name cut, the lines wrapped', async () => {
    const r = await runMain(['check', files.huge!, files.unbudgeted!]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/\$201,200,000\.00 of \$150,000,000\.00 \(134\.1% used\), over by\s+\$51,200,000\.00/);
    expect(r.stdout).toContain('a-very-long-scenario-name-a-very-long-scenario-name-a-very-long-…');
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('exit 3 when any projection exceeds its budget', async () => {
    const r = await runMain(['check', files.within!, files.over!]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('$201.20 of $200.00 (100.6% used), over by $1.20');
    expect(r.stdout).toContain('1 of 2 over budget → exit 3');
  });

  it('with ranges, the p95 of the sampled total must fit: exit 3 though the point value fits', async () => {
    const r = await runMain(['check', files.ranged!, '--format', 'json', '--samples', '2000']);
    expect(r.code).toBe(3);
    const v = JSON.parse(r.stdout).scenarios[0];
    expect(v.measure).toBe('p95');
    expect(v.over).toBe(true);
    expect(v.value).toBe('301.8'); // 3 nodes: the p95 of a whole count from {1, 2, 4}
    expect(Number(v.p_over_budget)).toBeGreaterThan(0.1);
  });

  it('--percentile p50 holds the median instead: exit 0', async () => {
    const r = await runMain(['check', files.ranged!, '--percentile', 'p50', '--samples', '2000', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| ranged | p50 $201.20 | $250.00 | 80.5% |');
  });

  it('bad --percentile or --samples: exit 2', async () => {
    expect((await runMain(['check', files.within!, '--percentile', '100'])).code).toBe(2);
    const r = await runMain(['check', files.within!, '--samples', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--samples must be a whole number');
  });
});
