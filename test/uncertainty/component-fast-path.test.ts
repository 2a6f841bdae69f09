import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePlan } from '../../src/engine/compiled-plan.js';
import { monteCarlo, type MonteCarlo } from '../../src/engine/montecarlo.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { expectSamplesMatchEstimate } from './samples-match.js';

// Generated plans of the issue 13 components on the bundled AWS us-east-1 rates, any of their
// quantities written as a range: node groups with io2 or gp3 disks (with and without hours, a
// ranged count), public IPv4 addresses (a range that may reach 0), EKS clusters, ALB and NLB
// load balancers, a CloudFront transfer with ranged volume and requests.
const range = (low: number, high: number) =>
  fc.oneof(
    fc.constant(String(low + Math.round((high - low) / 2))),
    fc.tuple(fc.integer({ min: low, max: high }), fc.integer({ min: low, max: high }), fc.integer({ min: low, max: high })).map(([a, b, c]) => {
      const [l, e, h] = [a, b, c].sort((x, y) => x - y);
      return `{low: ${l}, expected: ${e}, high: ${h! > l! ? h : h! + 1}}`;
    }),
    fc.tuple(fc.integer({ min: Math.max(low, 1), max: high }), fc.integer({ min: 2, max: 5 })).map(([p50, k]) => `{p50: ${p50}, p95: ${p50 * k}}`),
  );
const hours = fc.oneof(fc.constant(undefined), range(50, 730).filter((h) => !h.includes('p95')));

const group = fc.record({
  count: range(1, 8).filter((c) => !c.includes('p95')),
  hours,
  disk: fc.oneof(
    fc.constant(undefined),
    fc.record({ gb: range(20, 2000) }).map(({ gb }) => `{class: gp3, gb: ${gb}}`),
    fc.record({ gb: range(20, 2000), iops: range(100, 20000) }).map(({ gb, iops }) => `{class: io2, gb: ${gb}, iops: ${iops}}`),
  ),
  ipv4: fc.oneof(fc.constant(undefined), fc.constant('{low: 0, expected: 0, high: 3}'), range(0, 4).filter((r) => !r.includes('p95'))),
});

const plan = fc.record({
  groups: fc.array(group, { minLength: 1, maxLength: 3 }),
  cluster: fc.oneof(fc.constant(undefined), hours),
  lbs: fc.array(fc.record({ kind: fc.constantFrom('alb', 'nlb'), hours, gb: range(10, 20000) }), { maxLength: 2 }),
  cdn: fc.oneof(fc.constant(undefined), fc.record({ gb: range(100, 60000), requests: fc.oneof(fc.constant(undefined), range(1_000_000, 300_000_000)) })),
});

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(p: Plan): string {
  const out = ['name: generated', 'nodes:'];
  p.groups.forEach((g, i) => {
    out.push(`  - {name: g${i}, provider: aws, region: us-east-1, instance: m7i.xlarge, count: ${g.count}${g.hours ? `, hours: ${g.hours}` : ''}${g.disk ? `, disk: ${g.disk}` : ''}${g.ipv4 ? `, public_ipv4: ${g.ipv4}` : ''}}`);
  });
  if (p.cluster !== undefined) out.push('clusters:', `  - {name: eks, provider: aws, region: us-east-1, kind: eks${p.cluster ? `, hours: ${p.cluster}` : ''}}`);
  if (p.lbs.length) out.push('load_balancers:', ...p.lbs.map((lb, i) => `  - {name: lb${i}, provider: aws, region: us-east-1, kind: ${lb.kind}${lb.hours ? `, hours: ${lb.hours}` : ''}, processed_gb: ${lb.gb}}`));
  if (p.cdn) out.push('transfers:', `  - {name: out, from: nodes:g0, to: internet, via: cdn, gb_per_month: ${p.cdn.gb}${p.cdn.requests ? `, requests_per_month: ${p.cdn.requests}` : ''}}`);
  return `${out.join('\n')}\n`;
}

const text = (mc: MonteCarlo) => ({
  spreads: Object.fromEntries(Object.entries(mc.spreads).map(([k, s]) => [k, [s.expected.toFixed(), ...[...s.percentiles].map(([p, v]) => `${p}:${v.toFixed()}`)]])),
  totals: mc.totals.map((t) => t.toFixed()),
});

describe('ranged component quantities on the compiled Monte Carlo path', () => {
  it('property: every sample equals estimate() of the plan with its draws set; the plan is compiled, in exact integers where every quantity only multiplies', () => {
    fc.assert(
      fc.property(plan, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (p, seed) => {
        const loaded = parseScenario(yamlOf(p), 'generated.yaml');
        const book = loadPricingBook(providersOf(loaded.scenario), []);
        expectSamplesMatchEstimate(loaded, book, seed, 12);
        const compiled = compilePlan(loaded.scenario, book, loaded.uncertain.map((u) => u.path));
        // No line of these plans is ingress: only a plan priced whole on every call says ingress moves.
        const latent = loaded.uncertain.some((u) => u.label.endsWith('public_ipv4') && loaded.scenario.nodes!.some((g, i) => u.path[1] === i && g.public_ipv4!.isZero()));
        expect(compiled.moves.has('ingress')).toBe(latent);
        // Disks billed by node-months that only multiply (a group that runs the month) keep the integer path.
        const divides = loaded.scenario.nodes!.some((g) => g.disk !== undefined && g.hours !== undefined);
        if (!latent && !divides && loaded.uncertain.length > 0) expect(compiled.scaled).toBeDefined();
        if (compiled.scaled) {
          const options = { samples: 40, seed };
          expect(text(monteCarlo(loaded.scenario, loaded.uncertain, book, { ...options, plan: compiled }))).toEqual(
            text(monteCarlo(loaded.scenario, loaded.uncertain, book, { ...options, plan: { ...compiled, scaled: undefined } })),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('prices a public IPv4 range whose point is no address at every sample (the line appears when a sample draws one)', () => {
    const loaded = parseScenario(
      'name: latent\nnodes:\n  - {name: a, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 2, public_ipv4: {low: 0, expected: 0, high: 3}}\n',
      'latent.yaml',
    );
    const book = loadPricingBook(providersOf(loaded.scenario), []);
    expectSamplesMatchEstimate(loaded, book, 9, 50);
    const mc = monteCarlo(loaded.scenario, loaded.uncertain, book, { samples: 200, seed: 9 });
    expect(mc.spreads.network.expected.gt(0)).toBe(true);
  });
});
