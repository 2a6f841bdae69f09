import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';
import { billingExport, gcpCli, jobCalls, startGoogle, tokenExchange, type ExportTable } from './bq-server.js';

let google: Awaited<ReturnType<typeof startGoogle>> | undefined;
afterEach(async () => {
  await google?.close();
  google = undefined;
});

async function exportAt(table?: ExportTable) {
  const replies = billingExport(table);
  google = await startGoogle((s) => tokenExchange(s) ?? replies(s));
  const cli = gcpCli(google.port, mkdtempSync(join(tmpdir(), 'tollgate-gcp-')));
  const run = (...extra: string[]) => tollgate(['actuals', cli.scenario, '--month', '2026-10', '--source', 'gcp', ...extra], { env: { ...cli.env, TOLLGATE_PRICING_MAX_AGE_DAYS: '3650' } }); // stale-table warnings are not this test's concern
  return { run, google };
}

describe('tollgate actuals --source gcp (the built CLI against a local BigQuery)', () => {
  it('says what the query will scan before it runs, caps it with --max-scan, and --refresh queries a cached month again', async () => {
    const { run, google } = await exportAt();
    const first = await run('--max-scan', '20GB');
    // 5 GiB = 5 × 2^30 bytes; at $6.25 per 2^40 bytes that is $0.0305 → $0.03.
    expect(first.stderr).toBe('tollgate: BigQuery will scan 5.00 GiB (≈ $0.03 at the on-demand rate of $6.25/TiB)\n');
    expect(jobCalls(google.seen)[1]!.body.maximumBytesBilled).toBe('20000000000');

    const refreshed = await run('--refresh', '--format', 'json');
    expect(refreshed.stderr).toBe('');
    expect(JSON.parse(refreshed.stdout).requests).toEqual({ count: 2, cost: '0.030517578125', cached: false, scanned_bytes: String(5 * 2 ** 30) });
    expect(jobCalls(google.seen)).toHaveLength(4);
  });

  it('exits 2 when the dry run is past the cap, and never sends the query', async () => {
    const { run, google } = await exportAt({ bytes: String(300 * 2 ** 30) });
    const capped = await run('--format', 'csv');
    expect(capped.code).toBe(2);
    expect(capped.stdout).toBe('');
    expect(capped.stderr).toContain('--max-scan: error: BigQuery would scan 300.00 GiB');
    expect(capped.stderr).toContain('hint: if this is the right table, raise the cap: --max-scan 300GiB');
    expect(capped.stderr).not.toMatch(/\n\s+at /);
    expect(jobCalls(google.seen)).toHaveLength(1);
  });
});
