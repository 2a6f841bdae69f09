import { describe, expect, it } from 'vitest';
import { estimateBundled as estimateYaml, inputFailure } from '../helpers.js';

const failure = (yaml: string) => inputFailure(yaml, estimateYaml);

const plan = (transfer: string) => `
name: t
nodes:
  - {name: trainers, provider: aws, region: us-east-1, zone: us-east-1a, instance: g5.xlarge, count: 1}
storage:
  - {name: bucket, provider: aws, region: us-east-1, class: s3-standard, gb: 1}
transfers:
${transfer}`;

const lines = (yaml: string, kinds: string[]) =>
  estimateYaml(yaml)
    .lines.filter((l) => kinds.includes(l.kind))
    .map((l) => [l.kind, l.category, l.quantity.toFixed(), l.cost.toFixed()]);

describe('via: on a transfer', () => {
  it('gateway-endpoint: S3 in the region is free and pays no NAT processing, where nat-gateway does', () => {
    const flow = (via: string) => plan(`  - {name: ckpt, from: nodes:trainers, to: storage:bucket, gb_per_month: 1000, via: ${via}}`);
    expect(lines(flow('gateway-endpoint'), ['transfer', 'gateway-endpoint', 'nat-processing', 'nat-gateway'])).toEqual([
      ['transfer', 'egress', '1000', '0'],
      ['gateway-endpoint', 'network', '1000', '0'],
    ]);
    expect(lines(flow('nat-gateway'), ['transfer', 'nat-processing', 'nat-gateway'])).toEqual([
      ['transfer', 'egress', '1000', '0'],
      ['nat-processing', 'network', '1000', '45'],
      ['nat-gateway', 'network', '730', '32.85'],
    ]);
  });

  it('gateway-endpoint on a path that leaves the region is a located error at via', () => {
    const d = failure(plan('  - {name: out, from: nodes:trainers, to: internet, gb_per_month: 10, via: gateway-endpoint}'));
    expect(d.message).toBe('a gateway endpoint only reaches S3 and DynamoDB in its own region (a plan names S3 as a storage: end); out is internet');
    expect(d.suggestion).toBe('use via: nat-gateway, or remove via');
    expect(d.position).toMatchObject({ line: 8 });
  });

  it('vpc-endpoint: endpoint-AZ hours once per region and tiered processing per GB', () => {
    const yaml = plan(`  - {name: a, from: nodes:trainers, to: storage:bucket, gb_per_month: 300, via: vpc-endpoint, endpoint_azs: 3}
  - {name: b, from: storage:bucket, to: nodes:trainers, gb_per_month: 200, via: vpc-endpoint}`);
    expect(lines(yaml, ['endpoint-processing', 'endpoint-hours'])).toEqual([
      ['endpoint-processing', 'network', '300', '3'],
      ['endpoint-processing', 'network', '200', '2'],
      ['endpoint-hours', 'network', '2190', '21.9'], // 3 AZs × 730 h × $0.01
    ]);
    expect(estimateYaml(yaml).assumptions.join('\n')).toMatch(/transfers\.b: endpoint_azs not given/);
  });

  it('cdn: origin fetch free, delivery on CloudFront tiers after the free 1 TB, requests after the free 10M', () => {
    const yaml = plan('  - {name: serve, from: nodes:trainers, to: internet, gb_per_month: 3024, via: cdn, requests_per_month: 30000000}');
    expect(lines(yaml, ['transfer', 'cdn-delivery', 'cdn-requests'])).toEqual([
      ['transfer', 'egress', '3024', '0'],
      ['cdn-delivery', 'egress', '3024', '170'], // (3,024 − 1,024) × $0.085
      ['cdn-requests', 'network', '3000', '20'], // (3,000 − 1,000) × $0.01 per 10K
    ]);
  });

  it('cdn is cheaper than direct egress past the free tier here, and says so in the lines it replaces', () => {
    const direct = estimateYaml(plan('  - {name: serve, from: nodes:trainers, to: internet, gb_per_month: 5000}'));
    const cdn = estimateYaml(plan('  - {name: serve, from: nodes:trainers, to: internet, gb_per_month: 5000, via: cdn}'));
    expect(direct.totals.egress.toFixed()).toBe('441'); // (5,000 − 100) × $0.09
    expect(cdn.totals.egress.toFixed()).toBe('337.96'); // (5,000 − 1,024) × $0.085
    expect(cdn.assumptions.join('\n')).toMatch(/requests_per_month not given/);
  });

  it('cdn in front of ingress, or to another cloud, is a located error', () => {
    expect(failure(plan('  - {name: in, from: internet, to: nodes:trainers, gb_per_month: 10, via: cdn}')).message).toBe(
      'a CDN delivers out to viewers; in is ingress',
    );
    expect(failure(plan('  - {name: x, from: nodes:trainers, to: gcp:us-central1, gb_per_month: 10, via: cdn}')).message).toBe(
      'a CDN delivers to the internet; x goes to a cloud (cross-cloud)',
    );
  });

  it('interconnect: the private per-GB rate instead of internet egress, one port per region and speed', () => {
    const yaml = plan(`  - {name: backup, from: storage:bucket, to: on-prem, gb_per_month: 20000, via: interconnect, port: 10g}
  - {name: restore, from: on-prem, to: nodes:trainers, gb_per_month: 500, via: interconnect, port: 10g}`);
    expect(lines(yaml, ['transfer', 'interconnect-port'])).toEqual([
      ['transfer', 'egress', '20000', '400'],
      ['transfer', 'ingress', '500', '0'],
      ['interconnect-port', 'network', '730', '1642.5'],
    ]);
  });

  it('an unknown port names the speeds there are; interconnect to the internet is a located error', () => {
    const d = failure(plan('  - {name: b, from: storage:bucket, to: on-prem, gb_per_month: 1, via: interconnect, port: 40g}'));
    expect(d.message).toBe('no Direct Connect port "40g" in the aws table');
    expect(d.suggestion).toMatch(/10g/);
    expect(failure(plan('  - {name: b, from: storage:bucket, to: internet, gb_per_month: 1, via: interconnect}')).message).toBe(
      'a private interconnect links a cloud region and on-prem; b is to the internet',
    );
  });

  it('a provider whose table has no such rates stops at via, saying the figure is left out', () => {
    const d = failure(`
name: t
transfers:
  - {name: serve, from: gcp:us-central1, to: internet, gb_per_month: 10, via: cdn}
`);
    expect(d.message).toMatch(/^via: cdn is not priced for gcp/);
    expect(d.suggestion).toBe('price it in a pricing override file (network.cdn), or remove via: cdn');
  });

  it('a field of another path is a schema error with the via it goes with', () => {
    const d = failure(plan('  - {name: a, from: nodes:trainers, to: internet, gb_per_month: 1, port: 1g}'));
    expect(d.message).toBe('transfers[0] (a).port: port only goes with via: interconnect; remove it or set via: interconnect');
  });
});

