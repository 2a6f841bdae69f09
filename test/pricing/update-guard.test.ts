import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_FIXTURES, gcpSkus } from './fixtures.js';
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

describe('pricing update aws refuses a $0 CapacityBlock SKU in place of the on-demand rate', () => {
  it('a real offer file shape: marketoption CapacityBlock at $0 passes the on-demand filter; the guard stops the write', async () => {
    const offer = JSON.parse(readFileSync(join(API_FIXTURES, 'aws-offer-AmazonEC2.json'), 'utf8'));
    const [sku, product] = Object.entries(offer.products as Record<string, { attributes: Record<string, string> }>).find(([, p]) => p.attributes.instanceType === 'p4d.24xlarge' && p.attributes.regionCode === 'us-east-1')!;
    const [termKey, term] = Object.entries(offer.terms.OnDemand[sku] as Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }>)[0]!;
    const block = 'CAPACITYBLOCK0001';
    offer.products[block] = { ...product, sku: block, attributes: { ...product.attributes, marketoption: 'CapacityBlock', usagetype: 'CapacityBlock:p4d.24xlarge' } };
    const dims = Object.fromEntries(Object.entries(term.priceDimensions).map(([k, d]) => [k.replace(sku, block), { ...d, pricePerUnit: { USD: '0.0000000000' } }]));
    offer.terms.OnDemand[block] = { [termKey.replace(sku, block)]: { ...term, sku: block, priceDimensions: dims } };
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-guard-'));
    writeFileSync(join(dir, 'offer.json'), JSON.stringify(offer));
    const out = join(dir, 'aws.yaml');
    const r = await runMain(['pricing', 'update', 'aws', '--input', join(dir, 'offer.json'), '--out', out]);
    // Refused by the guard, or (once the mapper skips CapacityBlock SKUs) written with the real rate: never $0.
    if (r.code === 0) expect(readFileSync(out, 'utf8')).toMatch(/p4d\.24xlarge:[\s\S]*?us-east-1: 21\.957642/);
    else {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('instance p4d.24xlarge us-east-1 on-demand: 21.957642 → 0');
      expect(existsSync(out)).toBe(false);
    }
  });
});
