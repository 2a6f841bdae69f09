import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Client } from 'google-auth-library';
import { afterEach, describe, expect, it } from 'vitest';
import { billingExportQuery, exportTableFor } from '../../src/actuals/sources/bigquery-sql.js';
import { readBigQuery, rowsToRecords } from '../../src/actuals/sources/bigquery.js';
import { SourceError } from '../../src/actuals/source.js';

interface Seen {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string;
}

const FIELDS = ['day', 'service', 'sku', 'sku_id', 'region', 'unit', 'currency', 'cost_type', 'cost', 'quantity', 'credits'];
const schema = { fields: FIELDS.map((name) => ({ name, type: 'STRING', mode: 'NULLABLE' })) };
const row = (values: string[]) => ({ f: values.map((v) => ({ v })) });
const PAGE_1 = [
  row(['2026-10-01', 'Compute Engine', 'Nvidia L4 GPU running in Americas', '7C2A', 'us-central1', 'hour', 'USD', 'regular', '80.64576', '144', '-10.5']),
  row(['2026-10-01', 'Compute Engine', 'G2 Instance Core running in Americas', 'B0E8', 'us-central1', 'hour', 'USD', 'regular', '28.78670592', '1152', '0']),
];
const PAGE_2 = [row(['2026-10-02', 'Networking', 'Network Internet Data Transfer Out from Americas to Americas', '9DE9', 'us-central1', 'gibibyte', 'USD', 'regular', '9.123456789', '76.0288', '0'])];

/** A local stand-in for the BigQuery v2 REST API (jobs.query, getQueryResults) and Cloud Billing's billingInfo. */
async function startGoogle(reply: (s: Seen) => { status?: number; body: unknown }) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const s = { method: req.method ?? '', path: req.url ?? '', body: text ? JSON.parse(text) : {}, authorization: String(req.headers.authorization ?? '') };
      seen.push(s);
      const out = reply(s);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, seen, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

function pagedQuery(s: Seen) {
  const job = { projectId: 'billing-admin', jobId: 'job-1', location: 'US' };
  if (s.method === 'POST' && s.path.startsWith('/bigquery/v2/projects/billing-admin/queries')) {
    return { body: { kind: 'bigquery#queryResponse', jobComplete: true, jobReference: job, schema, rows: PAGE_1, totalRows: '3', pageToken: 'page-2' } };
  }
  if (s.method === 'GET' && s.path.startsWith('/bigquery/v2/projects/billing-admin/queries/job-1') && s.path.includes('pageToken=page-2')) {
    return { body: { kind: 'bigquery#getQueryResultsResponse', jobComplete: true, jobReference: job, schema, rows: PAGE_2, totalRows: '3' } };
  }
  if (s.path.startsWith('/v1/projects/recsys-serving-prod/billingInfo')) {
    return { body: { name: 'projects/recsys-serving-prod/billingInfo', projectId: 'recsys-serving-prod', billingAccountName: 'billingAccounts/01A2B3-C4D5E6-F7A8B9', billingEnabled: true } };
  }
  return { status: 404, body: { error: { code: 404, message: `unexpected ${s.method} ${s.path}` } } };
}

function auth() {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: 'local-test-token', expiry_date: Date.now() + 3_600_000 });
  return client;
}

let google: Awaited<ReturnType<typeof startGoogle>> | undefined;
afterEach(async () => {
  await google?.close();
  google = undefined;
});

const OCT = { start: '2026-10-01', end: '2026-11-01' };

