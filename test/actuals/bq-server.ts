import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO } from '../helpers.js';

export interface Seen {
  method: string;
  /** The path with the client's `/bigquery/v2` prefix taken off (BIGQUERY_EMULATOR_HOST sends none). */
  path: string;
  body: Record<string, unknown>;
  /** The raw body, for the form-encoded token exchange. */
  text: string;
  authorization: string;
}

export type Reply = { status?: number; body: unknown };

/** A local stand-in for the BigQuery v2 REST API (tables.get, jobs.insert, jobs.query, getQueryResults) and Cloud Billing's billingInfo. */
export async function startGoogle(reply: (s: Seen) => Reply) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const json = String(req.headers['content-type'] ?? '').includes('json') && text;
      const s = {
        method: req.method ?? '',
        path: (req.url ?? '').replace(/^\/bigquery\/v2/, ''),
        body: json ? JSON.parse(text) : {},
        text,
        authorization: String(req.headers.authorization ?? ''),
      };
      seen.push(s);
      const out = reply(s);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const FIELDS = ['day', 'service', 'sku', 'sku_id', 'region', 'unit', 'currency', 'cost_type', 'cost', 'quantity', 'credits'];
const schema = { fields: FIELDS.map((name) => ({ name, type: 'STRING', mode: 'NULLABLE' })) };
const row = (values: string[]) => ({ f: values.map((v) => ({ v })) });
export const PAGE_1 = [
  row(['2026-10-01', 'Compute Engine', 'Nvidia L4 GPU running in Americas', '7C2A', 'us-central1', 'hour', 'USD', 'regular', '80.64576', '144', '-10.5']),
  row(['2026-10-01', 'Compute Engine', 'G2 Instance Core running in Americas', 'B0E8', 'us-central1', 'hour', 'USD', 'regular', '28.78670592', '1152', '0']),
];
export const PAGE_2 = [row(['2026-10-02', 'Networking', 'Network Internet Data Transfer Out from Americas to Americas', '9DE9', 'us-central1', 'gibibyte', 'USD', 'regular', '9.123456789', '76.0288', '0'])];

/** 5 GiB: what the scripted dry runs say the query scans, unless a test says otherwise. */
export const FIVE_GIB = String(5 * 2 ** 30);

export interface ExportTable {
  /** tables.get's timePartitioning; none = an unpartitioned table. */
  timePartitioning?: { type: string; field?: string };
  /** The dry run's totalBytesProcessed. */
  bytes?: string;
}

/**
 * The replies of a billing export in project billing-admin, dataset billing:
 * the table's metadata, a dry-run job with its bytes estimate, a two-page
 * query answer, and the billing account of recsys-serving-prod.
 */
export function billingExport(table: ExportTable = { timePartitioning: { type: 'DAY' } }) {
  return (s: Seen): Reply => {
    const job = { projectId: 'billing-admin', jobId: 'job-1', location: 'US' };
    if (s.method === 'GET' && /^\/projects\/billing-admin\/datasets\/billing\/tables\/\w+/.test(s.path)) {
      const id = s.path.split('/')[6]!.split('?')[0];
      return { body: { kind: 'bigquery#table', id: `billing-admin:billing.${id}`, type: 'TABLE', schema: { fields: [{ name: 'usage_start_time', type: 'TIMESTAMP' }] }, ...table } };
    }
    if (s.method === 'POST' && s.path.startsWith('/projects/billing-admin/jobs')) {
      const bytes = table.bytes ?? FIVE_GIB;
      const { jobReference, configuration } = s.body as { jobReference: unknown; configuration: unknown };
      return { body: { kind: 'bigquery#job', jobReference, configuration, status: { state: 'DONE' }, statistics: { totalBytesProcessed: bytes, query: { totalBytesProcessed: bytes } } } };
    }
    if (s.method === 'POST' && s.path.startsWith('/projects/billing-admin/queries')) {
      return { body: { kind: 'bigquery#queryResponse', jobComplete: true, jobReference: job, schema, rows: PAGE_1, totalRows: '3', pageToken: 'page-2' } };
    }
    if (s.method === 'GET' && s.path.startsWith('/projects/billing-admin/queries/job-1') && s.path.includes('pageToken=page-2')) {
      return { body: { kind: 'bigquery#getQueryResultsResponse', jobComplete: true, jobReference: job, schema, rows: PAGE_2, totalRows: '3' } };
    }
    if (s.path.startsWith('/v1/projects/recsys-serving-prod/billingInfo')) {
      return { body: { name: 'projects/recsys-serving-prod/billingInfo', projectId: 'recsys-serving-prod', billingAccountName: 'billingAccounts/01A2B3-C4D5E6-F7A8B9', billingEnabled: true } };
    }
    return { status: 404, body: { error: { code: 404, message: `unexpected ${s.method} ${s.path}` } } };
  };
}

/** The job requests (dry run, query) among what the server saw. */
export function jobCalls(seen: readonly Seen[]): Seen[] {
  return seen.filter((s) => s.method === 'POST' && /^\/projects\/[\w-]+\/(jobs|queries)/.test(s.path));
}

/** Canary credentials: the subject token an external-account ADC file points at, and the access token the local STS trades it for. */
export const GCP_CANARY = {
  subjectToken: 'canary-gcp-subject-token-6b1f0e9d8c7a',
  accessToken: 'ya29.canary-gcp-access-token-3e2d1c0b9a8f',
};

/** The STS token exchange of an external-account credential, answered locally with the canary access token. */
export function tokenExchange(s: Seen): Reply | undefined {
  if (s.method !== 'POST' || s.path !== '/token') return undefined;
  return { body: { access_token: GCP_CANARY.accessToken, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: 3600 } };
}

export const EXPORT_TABLE = 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9';

/**
 * What the built CLI needs to read the export from the local server through
 * the standard chain: an Application Default Credentials file (external
 * account, its token exchange at the local server), BIGQUERY_EMULATOR_HOST,
 * a cache folder, a clock past October's late-data window, and the recsys
 * scenario pointed at the export.
 */
export function gcpCli(port: number, dir: string) {
  writeFileSync(join(dir, 'subject-token'), GCP_CANARY.subjectToken);
  writeFileSync(
    join(dir, 'adc.json'),
    JSON.stringify({
      type: 'external_account',
      audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/canary/providers/canary',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `http://127.0.0.1:${port}/token`,
      credential_source: { file: join(dir, 'subject-token') },
    }),
  );
  const scenario = join(dir, 'recsys.yaml');
  const yaml = readFileSync(join(REPO, 'scenarios/recsys-feature-store.yaml'), 'utf8');
  writeFileSync(scenario, yaml.replace('gcp: {labels: {team: recsys}}', `gcp: {billing_export: ${EXPORT_TABLE}, labels: {team: recsys}}`));
  const env = {
    GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json'),
    BIGQUERY_EMULATOR_HOST: `http://127.0.0.1:${port}`,
    CLOUDSDK_CONFIG: join(dir, 'gcloud'),
    GOOGLE_CLOUD_PROJECT: '',
    TOLLGATE_CACHE_DIR: join(dir, 'cache'),
    TOLLGATE_NOW: '2026-11-20T09:00:00Z',
  };
  return { scenario, env, cache: env.TOLLGATE_CACHE_DIR };
}
