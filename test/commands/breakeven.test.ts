import { describe, expect, it } from 'vitest';
import { breakEven } from '../../src/engine/breakeven.js';
import { tieredCost } from '../../src/engine/tiers.js';
import { Decimal } from '../../src/model/decimal.js';
import { runMain } from '../pricing/run-main.js';
import { scenarioFiles } from './scenario-files.js';

const d = (n: number | string) => new Decimal(n);

describe('breakEven (the solver)', () => {
  it('solves a linear crossing exactly: 100 flat vs 0.3 × x crosses at 333.33…', () => {
    const r = breakEven(() => d(100), (x) => x.times('0.3'), d(0), d(1000));
    expect(r.kind).toBe('crossing');
    if (r.kind !== 'crossing') return;
    expect(r.at[0]!.toDecimalPlaces(9).toFixed()).toBe('333.333333333');
    expect(r.cheaperBelow).toBe(1);
  });

  it('solves inside a tier band: 500 flat vs graduated egress tiers', () => {
    // 0–100 free, 100–10,240 at 0.09: 500 = (x − 100) × 0.09 → x = 5,655.55…
    const tiers = [{ up_to: d(100), rate: d(0) }, { up_to: d(10240), rate: d('0.09') }, { rate: d('0.085') }];
    const r = breakEven(() => d(500), (x) => tieredCost(x, tiers).cost, d(0), d(20000));
    expect(r.kind === 'crossing' && r.at[0]!.toDecimalPlaces(6).toFixed()).toBe('5655.555556');
  });

  it('says never within the interval, and which plan is cheaper there', () => {
    expect(breakEven(() => d(100), (x) => x, d(0), d(50))).toEqual({ kind: 'never', cheaper: 1 });
    expect(breakEven(() => d(100), (x) => x.plus(200), d(0), d(50))).toEqual({ kind: 'never', cheaper: 0 });
  });

  it('equal everywhere is not a crossing; touching at an end is not either', () => {
    expect(breakEven((x) => x, (x) => x, d(0), d(9)).kind).toBe('always');
    // Both 0 at x = 0, B cheaper above: no change of sides.
    expect(breakEven((x) => x.times(2), (x) => x, d(0), d(9))).toEqual({ kind: 'never', cheaper: 1 });
  });
});

