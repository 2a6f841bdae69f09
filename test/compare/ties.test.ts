import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows } from '../csv-rows.js';
import { runMain } from '../pricing/run-main.js';

const plan = (name: string, count: number) => `name: ${name}
nodes:
  - name: api
    provider: aws
    region: us-east-1
    instance: m7i.xlarge
    count: ${count}
`;
const files = (...plans: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-ties-'));
  return plans.map((p, i) => {
    const f = join(dir, `${i}.yaml`);
    writeFileSync(f, p);
    return f;
  });
};

/** Which scenarios each format marks cheapest on the total. */
async function marked(paths: string[]) {
  const table = (await runMain(['compare', ...paths])).stdout;
  const head = table.split('\n').slice(1, 1 + paths.length);
  const json = JSON.parse((await runMain(['compare', ...paths, '--format', 'json'])).stdout);
  const [head_, ...body] = csvRows((await runMain(['compare', ...paths, '--format', 'csv'])).stdout);
  const csv = body.map((r) => Object.fromEntries(head_!.map((k, i) => [k, r[i]!])));
  const md = (await runMain(['compare', ...paths, '--format', 'markdown'])).stdout;
  const totalRow = md.split('\n').find((l) => l.startsWith('| **total**'))!;
  return {
    table: head.filter((l) => l.includes('◀ cheapest')).map((l) => l.trim().split(/\s+/)[1]),
    json: json.cheapest_all,
    csv: csv.filter((r) => r.row === 'total' && r.cheapest === 'yes').map((r) => r.scenario),
    markdown: totalRow.split('|').slice(2, -1).map((cell, i) => (cell.includes('**') ? json.scenarios[i].scenario : undefined)).filter(Boolean),
  };
}

describe('ties are handled the same in every format (issue 16, 5)', () => {
  it('two plans tied at the lowest total are both marked cheapest in table, JSON, CSV and markdown', async () => {
    const m = await marked(files(plan('a', 2), plan('b', 1), plan('c', 1)));
    expect(m).toEqual({ table: ['b', 'c'], json: ['b', 'c'], csv: ['b', 'c'], markdown: ['b', 'c'] });
  });

  it('when every plan costs the same, no format marks one cheapest', async () => {
    const paths = files(plan('a', 1), plan('b', 1));
    expect(await marked(paths)).toEqual({ table: [], json: [], csv: [], markdown: [] });
    expect(JSON.parse((await runMain(['compare', ...paths, '--format', 'json'])).stdout).cheapest).toBeNull();
    expect((await runMain(['compare', ...paths, '--format', 'markdown'])).stdout).toContain('Every scenario costs the same.');
  });
});
