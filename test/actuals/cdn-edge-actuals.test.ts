import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/actuals/reconcile.js';
import { readBillingFile } from '../../src/actuals/sources/focus-file.js';
import { estimate } from '../../src/engine/estimate.js';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { duck } from './duckdb.js';
import { record } from './records.js';

// A plan serving US and European viewers through CloudFront, against a FOCUS file (written and
// read back through DuckDB) whose CloudFront rows name their edges, with RegionIds that are no edge.
const PLAN = `name: cdn-edges
nodes:
  - {name: api, provider: aws, region: us-east-1, zone: us-east-1a, instance: m7i.xlarge, count: 1}
transfers:
  - {name: us-users, from: nodes:api, to: internet, gb_per_month: 4000, via: cdn, requests_per_month: 90000000}
  - {name: eu-users, from: nodes:api, to: internet, gb_per_month: 3000, via: cdn, viewers: europe, requests_per_month: 50000000}
`;
const OCT = { start: '2026-10-01', end: '2026-11-01' };
const FULL = { month: '2026-10', elapsedDays: 31, days: 31 };

/** CloudFront rows: usage type, RegionId, billed cost. */
const ROWS: [string, string, string][] = [
  ['US-DataTransfer-Out-Bytes', 'us-east-1', '240'],
  ['CA-DataTransfer-Out-Bytes', 'ca-central-1', '12'],
  ['EU-DataTransfer-Out-Bytes', 'eu-west-1', '300'],
  ['JP-DataTransfer-Out-Bytes', 'ap-northeast-1', '45'],
  ['US-Requests-Tier2-HTTPS', 'us-east-1', '80'],
  ['EU-Requests-Tier2-HTTPS', 'eu-west-1', '48'],
];

async function billFile(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'tollgate-cdn-')), 'cloudfront.parquet');
  const values = ROWS.map(
    ([usage, region, cost]) => `('AWS', 'Amazon CloudFront', 'Networking', 'Usage', 'CloudFront ${usage}', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', 'USD', '${cost}', '${cost}', '1', 'GB', '${region}', '${usage}')`,
  );
  await duck(
    `COPY (SELECT * FROM (VALUES ${values.join(', ')}) t(ProviderName, ServiceName, ServiceCategory, ChargeCategory, ChargeDescription, ChargePeriodStart, ChargePeriodEnd, BillingCurrency, BilledCost, EffectiveCost, ConsumedQuantity, ConsumedUnit, RegionId, x_UsageType)) TO '${file}' (FORMAT parquet)`,
  );
  return file;
}

describe('actuals: CloudFront usage meets the plan per edge region', () => {
  const { scenario } = parseScenario(PLAN, 'cdn-edges.yaml');
  const plan = estimate(scenario, loadPricingBook(providersOf(scenario), []));

  it('puts each edge’s bytes and requests on the via: cdn line for those viewers, and an edge the plan does not serve apart', async () => {
    const { records } = await readBillingFile(await billFile(), OCT, undefined);
    expect(records).toHaveLength(ROWS.length);
    const r = reconcile(plan, scenario, records, { threshold: new Decimal('0.1'), period: FULL });
    const of = (kind: string, name: string) => r.lines.find((l) => l.line.kind === kind && l.line.name === name)!;
    // US edge (Canada bills with it): $240 + $12 against (4,000 − 1,024) × $0.085 = $252.96.
    expect(of('cdn-delivery', 'us-users').matched).toEqual(['CA-DataTransfer-Out-Bytes', 'US-DataTransfer-Out-Bytes']);
    expect(of('cdn-delivery', 'us-users').actual.toFixed()).toBe('252');
    expect(of('cdn-delivery', 'us-users').flag).toBeUndefined();
    // Europe pays from its first GB (the free TB went to the US edge): 3,000 × $0.085 = $255, billed $300.
    expect(of('cdn-delivery', 'eu-users').projected.toFixed()).toBe('255');
    expect(of('cdn-delivery', 'eu-users').matched).toEqual(['EU-DataTransfer-Out-Bytes']);
    expect(of('cdn-delivery', 'eu-users').actual.toFixed()).toBe('300');
    expect(of('cdn-delivery', 'eu-users').flag).toBe('over');
    expect(of('cdn-requests', 'us-users').matched).toEqual(['US-Requests-Tier2-HTTPS']);
    expect(of('cdn-requests', 'eu-users').matched).toEqual(['EU-Requests-Tier2-HTTPS']);
    expect(of('cdn-requests', 'eu-users').actual.toFixed()).toBe('48');
    // Japan's edge is in no line of the plan: its bytes are unplanned, not merged into a CloudFront line.
    expect(r.unplanned.map((u) => [u.usageType, u.region, u.cost.toFixed()])).toEqual([['JP-DataTransfer-Out-Bytes', '', '45']]);
  });

  it('a plan serving only US viewers shows the European bytes as drift of their own edge', async () => {
    const usOnly = parseScenario(PLAN.replace(/  - \{name: eu-users.*\n/, ''), 'us.yaml').scenario;
    const { records } = await readBillingFile(await billFile(), OCT, undefined);
    const r = reconcile(estimate(usOnly, loadPricingBook(providersOf(usOnly), [])), usOnly, records, { threshold: new Decimal('0.1'), period: FULL });
    expect(r.lines.find((l) => l.line.kind === 'cdn-delivery')!.actual.toFixed()).toBe('252');
    expect(r.unplanned.map((u) => u.usageType).sort()).toEqual(['EU-DataTransfer-Out-Bytes', 'EU-Requests-Tier2-HTTPS', 'JP-DataTransfer-Out-Bytes']);
  });

  it('a CloudFront row told by its description alone (no edge) meets the CDN line of a plan that delivers to one edge, and no line of a plan with several', () => {
    const described = record({ serviceName: 'Amazon CloudFront', usageType: '$0.085 per GB - first 10 TB / month data transfer out (United States)', billedCost: new Decimal('200') });
    const usOnly = parseScenario(PLAN.replace(/  - \{name: eu-users.*\n/, ''), 'us.yaml').scenario;
    const one = reconcile(estimate(usOnly, loadPricingBook(providersOf(usOnly), [])), usOnly, [described], { threshold: new Decimal('0.1'), period: FULL });
    expect(one.lines.find((l) => l.line.kind === 'cdn-delivery')!.actual.toFixed()).toBe('200');
    const both = reconcile(plan, scenario, [described], { threshold: new Decimal('0.1'), period: FULL });
    expect(both.unplanned.map((u) => u.cost.toFixed())).toEqual(['200']);
  });
});
