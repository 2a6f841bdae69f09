import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';
import { billingExport, GCP_CANARY, gcpCli, jobCalls, startGoogle, tokenExchange } from './bq-server.js';
import { cliEnv, month, startCostExplorer, type Reply, type SeenRequest } from './ce-server.js';

// These tests are about the billing sources, not the tables: at the pinned clock (2026-11-25) the bundled
// gcp table is older than 90 days, and since issue 16 every verb that prices warns about it on stderr.
process.env.TOLLGATE_PRICING_MAX_AGE_DAYS = '3650';

const CANARY = {
  AWS_ACCESS_KEY_ID: 'AKIACANARY7Q2X9TOLLG',
  AWS_SECRET_ACCESS_KEY: 'canary-secret-9f8e7d6c5b4a3928171605f4e3d2c1b0a9',
  AWS_SESSION_TOKEN: 'canary-session-token-IQoJb3JpZ2luX2VjEJr',
};
let server: Awaited<ReturnType<typeof startCostExplorer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

async function runCli(reply: (req: SeenRequest) => Reply, cache: string, format = 'table') {
  server ??= await startCostExplorer(reply);
  return tollgate(['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'aws', '--format', format], {
    env: cliEnv(server.endpoint, cache, CANARY),
  });
}

const ok = (req: SeenRequest): Reply => {
  const byRecordType = (req.body.GroupBy as { Key: string }[]).some((g) => g.Key === 'RECORD_TYPE');
  return {
    body: {
      ResultsByTime: [byRecordType ? month([[['Usage'], '17000'], [['Credit'], '-1000']]) : month([[['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '17000', '774.2']])],
    },
  };
};

function expectNoCanary(...texts: string[]) {
  for (const text of texts) for (const secret of Object.values(CANARY)) expect(text).not.toContain(secret);
}

describe('credentials never leak', () => {
  it('uses the canary credentials from the default chain, and they appear in no output or cache file', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tollgate-secrets-'));
    const first = await runCli(ok, cache);
    expect(first.stdout).toContain('Cost Explorer requests: 2 ($0.02)');
    // The SDK really signed with them (SigV4 names the key id, never the secret).
    expect(server!.seen[0]!.authorization).toContain(`Credential=${CANARY.AWS_ACCESS_KEY_ID}/`);
    const second = await runCli(ok, cache, 'json');
    expect(JSON.parse(second.stdout).requests).toEqual({ count: 0, cost: '0', cached: true });
    const files = filesUnder(cache);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(statSync(f).mode & 0o777).toBe(0o600);
      expectNoCanary(readFileSync(f, 'utf8'));
    }
    expectNoCanary(first.stdout, first.stderr, second.stdout, second.stderr);
  });

  it('keeps them out of error messages too', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tollgate-secrets-'));
    const denied = await runCli(() => ({ status: 403, body: { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' } }), cache);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^tollgate: actuals: Cost Explorer request failed: UnrecognizedClientException \(HTTP 403\)/);
    expect(denied.stderr).not.toMatch(/This is a bug/);
    expectNoCanary(denied.stdout, denied.stderr);
    expect(filesUnder(cache)).toEqual([]);
  });

  it('redacts them when the service echoes them back in its error text', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tollgate-secrets-'));
    const echo = `request signed with session ${CANARY.AWS_SESSION_TOKEN} and key ${CANARY.AWS_SECRET_ACCESS_KEY} (id ${CANARY.AWS_ACCESS_KEY_ID})`;
    const r = await runCli(() => ({ status: 400, body: { __type: 'ValidationException', message: echo } }), cache);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ValidationException (HTTP 400): request signed with session [redacted] and key [redacted] (id [redacted])');
    expectNoCanary(r.stdout, r.stderr);
  });
});

describe('Google credentials never leak', () => {
  let google: Awaited<ReturnType<typeof startGoogle>> | undefined;
  afterEach(async () => {
    await google?.close();
    google = undefined;
  });

  it('reads the export with canary Application Default Credentials, which appear in no output or cache file', async () => {
    const exportReplies = billingExport();
    google = await startGoogle((s) => tokenExchange(s) ?? exportReplies(s));
    const cli = gcpCli(google.port, mkdtempSync(join(tmpdir(), 'tollgate-secrets-')));
    const args = ['actuals', cli.scenario, '--month', '2026-10', '--source', 'gcp'];
    const first = await tollgate(args, { env: cli.env });
    expect(first.stderr).toContain('tollgate: BigQuery will scan 5.00 GiB');
    expect(first.stdout).toContain('BigQuery jobs: 2 (≈ $0.03 for 5.00 GiB scanned)');
    // The chain really ran: the subject token went to the token exchange, its access token to BigQuery.
    expect(google.seen[0]!.text).toContain(`subject_token=${GCP_CANARY.subjectToken}`);
    expect(jobCalls(google.seen).map((s) => s.authorization)).toEqual([`Bearer ${GCP_CANARY.accessToken}`, `Bearer ${GCP_CANARY.accessToken}`]);

    const calls = google.seen.length;
    const second = await tollgate([...args, '--format', 'json'], { env: cli.env });
    expect(google.seen.length).toBe(calls);
    expect(JSON.parse(second.stdout).requests).toEqual({ count: 0, cost: '0', cached: true });
    const files = filesUnder(cli.cache);
    // One cached query; the CLI's compiled-code cache (code/) is checked beside it.
    expect(files.filter((f) => !f.includes(`${sep}code${sep}`))).toHaveLength(1);
    for (const f of files) {
      expect(statSync(f).mode & 0o777).toBe(0o600);
      expectNoGoogleCanary(readFileSync(f, 'utf8'));
    }
    expectNoGoogleCanary(first.stdout, first.stderr, second.stdout, second.stderr);
  });

  it('keeps them out of error messages too', async () => {
    google = await startGoogle((s) => tokenExchange(s) ?? { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', errors: [{ reason: 'authError', message: 'Invalid Credentials' }] } } });
    const cli = gcpCli(google.port, mkdtempSync(join(tmpdir(), 'tollgate-secrets-')));
    const denied = await tollgate(['actuals', cli.scenario, '--month', '2026-10', '--source', 'gcp'], { env: cli.env });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^tollgate: actuals: HTTP 401: Invalid Credentials/);
    expectNoGoogleCanary(denied.stdout, denied.stderr);
  });

  it('redacts a bearer token or API key that the service echoes in its error', async () => {
    const apiKey = 'AIzaSyCANARY-0123456789abcdefghijklmnopq';
    const echoed = `Bearer ${GCP_CANARY.accessToken} is not valid here; nor is ${GCP_CANARY.accessToken} or key=${apiKey}`;
    google = await startGoogle((s) => tokenExchange(s) ?? { status: 400, body: { error: { code: 400, message: echoed, errors: [{ reason: 'invalid', message: echoed }] } } });
    const cli = gcpCli(google.port, mkdtempSync(join(tmpdir(), 'tollgate-secrets-')));
    const r = await tollgate(['actuals', cli.scenario, '--month', '2026-10', '--source', 'gcp'], { env: cli.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Bearer [redacted] is not valid here; nor is [redacted] or key=[redacted]');
    expectNoGoogleCanary(r.stdout, r.stderr);
    expect(r.stderr).not.toContain(apiKey);
  });
});

function expectNoGoogleCanary(...texts: string[]) {
  for (const text of texts) for (const secret of Object.values(GCP_CANARY)) expect(text).not.toContain(secret);
}
