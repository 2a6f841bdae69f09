import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/model/load-scenario.js';
import { InputError } from '../../src/model/diagnostics.js';

const error = (yaml: string) => {
  try {
    parseScenario(yaml, 'r.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('ranges in a scenario', () => {
  it('prices the point value and lists each range by name', () => {
    const loaded = parseScenario(
      `name: r
nodes:
  - {name: trainers, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 2, expected: 4, high: 8}, hours: {p50: 100, p95: 300}}
transfers:
  - {name: pull, from: aws:us-east-1, to: internet, gb_per_day: 10, days: {low: 20, expected: 30, high: 31}}
`,
      'r.yaml',
    );
    const n = loaded.scenario.nodes![0]!;
    expect(n.count.toFixed()).toBe('4');
    expect(n.hours!.toFixed()).toBe('100');
    expect(loaded.scenario.transfers![0]!.days!.toFixed()).toBe('30');
    expect(loaded.uncertain.map((u) => [u.label, u.path, u.integer, u.max?.toFixed()])).toEqual([
      ['nodes.trainers.count', ['nodes', 0, 'count'], true, undefined],
      ['nodes.trainers.hours', ['nodes', 0, 'hours'], false, '730'],
      ['transfers.pull.days', ['transfers', 0, 'days'], false, '31'],
    ]);
  });

  it('a file without ranges has no uncertain inputs', () => {
    const loaded = parseScenario('name: r\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: 5}]\n', 'r.yaml');
    expect(loaded.uncertain).toEqual([]);
  });

  it('rejects low above expected at the low key', () => {
    expect(
      error(`name: r
storage:
  - name: s
    provider: aws
    region: us-east-1
    class: s3-standard
    gb: {low: 50, expected: 40, high: 60}
`),
    ).toMatch(/^r\.yaml:7:15: error: storage\[0\] \(s\)\.gb\.low: low \(50\) is above expected \(40\)/);
  });

  it('rejects p50 not below p95, and a lognormal quantile at zero', () => {
    expect(error('name: r\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: {p50: 9, p95: 9}}]\n')).toMatch(
      /^r\.yaml:2:93: error: .*p50 \(9\) must be below p95 \(9\)/,
    );
    expect(error('name: r\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: {p50: 0, p95: 9}}]\n')).toMatch(
      /gb\.p50: expected a number, greater than 0, got 0/,
    );
  });

  it('names a missing or unknown range key, and a fractional count', () => {
    expect(error('name: r\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: {low: 1, high: 9}}]\n')).toMatch(
      /missing "expected"; write \{low, expected, high\}/,
    );
    expect(error('name: r\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: {low: 1, expected: 2, hi: 9}}]\n')).toMatch(
      /unknown key "hi" in a range/,
    );
    expect(error('name: r\nnodes: [{name: n, provider: aws, region: us-east-1, instance: g5.xlarge, count: {low: 1, expected: 2.5, high: 4}}]\n')).toMatch(
      /count\.expected: expected a whole number, zero or more, got 2\.5/,
    );
  });

  it('keeps range highs within their ceilings (hours, days)', () => {
    expect(error('name: r\nhours_per_month: 720\nnodes: [{name: n, provider: aws, region: us-east-1, instance: g5.xlarge, count: 1, hours: {low: 1, expected: 2, high: 725}}]\n')).toMatch(
      /hours 725 is more than the 720 hours in the month/,
    );
    expect(error('name: r\ntransfers: [{name: t, from: internet, to: aws:us-east-1, gb_per_day: 1, days: {low: 1, expected: 2, high: 40}}]\n')).toMatch(
      /days\.high: expected a number, zero or more, at most 31, got 40/,
    );
  });

  it('words a plain bad number exactly as before ranges existed', () => {
    expect(error('name: r\nstorage: [{name: s, provider: aws, region: us-east-1, class: s3-standard, gb: lots}]\n')).toMatch(
      /^r\.yaml:2:79: error: storage\[0\] \(s\)\.gb: expected a number, zero or more, got "lots"/,
    );
  });
});

describe('schema.json for ranges', () => {
  it('offers a number, a triangular and a lognormal range for each quantity', async () => {
    const { scenarioJsonSchema } = await import('../../src/model/scenario-json-schema.js');
    const gb = (scenarioJsonSchema([]) as any).properties.storage.items.properties.gb;
    expect(gb.anyOf.map((a: { required?: string[]; type: string }) => a.required ?? a.type)).toEqual([
      'number',
      ['low', 'expected', 'high'],
      ['p50', 'p95'],
    ]);
  });
});
