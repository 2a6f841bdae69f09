import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceLoaded } from '../../src/commands/project.js';
import { loadScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { REPO } from '../helpers.js';
import { awsPriceListServer, azureRetailServer, gcpCatalogServer } from './api-servers.js';
import { runMain } from './run-main.js';

/** The bundled examples' monthly totals, priced with the bundled tables. */
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
});