describe('tollgate breakeven', () => {
  it('replicate the feature store once vs read it across clouds every night (bundled examples)', async () => {
    const r = await runMain([
      'breakeven',
      'scenarios/feature-store-replicated.yaml',
      'scenarios/feature-store-read-nightly.yaml',
      '--vary',
      'transfers.nightly-feature-read.gb_per_day',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // Hand-solved: replicating adds GCS 20,000 GB = 18,626.45 GiB × 0.02 = 372.5290298462 and AWS
    // egress (1,667 + 60 × 30 − 100 free) × 0.09 = 303.03; reading adds (30x − 100) × 0.09.
    // (30x − 100) × 0.09 = 675.5590298462 → x = 253.5403814245…
    expect(j.between).toEqual(['100', '900']); // the read's own {low, high} range
    expect(j.result).toBe('crossing');
    expect(new Decimal(j.at[0]).toDecimalPlaces(9).toFixed()).toBe('253.540381425');
    expect(j.cheaper_below).toBe('b');
  });

  it('never within a narrower interval', async () => {
    const r = await runMain([
      'breakeven',
      'scenarios/feature-store-replicated.yaml',
      'scenarios/feature-store-read-nightly.yaml',
      '--vary',
      'transfers.nightly-feature-read.gb_per_day',
      '--between',
      '0..200',
    ]);
    expect(r.stdout).toContain('never within [0, 200]: B is cheaper across the whole interval.');
  });

  it('spot vs on-demand: the re-run overhead at which spot stops paying', async () => {
    const r = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // p5en.48xlarge us-east-1: on-demand 63.296, spot 27.1988 → 63.296 / 27.1988 − 1
    expect(new Decimal(j.at[0]).toDecimalPlaces(10).toFixed()).toBe(d('63.296').div('27.1988').minus(1).toDecimalPlaces(10).toFixed());
    expect(j.cheaper_below).toBe('b');
    expect(j.unit).toBe('fraction');
  });

  it('spot with a fixed overhead, varying hours: never (both scale with hours)', async () => {
    const r = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers', '--spot-overhead', '15%', '--vary', 'nodes.h200-trainers.hours']);
    expect(r.stdout).toContain('never within [0, 730]: B is cheaper');
  });

  it('varying a node count: the crossing, and the whole counts either side of it', async () => {
    const files = scenarioFiles({
      // A: 10,000 GB of S3 (230) + x × 100 h × 1.006; B: x × 100 h × 5.672 (g5.12xlarge)
      a: 'name: a\nnodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.xlarge, count: 2, hours: 100}]\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: 10000}]\n',
      b: 'name: b\nnodes: [{name: gpu, provider: aws, region: us-east-1, instance: g5.12xlarge, count: 1, hours: 100}]\n',
    });
    const r = await runMain(['breakeven', files.a!, files.b!, '--vary', 'nodes.gpu.count', '--between', '0..10', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    // 230 + 100.6x = 567.2x → x = 230 / 466.6
    expect(new Decimal(j.at[0]).toDecimalPlaces(12).toFixed()).toBe(d(230).div('466.6').toDecimalPlaces(12).toFixed());
    expect(j.points.map((p: { value: string }) => p.value).filter((v: string) => !v.includes('.'))).toEqual(['0', '1', '10']);
    expect(j.points.find((p: { value: string }) => p.value === '1')).toEqual({ value: '1', a: '330.6', b: '567.2' });
  });

  it('an unknown --vary path: exit 2, did you mean, and the valid paths', async () => {
    const r = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers', '--spot-overhead', '15%', '--vary', 'nodes.h200-trainer.hours']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean nodes.h200-trainers.hours?');
    expect(r.stderr).toContain('valid paths: nodes.h200-trainers.count, nodes.h200-trainers.hours');
  });

  it('varying a disk size (a nested field): io2 everywhere vs gp3 plus a control plane', async () => {
    const group = (disk: string) => `nodes: [{name: gpu, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 3, disk: {class: ${disk}, gb: 500}}]\n`;
    const files = scenarioFiles({
      a: `name: a\n${group('io2, iops: 100')}`,
      b: `name: b\n${group('gp3')}clusters: [{name: eks, provider: aws, region: us-east-1, kind: eks}]\n`,
    });
    // The disk and EKS rates are dated 2024-07-01 / 2025-07-04: --max-age keeps them from warning.
    const r = await runMain(['breakeven', files.a!, files.b!, '--vary', 'nodes.gpu.disk.gb', '--format', 'json', '--max-age', '1000']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    // 3 × x × 0.125 + 3 × 100 IOPS × 0.065 = 3 × x × 0.08 + 730 h × $0.10 → x = (73 − 19.5) / 0.135
    expect(j.vary).toBe('nodes.gpu.disk.gb');
    expect(new Decimal(j.at[0]).toDecimalPlaces(10).toFixed()).toBe(d('53.5').div('0.135').toDecimalPlaces(10).toFixed());
  });

  it('varying a cluster\'s hours, which default to the month; past the month is refused', async () => {
    const files = scenarioFiles({
      a: 'name: a\nclusters: [{name: k, provider: aws, region: us-east-1, kind: eks}]\n',
      b: 'name: b\nclusters: [{name: k, provider: aws, region: us-east-1, kind: eks, tier: extended}]\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: 100}]\n',
    });
    const r = await runMain(['breakeven', files.a!, files.b!, '--vary', 'clusters.k.hours', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.between).toEqual(['0', '730']);
    // 0.10x vs 0.60x + 2.3: b is dearer everywhere in [0, 730].
    expect([j.result, j.cheaper]).toEqual(['never', 'a']);
    expect(j.points.at(-1)).toEqual({ value: '730', a: '73', b: '440.3' });
    const past = await runMain(['breakeven', files.a!, files.b!, '--vary', 'clusters.k.hours', '--between', '0..900']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--between: clusters.k.hours is at most the 730 hours in the month (hours_per_month); got up to 900');
  });

  it('one scenario without --spot is a usage error', async () => {
    const r = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--vary', 'nodes.data-prep.hours']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs --spot GROUP');
  });
});

describe('break-even points the month cannot hold (issue 16, 5)', () => {
  it('spot at 504 h per node breaks even only at ≈133% re-run overhead: 1,173 hours a node, more than the month has', async () => {
    const table = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers']);
    expect(table.stdout.replace(/\s+/g, ' ')).toMatch(/At 132\.\d+% a node needs 1,17\d\.\d+ hours, more than the 730 hours in the month: this break-even cannot happen within a month\./);
    const json = JSON.parse((await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers', '--format', 'json'])).stdout);
    expect(json.beyond_month).toHaveLength(1);
    expect(json.beyond_month[0].hours_per_month).toBe('730');
    expect(Number(json.beyond_month[0].hours)).toBeGreaterThan(730);
  });

  it('a crossing within the month says nothing of the kind', async () => {
    const r = await runMain(['breakeven', 'scenarios/feature-store-replicated.yaml', 'scenarios/feature-store-read-nightly.yaml', '--vary', 'transfers.nightly-feature-read.gb_per_day', '--format', 'json']);
    expect(JSON.parse(r.stdout).beyond_month).toBeUndefined();
  });
});

describe('breakeven --spot on a group with the spot interruption model (issue 14)', () => {
  // The done-when plan: 8 × p5.48xlarge, 100 useful h, 0.05 interruptions per node-hour, 1 h checkpoints, 15 min restarts, gang.
  const plan = (extra = '') =>
    scenarioFiles({
      p5: `name: p5-spot\nnodes:\n  - {name: train, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 8, hours: 100, purchase: spot, interruptions_per_hour: ${extra || '0.05'}, checkpoint_every_hours: 1, restart_hours: 0.25, gang: true}\n`,
    }).p5!;
  // p5.48xlarge us-east-1: on-demand 55.04, spot 28.106467; billed = useful × (1 + 8λ × (0.25 + 1/2)).
  const onDemand = d('55.04');
  const spot = d('28.106467');

  it('varies the interruption rate: spot stops paying where (1 + 6λ) × spot = on-demand, and says the model', async () => {
    const r = await runMain(['breakeven', plan(), '--spot', 'train', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.vary).toBe('nodes.train.interruptions_per_hour');
    const expected = onDemand.div(spot).minus(1).div(6);
    expect(new Decimal(j.at[0]).toDecimalPlaces(10).toFixed()).toBe(expected.toDecimalPlaces(10).toFixed());
    expect(j.cheaper_below).toBe('b');
    // The default interval: up to the rate at which the model bills 6 × the useful hours, 5 / 6.
    expect(j.between[0]).toBe('0');
    expect(new Decimal(j.between[1]).toDecimalPlaces(12).toFixed()).toBe(d(5).div(6).toDecimalPlaces(12).toFixed());
    expect(j.b).toContain('billed hours from its interruption model');
    expect(j.assumptions[0]).toContain('spot interruption model');
    expect(j.assumptions[0]).toContain('= 130 h per node');
    // At the crossing the model bills on-demand / spot × the useful hours.
    expect(j.assumptions[1]).toContain(`is billed ${onDemand.div(spot).times(100).toDecimalPlaces(2).toFixed()} h for 100 useful h`);
    // No flat overhead anywhere: the spot plan at the scenario's own rate is 8 × 130 h × spot.
    const at = (await runMain(['breakeven', plan(), '--spot', 'train', '--between', '0.05..0.05', '--format', 'json'])).stdout;
    expect(JSON.parse(at).points[0]).toEqual({ value: '0.05', a: onDemand.times(800).toFixed(), b: spot.times(8 * 130).toFixed() });
  });

  it('--vary the gang\'s node count: every node more raises the job\'s interruption rate, so spot stops paying at 25.5 nodes', async () => {
    const r = await runMain(['breakeven', plan(), '--spot', 'train', '--vary', 'nodes.train.count', '--between', '8..40', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // (1 + n × 0.05 × 0.75) × spot = on-demand → n = (on-demand / spot − 1) / 0.0375
    expect(new Decimal(j.at[0]).toDecimalPlaces(8).toFixed()).toBe(onDemand.div(spot).minus(1).div('0.0375').toDecimalPlaces(8).toFixed());
    expect(j.points.find((p: { value: string }) => p.value === '8')).toEqual({ value: '8', a: onDemand.times(800).toFixed(), b: spot.times(8 * 130).toFixed() });
  });

  it('a ranged rate: the search interval is the range', async () => {
    const r = await runMain(['breakeven', plan('{low: 0.01, expected: 0.05, high: 0.3}'), '--spot', 'train', '--format', 'json']);
    expect(JSON.parse(r.stdout).between).toEqual(['0.01', '0.3']);
  });

  it('--spot-overhead on such a group is a usage error naming the model', async () => {
    const r = await runMain(['breakeven', plan(), '--spot', 'train', '--spot-overhead', '15%', '--vary', 'nodes.train.hours']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nodes.train has the spot interruption model');
    expect(r.stderr).toContain('--spot-overhead is for groups without it');
  });

  it('a group without interruption fields keeps the flat overhead, and says so', async () => {
    for (const args of [[], ['--spot-overhead', '15%', '--vary', 'nodes.h200-trainers.hours']]) {
      const r = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers', ...args, '--format', 'json']);
      expect(JSON.parse(r.stdout).assumptions).toEqual([
        'nodes.h200-trainers has no interruption fields (interruptions_per_hour, checkpoint_every_hours, restart_hours, gang): spot runs the group\'s hours × (1 + one flat re-run overhead)',
      ]);
    }
    const table = await runMain(['breakeven', 'scenarios/single-cloud-training.yaml', '--spot', 'h200-trainers']);
    expect(table.stdout).toContain('assumes: nodes.h200-trainers has no interruption fields');
  });
});
