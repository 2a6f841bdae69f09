import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, type Finding } from '../../src/engine/advise/advise.js';
import { applyPlanEdits } from '../../src/engine/advise/edits.js';
import { commitment } from '../../src/engine/advise/rules/commitment.js';
import { crossCloudReplica } from '../../src/engine/advise/rules/cross-cloud-replica.js';
import { egressToCdn } from '../../src/engine/advise/rules/egress-to-cdn.js';
import { natGatewayEndpoint } from '../../src/engine/advise/rules/nat-gateway-endpoint.js';
import { natInterfaceEndpoint } from '../../src/engine/advise/rules/nat-interface-endpoint.js';
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

/** Nodes pulling from a service of their region (a registry, a queue) through the NAT; `pulls` keeps the gateway needed. */
const servicePlan = (gbPerMonth: string | number, extra = '') => `nodes:
  - {name: trainers, provider: aws, region: us-east-1, zone: us-east-1a, instance: m7i.xlarge, count: 1}
transfers:
  - {name: registry, from: aws:us-east-1, to: nodes:trainers, gb_per_month: ${gbPerMonth}, via: nat-gateway${extra}}
  - {name: pulls, from: internet, to: nodes:trainers, gb_per_month: 10, via: nat-gateway}
`;

describe('nat-to-interface-endpoint', () => {
  it('3,000 GB a month to a service in the region: $0.045/GB NAT processing → an endpoint at $0.01/GB + 730 h × $0.01, priced by the engine', () => {
    const { scenario, book, findings } = run(natInterfaceEndpoint, servicePlan(3000));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.subject).toBe('transfers.registry');
    expect(f.edits).toEqual([{ kind: 'set', section: 'transfers', name: 'registry', field: 'via', value: 'vpc-endpoint' }]);
    // 3,000 × (0.045 − 0.01) − 730 × 0.01: the gateway stays (pulls need it).
    expect(f.saving.toFixed()).toBe('97.7');
    expectEngineSaving(scenario, book, f);
    expect(f.lines.map((l) => `${l.kind}:${l.name} ${l.before.toFixed()}→${l.after.toFixed()}`)).toEqual([
      'nat-processing:registry 135→0',
      'endpoint-processing:registry 0→30',
      'endpoint-hours:vpc-endpoint-us-east-1 0→7.3',
    ]);
    // 7.30 / 0.035 = 208.571… GB a month.
    expect(f.notes).toContain('break-even: the endpoint pays above 208.57 GB/month through it (now 3,000)');
    expect(f.notes.join(' ')).toMatch(/S3 or DynamoDB, a gateway endpoint is free/);
  });

  it('below the break-even (200 GB a month) the endpoint\u2019s hours cost more than the NAT processing saves: no finding', () => {
    expect(run(natInterfaceEndpoint, servicePlan(200)).findings).toEqual([]);
  });

  it('S3 in the region is the gateway endpoint\u2019s (free), not this rule\u2019s; internet traffic needs the NAT', () => {
    expect(run(natInterfaceEndpoint, natPlan(100)).findings).toEqual([]);
    expect(run(natInterfaceEndpoint, servicePlan(3000).replace('from: aws:us-east-1', 'from: internet')).findings).toEqual([]);
  });

  it('a region with no published interface endpoint rates: no finding rather than a guess', () => {
    const plan = servicePlan(3000).replaceAll('us-east-1', 'eu-west-1').replace(', zone: eu-west-1a', '');
    expect(run(natInterfaceEndpoint, plan).findings).toEqual([]);
  });

  it('property: the saving is estimate(before) − estimate(after), and positive exactly above the break-even', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000000 }), (gb) => {
        const { scenario, book, findings } = run(natInterfaceEndpoint, servicePlan(gb));
        // Below 1 PB the endpoint costs 0.01/GB + $7.30: it pays when 0.035 × gb > 7.30.
        if (gb > 1000000 || new Decimal(gb).times('0.035').gt('7.3')) {
          expect(findings).toHaveLength(1);
          expectEngineSaving(scenario, book, findings[0]!);
        } else expect(findings).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

const egressPlan = (gbPerMonth: number, extra = '') => `nodes:
  - {name: api, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1}
transfers:
  - {name: predictions, from: nodes:api, to: internet, gb_per_month: ${gbPerMonth}${extra}}
`;

describe('egress-to-cdn', () => {
  it('20,000 GB a month to users: CloudFront\u2019s tiers (1 TB free, $0.085, $0.080) instead of EC2\u2019s egress, and the requests it can afford', () => {
    const { scenario, book, findings } = run(egressToCdn, egressPlan(20000));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.edits).toEqual([{ kind: 'set', section: 'transfers', name: 'predictions', field: 'via', value: 'cdn' }]);
    // Egress: 10,140 × 0.09 + 9,760 × 0.085 = 1,742.20; CloudFront: 9,216 × 0.085 + 9,760 × 0.080 = 1,564.16.
    expect(f.saving.toFixed()).toBe('178.04');
    expectEngineSaving(scenario, book, f);
    expect(f.lines.map((l) => `${l.kind}:${l.name}`)).toEqual(['transfer:predictions', 'cdn-delivery:predictions']);
    // The free 10M requests + 178.04 / ($0.01 per 10,000).
    expect(f.notes).toContain('not in the figure: CloudFront\u2019s request fee (requests_per_month not given); it still pays below 188.04 million requests a month');
  });

  it('even 1,000 GB pays: CloudFront\u2019s first TB is free where EC2 charges 900 GB × $0.09', () => {
    expect(run(egressToCdn, egressPlan(1000)).findings.map((f) => f.saving.toFixed())).toEqual(['81']);
  });

  it('a CDN dearer than direct egress at that volume (a table at $0.20/GB): no finding', () => {
    const { scenario, book } = run(egressToCdn, egressPlan(20000));
    const aws = book.tables.aws!;
    const dear = { ...book, tables: { ...book.tables, aws: { ...aws, network: { ...aws.network!, cdn: { ...aws.network!.cdn!, tiers: [{ rate: new Decimal('0.2') }] } } } } };
    expect(advise(scenario, dear, [egressToCdn]).findings).toEqual([]);
  });

  it('not to the internet (on-prem, another cloud), or already via a path: not this rule\u2019s', () => {
    expect(run(egressToCdn, egressPlan(20000).replace('to: internet', 'to: on-prem')).findings).toEqual([]);
    expect(run(egressToCdn, egressPlan(20000).replace('to: internet', 'to: gcp:us-central1')).findings).toEqual([]);
    expect(run(egressToCdn, egressPlan(20000, ', via: nat-gateway')).findings).toEqual([]);
  });

  it('a table with no CDN rates gets no finding rather than a guess', () => {
    const { scenario, book } = run(egressToCdn, egressPlan(20000));
    const aws = book.tables.aws!;
    const { cdn: _, ...network } = aws.network!;
    expect(advise(scenario, { ...book, tables: { ...book.tables, aws: { ...aws, network } } }, [egressToCdn]).findings).toEqual([]);
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
  it('running all month: the cheapest commitment (the 3-year RI) as the group\'s purchase, priced by the engine at its effective rate, every hour', () => {
    const { findings } = run(commitment, plan(730));
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.pricedBy).toBe('engine');
    expect(f.edits).toEqual([
      { kind: 'set', section: 'nodes', name: 't', field: 'purchase', value: 'reserved' },
      { kind: 'set', section: 'nodes', name: 't', field: 'term', value: '3y' },
      { kind: 'set', section: 'nodes', name: 't', field: 'payment', value: 'no-upfront' },
      { kind: 'set', section: 'nodes', name: 't', field: 'plan', value: 'standard' },
      { kind: 'set', section: 'nodes', name: 't', field: 'hours', value: undefined },
    ]);
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
