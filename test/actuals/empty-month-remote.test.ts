import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';
import { cliEnv, month, startCostExplorer, type SeenRequest } from './ce-server.js';
import { billingExport, gcpCli, startGoogle, tokenExchange } from './bq-server.js';

// Stale-table warnings are not these tests' concern.
const QUIET = { TOLLGATE_PRICING_MAX_AGE_DAYS: '3650' };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/**
 * A month the account has no charges for is no pass: with no rows every plan line reads as unused,
 * which a loose threshold lets through (issue 11). Cost Explorer and BigQuery say it as a billing file does.
 */
describe('an empty month from a remote source exits 2', () => {
  it('Cost Explorer: one result per period, no groups', async () => {
    const server = await startCostExplorer((_req: SeenRequest) => ({ body: { ResultsByTime: [month([])] } }));
    closers.push(server.close);
    const cache = mkdtempSync(join(tmpdir(), 'tollgate-empty-ce-'));
    const r = await tollgate(['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'aws', '--threshold', '1000%'], { env: { ...cliEnv(server.endpoint, cache), ...QUIET } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("--source aws: error: Cost Explorer has no charges for 2026-10 among the rows the scenario's actuals.aws selector keeps: nothing to compare the plan with");
    expect(r.stderr).toContain('hint: check the month, the account the credentials belong to and the selector');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('BigQuery: the query answers no rows', async () => {
    const replies = billingExport();
    const google = await startGoogle((s) => {
      const r = tokenExchange(s) ?? replies(s);
      // The query's answer, emptied: the export has nothing for the month.
      const body = r.body as { kind?: string; rows?: unknown[]; totalRows?: string; pageToken?: string } | undefined;
      return body?.kind === 'bigquery#queryResponse' ? { body: { ...body, rows: [], totalRows: '0', pageToken: undefined } } : r;
    });
    closers.push(google.close);
    const cli = gcpCli(google.port, mkdtempSync(join(tmpdir(), 'tollgate-empty-bq-')));
    const r = await tollgate(['actuals', cli.scenario, '--month', '2026-10', '--source', 'gcp'], { env: { ...cli.env, ...QUIET } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--source gcp: error: the BigQuery export \S+ has no charges for 2026-10/);
    expect(r.stderr).toContain('hint: check the month, the export table');
  });
});
