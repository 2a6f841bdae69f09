import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';
import { cliEnv, month, startCostExplorer, type Reply, type SeenRequest } from '../actuals/ce-server.js';
import { billingExport, gcpCli, PAGE_1, startGoogle, tokenExchange, type Seen } from '../actuals/bq-server.js';
import { json, localServer } from '../pricing/local-server.js';
import { bundledPricingDir, readPricingFile } from '../../src/pricing/load.js';
import { fetchAwsProducts } from '../../src/providers/aws/fetch-prices.js';
import { fetchAzureItems } from '../../src/providers/azure/fetch-prices.js';
import { fetchGcpSkus } from '../../src/providers/gcp/fetch-prices.js';
import type { FetchProgress } from '../../src/providers/progress.js';
import { Deadline, RemoteGaveUp } from '../../src/remote/discipline.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Services that misbehave in each way the attack run found: pages without
 * end, the same page token again, no answer, an answer trickling in a byte at
 * a time, 429 with Retry-After. tollgate must stop each within its caps and
 * deadline, say what happened, cache nothing and never call it a bug.
 */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const usage = (): Reply => ({ body: { ResultsByTime: [month([[['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '17000', '774.2']])], NextPageToken: undefined } });

async function costExplorer(reply: (req: SeenRequest, i: number) => Reply, extra: string[] = []) {
  const server = await startCostExplorer(reply);
  closers.push(server.close);
  const cache = mkdtempSync(join(tmpdir(), 'tollgate-remote-'));
  const started = Date.now();
  const r = await tollgate(['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'aws', ...extra], { env: cliEnv(server.endpoint, cache) });
  const cached = readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith('.json'));
  return { ...r, seen: server.seen, cached, ms: Date.now() - started };
}

function expectPlainGiveUp(r: { code: number; stdout: string; stderr: string; cached: unknown[] }) {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^tollgate: actuals: /);
  expect(r.stderr).not.toMatch(/This is a bug|internal error|^\s+at /m);
  expect(r.cached).toEqual([]);
}

describe('Cost Explorer that misbehaves, through the built CLI', () => {
  it('stops an endless NextPageToken at the page cap: 20 requests, not 302, and no $5,117,000 total', async () => {
    const r = await costExplorer((_req, i) => ({ body: { ...usage().body as object, NextPageToken: `token-${i}` } }));
    expectPlainGiveUp(r);
    expect(r.seen).toHaveLength(20);
    expect(r.stderr).toContain('Cost Explorer GetCostAndUsage kept sending more pages: stopped at 20, more than any real answer has; no total was computed (20 requests, 0.20 USD)');
  });

  it('stops at once when the same page token comes back', async () => {
    const r = await costExplorer(() => ({ body: { ...usage().body as object, NextPageToken: 'same-token' } }));
    expectPlainGiveUp(r);
    expect(r.seen).toHaveLength(2);
    expect(r.stderr).toContain('Cost Explorer GetCostAndUsage sent a page token it had sent before (page 3)');
  });

  it('gives up on a server that never answers at --timeout, not after 5 × 30 s', async () => {
    const r = await costExplorer(() => ({ hang: true }), ['--timeout', '2']);
    expectPlainGiveUp(r);
    expect(r.stderr).toContain('Cost Explorer GetCostAndUsage did not finish within --timeout 2 s; gave up');
    expect(r.ms).toBeLessThan(15_000);
  });

  it('gives up on an answer trickling in a byte every 300 ms (an idle timer never fires)', async () => {
    const r = await costExplorer(() => ({ trickle: true }), ['--timeout', '2s']);
    expectPlainGiveUp(r);
    expect(r.stderr).toContain('did not finish within --timeout 2 s');
    expect(r.ms).toBeLessThan(15_000);
  });

  it('refuses a --timeout that is not a duration', async () => {
    const r = await costExplorer(usage, ['--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout takes a duration such as 90, 90s or 5m (seconds by default), not "soon"');
    expect(r.seen).toHaveLength(0);
  });
});

describe('Cost Explorer answers that are wrong are refused, never reported or cached', () => {
  const byRecordType = (req: SeenRequest) => (req.body.GroupBy as { Key: string }[]).some((g) => g.Key === 'RECORD_TYPE');

  it('an empty {} is not $0 with exit 0', async () => {
    const r = await costExplorer(() => ({ body: {} }));
    expectPlainGiveUp(r);
    expect(r.stderr).toContain("Cost Explorer's usage answer holds no results for 2026-10-01 to 2026-11-01; it always sends one per period, so the answer is malformed; nothing was computed or cached");
  });

  it('an answer for another month is not taken for the month asked', async () => {
    const r = await costExplorer(() => ({ body: { ResultsByTime: [month([[['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '17000', '774.2']], false, '2026-09-01', '2026-10-01')] } }));
    expectPlainGiveUp(r);
    expect(r.stderr).toContain("Cost Explorer's usage answer is for 2026-09-01 to 2026-10-01, outside the 2026-10-01 to 2026-11-01 asked for");
  });

  it('EUR credits or amortized costs are not added to USD', async () => {
    const eurCredit = month([[['Usage'], '17000'], [['Credit'], '-1000']]);
    eurCredit.Groups[1]!.Metrics.UnblendedCost.Unit = 'EUR';
    eurCredit.Groups[1]!.Metrics.NetAmortizedCost.Unit = 'EUR';
    const r = await costExplorer((req) => (byRecordType(req) ? { body: { ResultsByTime: [eurCredit] } } : usage()));
    expectPlainGiveUp(r);
    expect(r.stderr).toContain("Cost Explorer's answers mix currencies (EUR and USD); tollgate does not add amounts in different currencies, so nothing was computed or cached");
  });

  it('a group listed twice (overlapping pages) is not counted twice', async () => {
    const r = await costExplorer((req, i) => (byRecordType(req) ? { body: { ResultsByTime: [month([[['Usage'], '17000']])] } } : { body: { ...(usage().body as object), NextPageToken: i === 0 ? 'p2' : undefined } }));
    expectPlainGiveUp(r);
    expect(r.stderr).toContain("Cost Explorer's usage answer lists Amazon Elastic Compute Cloud - Compute / BoxUsage:p4d.24xlarge twice for 2026-10-01: its pages overlap");
  });
});

describe('BigQuery that misbehaves, through the built CLI', () => {
  async function bigQuery(results: (s: Seen) => unknown, extra: string[] = []) {
    const exportReplies = billingExport();
    const google = await startGoogle((s) => {
      if (s.method === 'GET' && s.path.startsWith('/projects/billing-admin/queries/job-1')) return { body: results(s) };
      return tokenExchange(s) ?? exportReplies(s);
    });
    closers.push(google.close);
    const cli = gcpCli(google.port, mkdtempSync(join(tmpdir(), 'tollgate-remote-')));
    const r = await tollgate(['actuals', cli.scenario, '--month', '2026-10', '--source', 'gcp', ...extra], { env: cli.env });
    const pages = google.seen.filter((s) => s.method === 'GET' && s.path.startsWith('/projects/billing-admin/queries/job-1')).length;
    return { ...r, pages };
  }
  const page = (pageToken?: string, jobComplete = true) => ({ kind: 'bigquery#getQueryResultsResponse', jobComplete, jobReference: { projectId: 'billing-admin', jobId: 'job-1', location: 'US' }, rows: PAGE_1, totalRows: '3', ...(pageToken ? { pageToken } : {}) });

  it('stops when getQueryResults sends the page token it was asked with', async () => {
    const r = await bigQuery(() => page('page-2'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tollgate: actuals: BigQuery getQueryResults sent a page token it had sent before (page 3)');
    expect(r.stderr).not.toMatch(/This is a bug/);
    expect(r.pages).toBe(1);
  });

  it('stops endless fresh page tokens at the page cap', async () => {
    let n = 0;
    const r = await bigQuery(() => page(`page-${++n + 2}`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BigQuery getQueryResults kept sending more pages: stopped at 200');
    expect(r.pages).toBe(199);
  });
});

const awsTable = readPricingFile(join(bundledPricingDir(), 'aws.yaml')).table;
const azureTable = readPricingFile(join(bundledPricingDir(), 'azure.yaml')).table;

async function server(handle: (req: { url: string }, res: ServerResponse) => void) {
  const s = await localServer(handle);
  closers.push(async () => {
    await s.close();
  });
  return s;
}

describe('pricing APIs that misbehave, through the real clients', () => {
  it('AWS Price List: an endless NextToken stops at the page cap', async () => {
    const s = await server((req, res) => json(res, 200, { FormatVersion: 'aws_v1', PriceList: [], NextToken: `t-${Math.random()}` }));
    const run = fetchAwsProducts(awsTable, ['us-east-1'], { endpoint: s.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
    await expect(run).rejects.toThrow(/the AWS Price List API \(GetProducts AmazonEC2\) kept sending more pages: stopped at 500/);
    expect(s.requests).toHaveLength(500);
  });

  it('Google Catalog: the same nextPageToken twice stops the listing', async () => {
    const s = await server((req, res) => json(res, 200, { skus: [], nextPageToken: 'again' }));
    await expect(fetchGcpSkus({ apiEndpoint: '127.0.0.1', port: s.port, protocol: 'http', apiKey: 'k' })).rejects.toThrow(
      /the Cloud Billing Catalog API \(Compute Engine SKUs\) sent a page token it had sent before \(page 3\)/,
    );
    expect(s.requests).toHaveLength(2);
  });

  it('Azure: a silent server is given up at the deadline', async () => {
    const s = await server(() => undefined);
    const started = Date.now();
    await expect(fetchAzureItems(azureTable, { baseUrl: s.url, deadline: new Deadline(1000) })).rejects.toThrow(RemoteGaveUp);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('Azure: a body trickling in byte by byte is given up at the deadline', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(timer));
    });
    await expect(fetchAzureItems(azureTable, { baseUrl: s.url, deadline: new Deadline(1000) })).rejects.toThrow(/did not finish within --timeout 1 s/);
  });

  it('Azure: waits as long as Retry-After asks and says so, then goes on', async () => {
    let calls = 0;
    const s = await server((_req, res) => (++calls === 1 ? json(res, 429, { error: 'throttled' }, { 'retry-after': '1' }) : json(res, 200, { Items: [], NextPageLink: null })));
    const progress: FetchProgress[] = [];
    const started = Date.now();
    await fetchAzureItems(azureTable, { baseUrl: s.url, onProgress: (p) => progress.push(p), deadline: new Deadline(20_000) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(progress[0]).toEqual({ query: Object.keys(azureTable.instances!)[0], pages: 0, seen: 0, waitingMs: 1000 });
  });

  it('Azure: a Retry-After longer than the time left gives up at once, naming the wait', async () => {
    const s = await server((_req, res) => json(res, 429, { error: 'throttled' }, { 'retry-after': '3600' }));
    const started = Date.now();
    await expect(fetchAzureItems(azureTable, { baseUrl: s.url, deadline: new Deadline(5000) })).rejects.toThrow(/asked to wait 3600 s before trying again, longer than the .* left of --timeout 5 s; gave up/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('Azure: retries are bounded even when each wait is short', async () => {
    const s = await server((_req, res) => json(res, 429, { error: 'throttled' }, { 'retry-after': '0' }));
    await expect(fetchAzureItems(azureTable, { baseUrl: s.url, attempts: 3, deadline: new Deadline(10_000) })).rejects.toThrow(/answered 429 Too Many Requests after 3 tries/);
    expect(s.requests).toHaveLength(3);
  });
});
