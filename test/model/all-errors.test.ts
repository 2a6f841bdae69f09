import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indentationProblem } from '../../src/model/yaml-indent.js';
import { runMain } from '../pricing/run-main.js';

const file = (text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'tollgate-errors-')), 'plan.yaml');
  writeFileSync(f, text);
  return f;
};

// Eight problems: the schema sees four, pricing the other four (two of them in an item the schema also faults).
const EIGHT = `name: bad
nodes:
  - name: trainers
    provider: aws
    region: us-east-1
    instance: p4d.24xlarg
    count: -1
    hours: 900
    purchse: spot
  - name: other
    provider: aws
    region: us-eats-1
    instance: m7i.xlarge
    count: 2
storage:
  - name: lake
    provider: aws
    region: us-east-1
    class: s3-standrd
    gb: lots
transfers:
  - name: pull
    from: aws:us-east-1
    to: gcp:us-central9
    gb_per_day: 10
`;

describe("a file's errors in one run (issue 16, 5)", () => {
  it('reports all eight problems at once, each at file:line:col, in file order', async () => {
    const f = file(EIGHT);
    const r = await runMain(['estimate', f]);
    expect(r.code).toBe(2);
    const where = [...r.stderr.matchAll(/^(\S+):(\d+):(\d+): error: /gm)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    expect(where).toEqual([
      [f, 6, 15],
      [f, 7, 12],
      [f, 8, 12],
      [f, 9, 5],
      [f, 12, 13],
      [f, 19, 12],
      [f, 20, 9],
      [f, 24, 9],
    ]);
    for (const text of ['unknown aws instance type "p4d.24xlarg"', 'got -1', 'hours 900 is more than the 730 hours', 'unknown key "purchse"', 'unknown aws region "us-eats-1"', 'unknown aws storage class "s3-standrd"', 'got "lots"', 'unknown gcp region "us-central9"']) {
      expect(r.stderr).toContain(text);
    }
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('a file the schema passes still reports every pricing miss at once (as before)', async () => {
    const fixed = EIGHT.replace('count: -1', 'count: 1').replace('hours: 900', 'hours: 100').replace('    purchse: spot\n', '').replace('gb: lots', 'gb: 5');
    const r = await runMain(['estimate', file(fixed)]);
    expect(r.stderr.match(/error:/g)).toHaveLength(4);
  });
});

describe('YAML indentation errors at the line that is wrong, in plain words (issue 16, 5)', () => {
  const item = (third: string) => `name: x\nnodes:\n  - name: a\n    provider: aws\n${third}\n    instance: m7i.xlarge\n    count: 1\n`;

  it('a key indented deeper than its neighbours: the library blames the line above; we name the line itself', async () => {
    const r = await runMain(['estimate', file(item('      region: us-east-1'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan\.yaml:5:7: error: invalid YAML: this line is indented 6 spaces, deeper than line 4, which already has its value/);
    expect(r.stderr).toContain("hint: indent it as its neighbours (4 spaces), or end line 4 with ':' to nest it");
    expect(r.stderr).not.toMatch(/compact mappings|Implicit keys/);
  });

  it('a key between two levels', async () => {
    const r = await runMain(['estimate', file(item('   region: us-east-1'))]);
    expect(r.stderr).toMatch(/plan\.yaml:5:4: error: invalid YAML: this line is indented 3 spaces, which lines up with no key above it/);
    expect(r.stderr).toContain('hint: keys of one item line up: indent it 4 spaces, as the keys around it');
  });

  it("finds nothing wrong in well-indented files (a list at its key's indent, block text, comments)", () => {
    expect(indentationProblem('a:\n- b: 1\n  c: 2\nd: |\n   text\n      more\ne: 1 # note\n# x\n')).toBeUndefined();
  });
});
