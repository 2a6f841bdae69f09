import { describe, expect, it } from 'vitest';
import { estimateYaml, inputFailure as failure, line } from '../helpers.js';

const group = (extra: string) => `
name: t
nodes:
  - name: trainers
    provider: aws
    region: us-east-1
    instance: g5.xlarge
    count: 4
    hours: 365
${extra}`;

describe('disks on node groups', () => {
  it('bills each node\'s disk for the hours the nodes run, and says so', () => {
    const e = estimateYaml(group('    disk: {class: gp3, gb: 500}'));
    const d = line(e, 'trainers', 'disk');
    expect(d).toMatchObject({ category: 'storage', unit: 'GB-month' });
    expect(d.quantity.toFixed()).toBe('1000'); // 4 nodes × 365/730 month × 500 GB
    expect(d.cost.toFixed()).toBe('80');
    expect(e.assumptions.join('\n')).toMatch(/nodes\.trainers: one gp3 disk per node, billed for the 365 h the nodes run/);
  });

  it('prices provisioned IOPS above what the class includes', () => {
    const e = estimateYaml(group('    disk: {class: io2, gb: 100, iops: 4000}'));
    const lines = e.lines.filter((l) => l.kind === 'disk');
    expect(lines.map((l) => [l.unit, l.quantity.toFixed(), l.cost.toFixed()])).toEqual([
      ['GB-month', '200', '25'],
      ['IOPS-month', '8000', '520'], // 2 node-months × 4,000 × $0.065
    ]);
    expect(e.assumptions).toContain('aws io2: first IOPS band only');
  });

  it('IOPS within the included baseline cost nothing extra; above it, an unpriced rate is a located error', () => {
    const e = estimateYaml(group('    disk: {class: gp3, gb: 100, iops: 3000}'));
    expect(e.lines.filter((l) => l.kind === 'disk')).toHaveLength(1);
    const d = failure(group('    disk: {class: gp3, gb: 100, iops: 6000}'));
    expect(d.message).toBe('gp3 IOPS above the 3000 included are not priced in us-east-1');
    expect(d.position).toMatchObject({ line: 10 });
  });

  it('iops on a class without provisioned IOPS is a located error naming the classes that sell them', () => {
    const d = failure(group('    disk: {class: magnetic, gb: 100, iops: 500}'));
    expect(d.message).toBe('magnetic has no provisioned IOPS: its performance comes with the size');
    expect(d.suggestion).toBe('leave out iops, or use a class that sells it: gp3, io2');
    expect(d.position).toMatchObject({ line: 10 });
  });

  it('a disk class of another provider is named as such', () => {
    const d = failure(`
name: t
storage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: 1}]
nodes:
  - {name: g, provider: gcp, region: us-central1, instance: a2-highgpu-1g, count: 1, disk: {class: gp3, gb: 10}}
`);
    expect(d.message).toBe('gp3 is an aws disk class; this node group runs on gcp');
    expect(d.suggestion).toBe('the gcp table prices no disks');
  });
});

describe('public IPv4 addresses and clusters', () => {
  it('bills addresses per node-hour as network', () => {
    const e = estimateYaml(group('    public_ipv4: 1'));
    const ip = line(e, 'trainers', 'public-ipv4');
    expect(ip).toMatchObject({ category: 'network', unit: 'address-hour' });
    expect(ip.cost.toFixed()).toBe('7.3'); // 1,460 × $0.005
  });

  it('bills a control plane for the month unless hours are given, at the default tier unless one is named', () => {
    const e = estimateYaml(`
name: t
clusters:
  - {name: ml, provider: aws, region: us-east-1, kind: eks}
  - {name: old, provider: aws, region: us-east-1, kind: eks, tier: extended, hours: 100}
`);
    expect(line(e, 'ml', 'cluster').cost.toFixed()).toBe('73');
    expect(line(e, 'old', 'cluster').cost.toFixed()).toBe('60');
    expect(e.totals.compute.toFixed()).toBe('133');
    expect(e.assumptions).toContain('clusters.ml: tier not given; priced as eks standard');
  });

  it('an unknown cluster kind points at it with the nearest kind', () => {
    const d = failure('name: t\nclusters:\n  - {name: ml, provider: aws, region: us-east-1, kind: ekss}\n');
    expect(d.message).toBe('unknown aws cluster kind "ekss"');
    expect(d.suggestion).toBe('did you mean eks?');
  });
});
