import { describe, expect, it } from 'vitest';
import { runMain } from '../pricing/run-main.js';

const AS_DEPLOYED = 'scenarios/recsys-as-deployed.yaml';

describe('tollgate advise', () => {
  it('lists the NAT → S3 gateway endpoint saving on the as-deployed example, with its dollar figure (issue 15, done when)', async () => {
    const r = await runMain(['advise', AS_DEPLOYED, '--max-age', '100000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/transfers\.checkpoint-sync · saves \$67\.50\/month · nat-to-gateway-endpoint/);
    expect(r.stdout).toContain('change   transfers.checkpoint-sync.via: gateway-endpoint');
    expect(r.stdout).toContain('total    $20,985.21 → $20,917.71');
    // Its put requests are a range: priced at the point value, as estimate prices them, and said.
    expect(r.stdout).toContain('ranged inputs (1) are priced at their point values');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(79);
  });

  it('JSON: exact decimal strings, the edits as operations, the rules it ran', async () => {
    const r = await runMain(['advise', AS_DEPLOYED, '--format', 'json', '--max-age', '100000']);
    const body = JSON.parse(r.stdout);
    const nat = body.findings.find((f: { rule: string }) => f.rule === 'nat-to-gateway-endpoint');
    expect(nat).toMatchObject({ saving: '67.5', priced_by: 'engine', edits: [{ op: 'set', path: 'transfers.checkpoint-sync.via', value: 'gateway-endpoint' }] });
    expect(Number(body.total) - Number(nat.after)).toBeCloseTo(67.5, 9);
    expect(body.rules.map((x: { id: string }) => x.id)).toContain('cross-cloud-replica');
    expect(body.findings.map((f: { n: number }) => f.n)).toEqual([1, 2]);
    expect(body.ranged_inputs_at_point_values).toBe(1);
  });

  it('Markdown: a table of findings fit for a pull request', async () => {
    const r = await runMain(['advise', AS_DEPLOYED, '--format', 'markdown', '--max-age', '100000']);
    expect(r.stdout).toContain('| 2 | `transfers.checkpoint-sync` (nat-to-gateway-endpoint) |');
    expect(r.stdout).toContain('| $67.50 | `transfers.checkpoint-sync.via: gateway-endpoint` |');
  });

  it('--fail-over: exit 3 when a finding saves more than the amount, 0 when none does', async () => {
    const over = await runMain(['advise', AS_DEPLOYED, '--fail-over', '100', '--max-age', '100000']);
    expect(over.code).toBe(3);
    expect(over.stderr).toContain('a finding saves 287.44 USD/month, over --fail-over 100');
    expect((await runMain(['advise', AS_DEPLOYED, '--fail-over', '1000', '--max-age', '100000'])).code).toBe(0);
  });

  it('bad arguments exit 2 with what is wrong', async () => {
    const none = await runMain(['advise']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('advise takes one SCENARIO file');
    const amount = await runMain(['advise', AS_DEPLOYED, '--fail-over', 'lots']);
    expect(amount.code).toBe(2);
    expect(amount.stderr).toContain('--fail-over takes an amount in dollars a month');
    expect((await runMain(['advise', AS_DEPLOYED, '--format', 'csv'])).code).toBe(2);
  });

  it('a plan with nothing to avoid says so and exits 0', async () => {
    const r = await runMain(['advise', 'scenarios/azure-training.yaml', '--max-age', '100000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/azure-training: \$14,775\.99\/month; nothing avoidable found \(7 rules\)\n/);
  });
});