describe('ranges on via quantities', () => {
  it('a ranged requests_per_month is an uncertain input, priced at its point value', async () => {
    const { parseScenario } = await import('../../src/model/load-scenario.js');
    const yaml = plan('  - {name: serve, from: nodes:trainers, to: internet, gb_per_month: 10, via: cdn, requests_per_month: {low: 2e7, expected: 3e7, high: 5e7}}');
    const loaded = parseScenario(yaml, 'inline.yaml');
    expect(loaded.uncertain.map((u) => u.label)).toEqual(['transfers.serve.requests_per_month']);
    expect(estimateYaml(yaml).lines.find((l) => l.kind === 'cdn-requests')!.cost.toFixed()).toBe('20');
  });
});

describe('load balancers', () => {
  const lb = (kind: string, extra = '') => `
name: t
load_balancers:
  - {name: api, provider: aws, region: us-east-1, kind: ${kind}, processed_gb: 2000${extra}}
`;
  it('an ALB bills its hours and LCU-hours from the GB processed, as network, and says the LCU basis is a lower bound', () => {
    const e = estimateYaml(lb('alb'));
    expect(e.lines.map((l) => [l.kind, l.category, l.unit, l.quantity.toFixed(), l.cost.toFixed()])).toEqual([
      ['lb-hours', 'network', 'hour', '730', '16.425'],
      ['lb-processing', 'network', 'LCU-hour', '2000', '16'],
    ]);
    expect(e.assumptions.join('\n')).toMatch(/aws alb: LCU-hours from processed bytes alone/);
  });

  it('an NLB on its own NLCU rate, for the hours given', () => {
    const e = estimateYaml(lb('nlb', ', hours: 100'));
    expect(e.lines.map((l) => l.cost.toFixed())).toEqual(['2.25', '12']);
  });

  it('an unknown kind names the nearest, or the kinds the provider prices', () => {
    expect(failure(lb('albb')).suggestion).toBe('did you mean alb?');
    const d = failure(`
name: t
load_balancers:
  - {name: api, provider: gcp, region: us-central1, kind: forwarding-rule, processed_gb: 1}
`);
    expect(d.message).toBe('unknown gcp load balancer kind "forwarding-rule"');
    expect(d.suggestion).toBe('gcp load balancer kinds: global-external');
  });
});
