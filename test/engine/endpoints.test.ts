import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { estimate } from '../../src/engine/estimate.js';
import { parseScenario, providersOf } from '../../src/model/load-scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { estimateYaml, FIXTURE_PRICING, line } from '../helpers.js';

const PLAN = (trainersRegion: string, extra = '') => `
name: t
nodes:
  - {name: trainers, provider: aws, region: ${trainersRegion}, zone: ${trainersRegion}a, instance: p4d.24xlarge, count: 1, hours: 10}
storage:
  - {name: bucket, provider: aws, region: us-east-1, class: s3-standard, gb: 100}
transfers:
  - {name: stream, from: storage:bucket, to: nodes:trainers, gb_per_month: 3000}
${extra}`;

describe('transfer ends that name plan items', () => {
  it('prices object storage → compute in one region at $0, with no zone assumption', () => {
    const e = estimateYaml(PLAN('us-east-1'));
    const l = line(e, 'stream');
    expect(l.path).toBe('same-region-storage');
    expect(l.cost.toFixed()).toBe('0');
    expect(l.quantity.toFixed()).toBe('3000');
    expect(l.description).toContain('storage:bucket (aws:us-east-1) → nodes:trainers (aws:us-east-1:us-east-1a)');
    expect(e.assumptions.join('\n')).not.toMatch(/transfers\.stream/);
  });

  it('moving the node group moves the transfer: a cross-region read at the bucket region\'s rate', () => {
    const e = estimateYaml(PLAN('us-west-2'));
    const l = line(e, 'stream');
    expect(l).toMatchObject({ path: 'inter-region', region: 'us-east-1' });
    expect(l.cost.toFixed()).toBe('60'); // 3,000 GB × us-east-1 → elsewhere in North America $0.02
  });

  it('out of a bucket to another cloud is the bucket provider\'s internet egress', () => {
    const e = estimateYaml(`
name: t
nodes: [{name: gpu, provider: gcp, region: us-central1, instance: a2-highgpu-1g, count: 1, hours: 1}]
storage: [{name: bucket, provider: aws, region: us-east-1, class: s3-standard, gb: 1}]
transfers: [{name: pull, from: storage:bucket, to: nodes:gpu, gb_per_month: 1100}]
`);
    const l = line(e, 'pull');
    expect(l).toMatchObject({ path: 'cross-cloud', provider: 'aws' });
    expect(l.cost.toFixed()).toBe('90'); // 100 GB free, 1,000 × $0.09
  });

  it('compute → a bucket in the same region is free too (snapshot writes)', () => {
    const e = estimateYaml(PLAN('us-east-1', '  - {name: writes, from: nodes:trainers, to: storage:bucket, gb_per_month: 50}'));
    expect(line(e, 'writes').path).toBe('same-region-storage');
  });

  it('a storage class the table does not call object storage keeps the zone rules', () => {
    const loaded = parseScenario(PLAN('us-east-1'), 'inline.yaml');
    const book = loadPricingBook(providersOf(loaded.scenario), [], FIXTURE_PRICING);
    const aws = book.tables.aws!;
    const notObject = { ...aws, storage: { 's3-standard': { ...aws.storage!['s3-standard']!, service: undefined } } };
    const e = estimate(loaded.scenario, { ...book, tables: { ...book.tables, aws: notObject } });
    expect(line(e, 'stream').path).toBe('inter-zone');
    expect(e.assumptions.join('\n')).toMatch(/transfers\.stream: zones not given/);
  });

  it('a name that is not in the plan is a located error with the nearest name', () => {
    let error: unknown;
    try {
      estimateYaml(PLAN('us-east-1', '  - {name: x, from: storage:buckt, to: internet, gb_per_month: 1}'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const d = (error as InputError).diagnostics[0]!;
    expect(d.message).toBe('no storage item named "buckt" in this scenario');
    expect(d.suggestion).toBe('did you mean storage:bucket?');
    expect(d.position?.line).toBe(9);
  });
});
