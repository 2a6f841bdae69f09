import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, type Finding } from '../../src/engine/advise/advise.js';
import { applyPlanEdits } from '../../src/engine/advise/edits.js';
import { commitment } from '../../src/engine/advise/rules/commitment.js';
import { crossCloudReplica } from '../../src/engine/advise/rules/cross-cloud-replica.js';
import { natGatewayEndpoint } from '../../src/engine/advise/rules/nat-gateway-endpoint.js';
import { oneZone } from '../../src/engine/advise/rules/one-zone.js';
import { spotToOnDemand } from '../../src/engine/advise/rules/spot-to-on-demand.js';
import type { Rule } from '../../src/engine/advise/rule.js';
import { estimate } from '../../src/engine/estimate.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { Decimal } from '../../src/model/decimal.js';
import type { PricingBook } from '../../src/model/pricing-book.js';
import { loadPricingBook } from '../../src/pricing/load.js';

const books = new Map<string, PricingBook>();

/** One rule on a plan written inline, priced on the bundled tables (read once per set of providers). */
function run(rule: Rule, yaml: string) {
  const { scenario } = parseScenario(`name: t\n${yaml}`, 'inline.yaml');
  const providers = providersOf(scenario);
  const key = [...providers].sort().join();
  const book = books.get(key) ?? loadPricingBook(providers, []);
  books.set(key, book);
  return { scenario, book, findings: advise(scenario, book, [rule]).findings };
}

/** A finding's saving is the engine's: estimate(before) − estimate(after), to the last digit. */
function expectEngineSaving(scenario: Parameters<typeof estimate>[0], book: Parameters<typeof estimate>[1], f: Finding) {
  const after = estimate(applyPlanEdits(scenario, f.edits), book).totals.total;
  expect(f.saving.toFixed()).toBe(estimate(scenario, book).totals.total.minus(after).toFixed());
}

const natPlan = (gbPerDay: string | number, via = 'nat-gateway') => `nodes:
  - {name: trainers, provider: aws, region: us-east-1, zone: us-east-1a, instance: m7i.xlarge, count: 1}
storage:
  - {name: lake, provider: aws, region: us-east-1, class: s3-standard, gb: 100}
transfers:
  - {name: reads, from: storage:lake, to: nodes:trainers, gb_per_day: ${gbPerDay}, days: 30, via: ${via}}
`;

describe('nat-to-gateway-endpoint', () => {
  it('S3 reads through the NAT: the processing and the gateway hours go, $0.045/GB + 730 h × $0.045', () => {
    const { scenario, book, findings } = run(natGatewayEndpoint, natPlan(100));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.subject).toBe('transfers.reads');
    expect(f.edits).toEqual([{ kind: 'set', section: 'transfers', name: 'reads', field: 'via', value: 'gateway-endpoint' }]);
    // 3,000 GB × 0.045 processing + the gateway's 730 h × 0.045 (no other transfer uses it).
    expect(f.saving.toFixed()).toBe('167.85');
    expect(f.lines.map((l) => `${l.kind}:${l.name}`).sort()).toEqual(['nat-gateway:nat-gateway-us-east-1', 'nat-processing:reads']);
    expectEngineSaving(scenario, book, f);
  });

  it('the gateway stays when another transfer still needs it: only the processing is saved', () => {
    const { findings } = run(natGatewayEndpoint, `${natPlan(100)}  - {name: pulls, from: internet, to: nodes:trainers, gb_per_month: 10, via: nat-gateway}\n`);
    expect(findings.map((f) => f.saving.toFixed())).toEqual(['135']);
  });

  it('internet traffic through the NAT is not S3: no finding', () => {
    expect(run(natGatewayEndpoint, `nodes:\n  - {name: n, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1}\ntransfers:\n  - {name: pulls, from: internet, to: nodes:n, gb_per_month: 800, via: nat-gateway}\n`).findings).toEqual([]);
  });

  it('property: the saving is the volume × the NAT per-GB rate (+ the freed gateway hours), exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const gb = `${whole}.${String(cents).padStart(2, '0')}`;
        const { scenario, book, findings } = run(natGatewayEndpoint, natPlan(gb));
        expectEngineSaving(scenario, book, findings[0]!);
        // The gateway's 730 h × $0.045 = $32.85 goes with it: nothing else in the plan uses the NAT.
        expect(findings[0]!.saving.minus('32.85').toFixed()).toBe(new Decimal(gb).times(30).times('0.045').toFixed());
      }),
      { numRuns: 50 },
    );
  });
});

const readAcross = (gbPerDay: number) => `nodes:
  - {name: trainers, provider: gcp, region: us-central1, instance: a2-highgpu-4g, count: 2, hours: 200}
storage:
  - {name: store, provider: aws, region: us-east-1, class: s3-standard, gb: 20000}
transfers:
  - {name: nightly, from: aws:us-east-1, to: nodes:trainers, gb_per_day: ${gbPerDay}, days: 30}
`;