describe('BigQuery billing export: the real client against a local REST server', () => {
  it('runs the aggregation in BigQuery with parameters, follows pageToken, and reads exact sums', async () => {
    google = await startGoogle(pagedQuery);
    const r = await readBigQuery({
      range: OCT,
      selector: { billing_export: 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9', labels: { team: 'recsys' } },
      clientOptions: { apiEndpoint: `http://127.0.0.1:${google.port}`, authClient: auth() },
    });
    const [query, page2] = google.seen;
    expect(query!.authorization).toBe('Bearer local-test-token');
    expect(String(query!.body.query)).toMatch(/GROUP BY day, service, sku, sku_id, region, unit, currency, cost_type/);
    expect(String(query!.body.query)).toContain('FROM `billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9`');
    const names = (query!.body.queryParameters as { name: string; parameterValue: { value: string } }[]).map((p) => [p.name, p.parameterValue.value]);
    expect(names).toEqual(expect.arrayContaining([['label_key_0', 'team'], ['label_value_0', 'recsys'], ['start', '2026-10-01'], ['end', '2026-11-01']]));
    expect(page2!.method).toBe('GET');
    expect(r.records.map((x) => [x.chargeCategory, x.usageType, x.billedCost.toFixed()])).toEqual([
      ['Usage', 'Nvidia L4 GPU running in Americas', '80.64576'],
      ['Credit', 'Nvidia L4 GPU running in Americas', '-10.5'],
      ['Usage', 'G2 Instance Core running in Americas', '28.78670592'],
      ['Usage', 'Network Internet Data Transfer Out from Americas to Americas', '9.123456789'],
    ]);
    expect(r.records[0]).toMatchObject({ provider: 'gcp', regionId: 'us-central1', chargePeriodStart: '2026-10-01T00:00:00Z', chargePeriodEnd: '2026-10-02T00:00:00Z' });
  });

  it('finds the export table from the project’s billing account (Cloud Billing API, REST fallback)', async () => {
    google = await startGoogle((s) => {
      if (s.method === 'POST') return { body: { kind: 'bigquery#queryResponse', jobComplete: true, jobReference: { projectId: 'billing-admin', jobId: 'j' }, schema, rows: [], totalRows: '0' } };
      return pagedQuery(s);
    });
    const r = await readBigQuery({
      range: OCT,
      selector: { billing_export: 'billing-admin.billing', projects: ['recsys-serving-prod'] },
      clientOptions: { apiEndpoint: `http://127.0.0.1:${google.port}`, authClient: auth() },
      // google-gax ships its own copy of google-auth-library: the client works, only the nominal types differ.
      billingClientOptions: { fallback: true, apiEndpoint: '127.0.0.1', port: google.port, protocol: 'http', authClient: auth() as never },
    });
    expect(google.seen[0]!.path).toMatch(/^\/v1\/projects\/recsys-serving-prod\/billingInfo/);
    expect(String(google.seen[1]!.body.query)).toContain('gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9');
    expect(r.source).toContain('billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9');
  });

  it('turns an API error into a clear source error', async () => {
    google = await startGoogle(() => ({ status: 403, body: { error: { code: 403, message: 'Access Denied: Table billing-admin:billing.x: User does not have permission', errors: [{ reason: 'accessDenied', message: 'Access Denied' }] } } }));
    const e = await readBigQuery({
      range: OCT,
      selector: { billing_export: 'billing-admin.billing.x' },
      clientOptions: { apiEndpoint: `http://127.0.0.1:${google.port}`, authClient: auth() },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as Error).message).toMatch(/Access Denied/);
  });

  it('needs actuals.gcp.billing_export', async () => {
    await expect(readBigQuery({ range: OCT, selector: undefined })).rejects.toThrow(/actuals\.gcp\.billing_export/);
  });
});

describe('billing export SQL and rows', () => {
  it('filters by projects and labels through parameters only', () => {
    const { query, params } = billingExportQuery('p-roj1.ds.t', { projects: ["x'; DROP TABLE t; --"], labels: { team: 'recsys' } });
    expect(query).not.toContain('DROP');
    expect(query).toContain('project.id IN UNNEST(@projects)');
    expect(params).toEqual({ projects: ["x'; DROP TABLE t; --"], label_key_0: 'team', label_value_0: 'recsys' });
  });

  it('refuses a table name that is not project.dataset.table', () => {
    expect(() => billingExportQuery('p-roj1.ds.t`; DROP', undefined)).toThrow(SourceError);
  });

  it('names the export table after the billing account', () => {
    expect(exportTableFor('billingAccounts/01A2B3-C4D5E6-F7A8B9')).toBe('gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9');
  });

  it('refuses unreadable sums rather than guess', () => {
    expect(() => rowsToRecords([{ day: '2026-10-01', service: 's', sku: 'k', sku_id: '', region: '', unit: '', currency: 'USD', cost_type: 'regular', cost: '1.2e3x', quantity: null, credits: '0' }])).toThrow(/unreadable cost/);
  });
});
