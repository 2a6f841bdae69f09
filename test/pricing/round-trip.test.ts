import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceLoaded } from '../../src/projection.js';
import { loadScenario, providersOf } from '../../src/model/load-scenario.js';
import { diffTables } from '../../src/pricing/diff.js';
import { loadPricingBook, readPricingFile } from '../../src/pricing/load.js';
import { FROZEN_PRICING, REPO } from '../helpers.js';
import { awsPriceListServer, azureRetailServer, gcpCatalogServer } from './api-servers.js';
import { runMain } from './run-main.js';

/**
 * The bundled examples' monthly totals, priced with the tables as bundled before the catalog
 * grew (test/fixtures/pricing-2026-10): the sample API payloads restate those tables' rates, so
 * an update starts from a copy of them.
 */
const EXPECTED = {
  'azure-training.yaml': '14775.988',
  'cross-region-replication.yaml': '4103.814',
  'recsys-feature-store.yaml': '23262.080085064638671875',
  'single-cloud-training.yaml': '56953.6908',
};

describe('update from the providers\' APIs, then estimate the bundled examples', () => {
  const servers: { close: () => Promise<void> }[] = [];
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-roundtrip-'));

  beforeAll(async () => {
    const [aws, gcp, azure] = await Promise.all([awsPriceListServer(), gcpCatalogServer(), azureRetailServer()]);
    servers.push(aws, gcp, azure);
    // The same settings a user would give: the SDK's standard endpoint and credential variables.
    delete process.env.AWS_PROFILE;
    Object.assign(process.env, {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ENDPOINT_URL_PRICING: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      TOLLGATE_GCP_CATALOG_URL: gcp.url,
      TOLLGATE_GCP_API_KEY: 'test-api-key',
      TOLLGATE_AZURE_PRICES_URL: `${azure.url}/api/retail/prices`,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await Promise.all(servers.map((s) => s.close()));
  });

  it('writes dated tables that price the examples to the same totals', async () => {
    for (const provider of ['aws', 'gcp', 'azure']) {
      copyFileSync(join(FROZEN_PRICING, `${provider}.yaml`), join(dir, `${provider}.yaml`));
      const { code, stdout, stderr } = await runMain(['pricing', 'update', provider, '--out', join(dir, `${provider}.yaml`), '--format', 'json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(report.seen).toBeGreaterThan(0);
      // The sample payloads restate the bundled rates: nothing changes but what the table lacked.
      expect(report.changes.filter((c: { change: string }) => c.change !== 'added')).toEqual([]);
      expect(readFileSync(join(dir, `${provider}.yaml`), 'utf8')).toContain(`as_of: "${report.as_of}"`);
    }
    for (const [file, total] of Object.entries(EXPECTED)) {
      const loaded = loadScenario(join(REPO, 'scenarios', file));
      const book = loadPricingBook(providersOf(loaded.scenario), loaded.overrides, dir);
      expect(book.sources.every((s) => s.source.startsWith('https://') && s.as_of !== '2026-09-20'), file).toBe(true);
      expect(priceLoaded(loaded, book).totals.total.toFixed(), file).toBe(total);
    }
  });

  it('brings back S3, NAT and inter-region rates a stale table has wrong, to the examples\' totals', async () => {
    const staleDir = mkdtempSync(join(tmpdir(), 'tollgate-stale-'));
    const stale = join(staleDir, 'aws.yaml');
    const bundled = join(FROZEN_PRICING, 'aws.yaml');
    // Every S3 Standard band of the four regions at 0.023/0.022/0.021, Standard-IA, the us-east-1 NAT
    // rates and the seven inter-region rules, moved.
    const text = readFileSync(bundled, 'utf8')
      .replace(/(- \{from: [a-z0-9-]+, to: [a-z0-9-]+), rate: 0\.0[12]\}/g, '$1, rate: 0.9}')
      .replace(/rate: 0\.02([123])\}/g, 'rate: 0.9$1}')
      .replace('us-east-1: 0.0125', 'us-east-1: 0.5')
      .replace('per_gb: {us-east-1: 0.045,', 'per_gb: {us-east-1: 0.5,')
      .replace('per_hour: {us-east-1: 0.045,', 'per_hour: {us-east-1: 0.5,');
    writeFileSync(stale, text);
    const { code, stdout } = await runMain(['pricing', 'update', 'aws', '--out', stale, '--format', 'json']);
    expect(code).toBe(0);
    const changed = JSON.parse(stdout).changes.filter((c: { change: string }) => c.change === 'changed');
    // 4 regions × 3 bands + Standard-IA + NAT per GB + NAT per hour + 7 inter-region rules.
    expect(changed).toHaveLength(22);
    expect(diffTables(readPricingFile(bundled).table, readPricingFile(stale).table)).toEqual([]);
    for (const file of ['single-cloud-training.yaml', 'cross-region-replication.yaml'] as const) {
      const loaded = loadScenario(join(REPO, 'scenarios', file));
      expect(priceLoaded(loaded, loadPricingBook(providersOf(loaded.scenario), loaded.overrides, staleDir)).totals.total.toFixed(), file).toBe(EXPECTED[file]);
    }
  });
});