describe('cross-cloud-replica', () => {
  it('a 400 GB/day read across clouds: a GCS replica next to the readers, priced by the engine, with both break-evens', () => {
    const { scenario, book, findings } = run(crossCloudReplica, readAcross(400));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.edits.map((e) => (e.kind === 'add' ? `+${e.section}:${e.item.name}` : `${e.name}.${e.field}=${String(e.value)}`))).toEqual([
      '+storage:store-replica',
      '+transfers:store-initial-copy',
      'nightly.from=storage:store-replica',
    ]);
    expectEngineSaving(scenario, book, f);
    expect(f.saving.toFixed(2)).toBe('548.64');
    expect(f.notes[0]).toMatch(/^break-even: the replica pays above 193\.54 GB\/day read \(now 400\)$/);
    expect(f.notes[1]).toMatch(/daily sync .* under 203\.2 GB\/day$/);
  });

  it('below the break-even the replica costs more: no finding', () => {
    expect(run(crossCloudReplica, readAcross(150)).findings).toEqual([]);
  });

  it('a monthly (not nightly) read, or a read within one cloud, is not this rule\u2019s', () => {
    expect(run(crossCloudReplica, readAcross(400).replace('gb_per_day: 400, days: 30', 'gb_per_month: 12000')).findings).toEqual([]);
    expect(run(crossCloudReplica, readAcross(400).replace(/provider: gcp, region: us-central1, instance: a2-highgpu-4g/, 'provider: aws, region: us-west-2, instance: p4d.24xlarge').replace('to: nodes:trainers', 'to: aws:us-west-2')).findings).toEqual([]);
  });
});

describe('inter-zone-to-one-zone', () => {
  const plan = `nodes:
  - {name: a, provider: aws, region: us-east-1, zone: us-east-1a, instance: m7i.xlarge, count: 1}
  - {name: b, provider: aws, region: us-east-1, zone: us-east-1b, instance: m7i.xlarge, count: 1}
transfers:
  - {name: shuffle, from: nodes:a, to: nodes:b, gb_per_month: 1000}
`;
  it('two groups in two zones: b moves to a\u2019s zone; both sides\u2019 $0.01/GB go, and the trade-off is said', () => {
    const { scenario, book, findings } = run(oneZone, plan);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.edits).toEqual([{ kind: 'set', section: 'nodes', name: 'b', field: 'zone', value: 'us-east-1a' }]);
    expect(f.saving.toFixed()).toBe('20');
    expect(f.notes.join(' ')).toMatch(/outage of that one zone stops them together/);
    expectEngineSaving(scenario, book, f);
  });

  it('zones not written (the path only assumed inter-zone) are not moved', () => {
    expect(run(oneZone, plan.replace(', zone: us-east-1b', '')).findings).toEqual([]);
  });
});

describe('on-demand-to-commitment', () => {
  const plan = (hours: number) => `nodes:\n  - {name: t, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 2, hours: ${hours}}\n`;
  it('running all month: the cheapest commitment (the 3-year RI) at its effective rate, every hour, priced from the catalog', () => {
    const { findings } = run(commitment, plan(730));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.pricedBy).toBe('catalog');
    expect(f.edits).toEqual([]);
    expect(f.change).toMatch(/reserved standard 3y no-upfront/);
    // 2 × 730 × (21.957642 − 9.374219)
    expect(f.saving.toFixed()).toBe('18371.79758');
    // 730 × 9.374219 / 21.957642 = 311.66 h
    expect(f.notes[0]).toMatch(/pays above 312 h per node/);
  });

  it('200 h a month: the commitment bills 730 and costs more, so no finding', () => {
    expect(run(commitment, plan(200)).findings).toEqual([]);
  });

  it('a type with no commitment rates in the catalog: no finding', () => {
    expect(run(commitment, `nodes:\n  - {name: api, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 3}\n`).findings).toEqual([]);
  });
});

describe('spot-to-on-demand', () => {
  const plan = (rate: string) => `nodes:
  - {name: train, provider: aws, region: us-east-1, instance: p5en.48xlarge, count: 8, hours: 100, purchase: spot,
     interruptions_per_hour: ${rate}, checkpoint_every_hours: 4, restart_hours: 1, gang: true}
`;
  it('a gang of 8 at 0.2 interruptions per node-hour: re-done work outweighs the discount; on-demand priced by the engine', () => {
    const { scenario, book, findings } = run(spotToOnDemand, plan('0.2'));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.edits.map((e) => (e.kind === 'set' ? `${e.field}=${String(e.value)}` : ''))).toEqual([
      'purchase=on-demand',
      'interruptions_per_hour=undefined',
      'checkpoint_every_hours=undefined',
      'restart_hours=undefined',
      'gang=undefined',
    ]);
    expectEngineSaving(scenario, book, f);
  });

  it('a low interruption rate keeps spot cheaper: no finding', () => {
    expect(run(spotToOnDemand, plan('0.001')).findings).toEqual([]);
  });
});
