import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gcpSkus } from './fixtures.js';
import { json, localServer } from './local-server.js';
import { runMain } from './run-main.js';

/**
 * A Catalog answer whose SKUs lost their prices (every unitPrice empty, which
 * protobuf reads as $0) would have replaced 36 real rates with zeros, exit 0.
 * The update refuses such a table unless --force says the zeros are real.
 */
async function malformedCatalog() {
  const skus = gcpSkus().map((s) => ({
    ...s,
    pricingInfo: s.pricingInfo?.map((p) => ({ ...p, pricingExpression: { ...p.pricingExpression, tieredRates: p.pricingExpression?.tieredRates?.map((t) => ({ ...t, unitPrice: {} })) } })),
  }));
  return localServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const service = /^\/v1\/services\/([^/]+)\/skus$/.exec(url.pathname)?.[1];
    const mine = skus.filter((s) => (service === '95FF-2EF5-5EA1') === (s.category?.resourceFamily === 'Storage'));
    json(res, 200, { skus: mine, nextPageToken: '' });
  });
}

describe('pricing update refuses a table that lost or zeroed rates', () => {
  const saved = { ...process.env };
  let server: Awaited<ReturnType<typeof malformedCatalog>> | undefined;
  afterEach(async () => {
    process.env = { ...saved };
    await server?.close();
  });

  it('writes nothing from a Catalog answer that zeroes the rates, and says what and how to force it', async () => {
    server = await malformedCatalog();
    process.env.TOLLGATE_GCP_CATALOG_URL = server.url;
    process.env.TOLLGATE_GCP_API_KEY = 'test-key';
    const out = join(mkdtempSync(join(tmpdir(), 'tollgate-guard-')), 'gcp.yaml');
    const r = await runMain(['pricing', 'update', 'gcp', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tollgate: pricing update: the API's answer would set \d+ rates to zero or remove them \(instance /);
    expect(r.stderr).toContain('nothing was written. If the provider really did this, run again with --force');
    expect(r.stderr).not.toMatch(/This is a bug/);
    expect(existsSync(out)).toBe(false);

    const forced = await runMain(['pricing', 'update', 'gcp', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/: 0[,}]/);
  });
});
