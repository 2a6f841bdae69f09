import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { varyPaths } from '../../src/engine/vary.js';
import { parseScenario } from '../../src/model/load-scenario.js';
import { estimateYaml, line } from '../helpers.js';

describe('object-storage requests', () => {
  const e = estimateYaml(`
name: t
storage:
  - {name: fs, provider: aws, region: us-east-1, class: s3-standard, gb: 100, get_requests_per_month: 2500000, put_requests_per_month: 40000}
`);

  it('prices each kind per 1,000 at the class rate in its region, as storage', () => {
    const get = line(e, 'fs', 'get-requests');
    expect(get).toMatchObject({ category: 'storage', unit: '1K requests', region: 'us-east-1' });
    expect(get.quantity.toFixed()).toBe('2500');
    expect(get.rate.toFixed()).toBe('0.0004');
    expect(get.cost.toFixed()).toBe('1');
    const put = line(e, 'fs', 'put-requests');
    expect(put.cost.toFixed()).toBe('0.2'); // 40 × $0.005
    expect(e.totals.storage.toFixed()).toBe('3.5'); // 2.30 + 1 + 0.2
  });

  it("lists the table's caveat about free allowances", () => {
    expect(e.assumptions).toContain('aws s3-standard requests: the Free Tier is not deducted');
  });

  it('leaves a storage item without request counts as it was', () => {
    const plain = estimateYaml('name: t\nstorage: [{name: fs, provider: aws, region: us-east-1, class: s3-standard, gb: 100}]');
    expect(plain.lines.map((l) => l.kind)).toEqual(['storage']);
  });

  it('takes ranges, which join the uncertain inputs', () => {
    const loaded = parseScenario(
      'name: t\nstorage: [{name: fs, provider: aws, region: us-east-1, class: s3-standard, gb: 1, get_requests_per_month: {low: 1000, expected: 2000, high: 8000}}]',
      'x.yaml',
    );
    expect(loaded.uncertain.map((u) => u.label)).toEqual(['storage.fs.get_requests_per_month']);
    expect(loaded.scenario.storage![0]!.get_requests_per_month!.toFixed()).toBe('2000');
  });

  it('break-even can vary them', () => {
    const loaded = parseScenario('name: t\nstorage: [{name: fs, provider: aws, region: us-east-1, class: s3-standard, gb: 1, put_requests_per_month: 5}]', 'x.yaml');
    expect(varyPaths(loaded.scenario)).toEqual(['storage.fs.gb', 'storage.fs.put_requests_per_month']);
  });

  it('a region without a request price is a located error at the count, naming the override', () => {
    let error: unknown;
    try {
      estimateYaml(`
name: t
storage:
  - name: fs
    provider: aws
    region: us-west-2
    class: s3-standard
    gb: 1
    put_requests_per_month: 10
`);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const d = (error as InputError).diagnostics[0]!;
    expect(d.message).toBe('no PUT request price for s3-standard in us-west-2 in the aws table');
    expect(d.suggestion).toMatch(/^PUT requests on s3-standard are priced in: us-east-1; or price them in an override file/);
    expect(d.position?.line).toBe(9);
  });
});
