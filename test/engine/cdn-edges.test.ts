import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { expectSamplesMatchEstimate } from '../uncertainty/samples-match.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { estimateBundled, inputFailure } from '../helpers.js';

const failure = (yaml: string) => inputFailure(yaml, estimateBundled);

const plan = (transfers: string, pricing = '') => `name: t
${pricing}nodes:
  - {name: api, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1}
transfers:
${transfers}`;

const cdnLines = (yaml: string) =>
  estimateBundled(yaml)
    .lines.filter((l) => l.kind === 'cdn-delivery' || l.kind === 'cdn-requests')
    .map((l) => [l.name, l.kind, l.quantity.toFixed(), l.cost.toFixed()]);

function override(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tollgate-cdn-')), 'cdn.yaml');
  writeFileSync(file, `provider: aws\nas_of: "2026-12-01"\nsource: a negotiated rate card\n${text}`);
  return file;
}

describe('CDN delivery priced at the edge that serves the viewers (issue 13)', () => {
  it("viewers: europe is priced on CloudFront's European tiers and requests, and says which edge it assumed", () => {
    const yaml = plan('  - {name: eu, from: nodes:api, to: internet, gb_per_month: 4000, via: cdn, viewers: europe, requests_per_month: 30000000}');
    expect(cdnLines(yaml)).toEqual([
      ['eu', 'cdn-delivery', '4000', '252.96'], // (4,000 − 1,024) × $0.085
      ['eu', 'cdn-requests', '3000', '24'], // (3,000 − 1,000) × $0.012 per 10K: Europe's request rate, not the US $0.01
    ]);
    expect(estimateBundled(yaml).assumptions).toContain("transfers.eu: delivered from CloudFront's Europe, Israel and Türkiye edges (viewers: europe)");
  });

  it("each edge region's bands: Japan at 20 TB crosses into its second band; South America's requests cost $0.022", () => {
    expect(cdnLines(plan('  - {name: jp, from: nodes:api, to: internet, gb_per_month: 20000, via: cdn, viewers: japan}'))).toEqual([
      ['jp', 'cdn-delivery', '20000', '1919.264'], // (10,240 − 1,024) × $0.114 + 9,760 × $0.089
    ]);
    expect(cdnLines(plan('  - {name: sa, from: nodes:api, to: internet, gb_per_month: 1024, via: cdn, viewers: south-america, requests_per_month: 20000000}'))).toEqual([
      ['sa', 'cdn-delivery', '1024', '0'],
      ['sa', 'cdn-requests', '2000', '22'],
    ]);
  });

  it('without viewers: the default edge (US, Mexico, Canada), and an assumption naming it and the others', () => {
    const e = estimateBundled(plan('  - {name: us, from: nodes:api, to: internet, gb_per_month: 2024, via: cdn}'));
    expect(e.lines.find((l) => l.kind === 'cdn-delivery')!.cost.toFixed()).toBe('85');
    expect(e.assumptions.join('\n')).toContain(
      "transfers.us: viewers not given; delivered from CloudFront's United States, Mexico and Canada edges (viewers: europe, south-africa-middle-east, south-america, japan, australia, asia-pacific, india price another audience)",
    );
  });

  it('tiers each edge region on its own total, and counts the account-wide free allowance once, on the first edge the plan names', () => {
    const yaml = plan(`  - {name: eu, from: nodes:api, to: internet, gb_per_month: 6000, via: cdn, viewers: europe}
  - {name: eu-2, from: nodes:api, to: internet, gb_per_month: 6000, via: cdn, viewers: europe}
  - {name: in, from: nodes:api, to: internet, gb_per_month: 2000, via: cdn, viewers: india}`);
    const e = estimateBundled(yaml);
    const delivery = e.lines.filter((l) => l.kind === 'cdn-delivery');
    // Europe: 12,000 GB on its own schedule: (10,240 − 1,024) × 0.085 + 1,760 × 0.080 = 924.16; India pays its first GB at $0.109.
    expect(delivery.filter((l) => l.name.startsWith('eu')).reduce((a, l) => a.plus(l.cost), new Decimal(0)).toFixed()).toBe('924.16');
    expect(delivery.find((l) => l.name === 'in')!.cost.toFixed()).toBe('218');
    expect(e.assumptions).toContain(
      'aws CloudFront: the always-free allowance is counted once, on the europe edges (the first this plan delivers to); the other edges pay from their first GB and request',
    );
  });

  it('a viewer region the table does not price is exit 2 at viewers with the nearest, never the US rates', () => {
    const d = failure(plan('  - {name: eu, from: nodes:api, to: internet, gb_per_month: 10, via: cdn, viewers: eurpoe}'));
    expect(d.message).toBe('CloudFront is not priced for viewers "eurpoe" in the aws table');
    expect(d.suggestion).toBe('did you mean europe?');
    expect(d.position).toMatchObject({ line: 5, col: 84 });
  });

  it('viewers belongs to via: cdn', () => {
    const d = failure(plan('  - {name: eu, from: nodes:api, to: internet, gb_per_month: 10, viewers: europe}'));
    expect(d.message).toMatch(/viewers only goes with via: cdn; remove it or set via: cdn/);
  });

  it('a CDN priced for one edge only (an override) refuses viewers; an edge without request rates refuses requests', () => {
    const single = override('network:\n  cdn: {name: MyCDN, tiers: [{rate: 0.05}], origin_fetch: 0, source: contract}\n');
    const d = failure(plan('  - {name: eu, from: nodes:api, to: internet, gb_per_month: 10, via: cdn, viewers: europe}', `pricing: [${JSON.stringify(single)}]\n`));
    expect(d.message).toBe('MyCDN is not priced for viewers "europe" in the aws table');
    expect(d.suggestion).toBe('the aws table prices MyCDN for one edge only; remove viewers, or price it in an override file (network.cdn.edges)');
    const partial = override(
      'network:\n  cdn: {name: MyCDN, edge: us, tiers: [{rate: 0.05}], origin_fetch: 0, requests: {per: 10000, tiers: [{rate: 0.01}]}, edges: {europe: {name: Europe, tiers: [{rate: 0.04}]}}, source: contract}\n',
    );
    const withPartial = (t: string) => plan(t, `pricing: [${JSON.stringify(partial)}]\n`);
    expect(cdnLines(withPartial('  - {name: eu, from: nodes:api, to: internet, gb_per_month: 100, via: cdn, viewers: europe}'))).toEqual([['eu', 'cdn-delivery', '100', '4']]);
    const r = failure(withPartial('  - {name: eu, from: nodes:api, to: internet, gb_per_month: 100, via: cdn, viewers: europe, requests_per_month: 5}'));
    expect(r.message).toBe('MyCDN requests are not priced for viewers in Europe in the aws table');
    expect(r.suggestion).toBe('price them in an override file (network.cdn.edges.europe.request_tiers), or leave out requests_per_month');
  });

  it('property: Monte Carlo over edges with ranged volumes gives each sample the totals estimate() gives it', () => {
    const text = plan(`  - {name: eu, from: nodes:api, to: internet, gb_per_month: {p50: 8000, p95: 40000}, via: cdn, viewers: europe, requests_per_month: {low: 1e6, expected: 3e7, high: 9e7}}
  - {name: au, from: nodes:api, to: internet, gb_per_month: {low: 0, expected: 3000, high: 60000}, via: cdn, viewers: australia}
  - {name: us, from: nodes:api, to: internet, gb_per_month: {low: 500, expected: 2000, high: 9000}, via: cdn}`);
    const loaded = parseScenario(text, 'edges.yaml');
    const book = loadPricingBook(providersOf(loaded.scenario), [], fileURLToPath(new URL('../../pricing/', import.meta.url)));
    const samples = 40;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => expectSamplesMatchEstimate(loaded, book, seed, samples)),
      { numRuns: 8 },
    );
  });
});
