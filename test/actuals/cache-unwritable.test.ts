import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';
import { cliEnv, month, startCostExplorer, type SeenRequest } from './ce-server.js';

let server: Awaited<ReturnType<typeof startCostExplorer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a cache that cannot be written', () => {
  it('keeps the answer already paid for: the report is printed, the note says it was not cached, Cost Explorer is not blamed', async () => {
    server = await startCostExplorer((req: SeenRequest) => {
      const byRecordType = (req.body.GroupBy as { Key: string }[]).some((g) => g.Key === 'RECORD_TYPE');
      return { body: { ResultsByTime: [byRecordType ? month([[['Usage'], '17000']]) : month([[['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '17000', '774.2']])] } };
    });
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-cache-'));
    // A cache folder below a file: no one, root included, can create it.
    writeFileSync(join(dir, 'a-file'), '');
    const cache = join(dir, 'a-file', 'cache');
    const r = await tollgate(['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'aws', '--format', 'json'], { env: { ...cliEnv(server.endpoint, cache), TOLLGATE_PRICING_MAX_AGE_DAYS: '3650' } }); // stale-table warnings are not this test's concern
    expect(r.stderr).toBe('');
    expect([0, 4]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(report.requests).toEqual({ count: 2, cost: '0.02', cached: false });
    expect(report.notes.join('\n')).toMatch(/the answer was used but not cached \(could not create the cache folder .*a-file\/cache\/cost-explorer: ENOTDIR\); the next run will fetch it again/);
  });
});
