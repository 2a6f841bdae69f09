import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { parseScenario } from '../../src/model/load-scenario.js';
import { applyEdit, changedFields, rangeNotes, type Edit, type FieldChange } from '../../src/tui/edits.js';
import { changedOnDisk, scenarioText, spliced } from '../../src/tui/save.js';
import { writeAtomic } from '../../src/write-atomic.js';
import { activeDoc } from '../../src/tui/state.js';
import { RECSYS, SMALL, SPOT_GANG, recsysCopy, run, scenarioFile, session } from './fixtures.js';

function edited(text: string, ...edits: Edit[]): string {
  const saved = parseScenario(text, 'plan.yaml').scenario;
  const current = edits.reduce(applyEdit, saved);
  return scenarioText(text, 'plan.yaml', saved, current);
}

/** Lines added and removed (counted, so a line repeated elsewhere in the file still shows): what a reviewer's diff would show. */
function diff(before: string, after: string) {
  const count = (text: string) => {
    const m = new Map<string, number>();
    for (const l of text.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = count(before);
  const b = count(after);
  const extra = (x: Map<string, number>, y: Map<string, number>) =>
    [...x].flatMap(([l, n]) => Array.from({ length: Math.max(0, n - (y.get(l) ?? 0)) }, () => l));
  return { added: extra(b, a), removed: extra(a, b) };
}

describe('writing edits back into the scenario text', () => {
  const recsys = readFileSync(RECSYS, 'utf8');

  it('changes only the edited value; the comment on its line and every other byte stay', () => {
    const out = edited(recsys, { section: 'nodes', index: 0, patch: { count: new Decimal(5) } });
    expect(diff(recsys, out)).toEqual({ added: ['    count: 5'], removed: ['    count: 4'] });
    expect(out.replace('count: 5', 'count: 4')).toBe(recsys);
  });

  it('keeps the comment that trails an edited value', () => {
    const out = edited(recsys, { section: 'nodes', index: 0, patch: { hours: new Decimal('6.5') } });
    expect(out).toContain('    hours: 6.5                # ~6.5 h a night × 30 nights, per node\n');
  });

  it('adds a key the file left out, indented like its neighbours, after the last one', () => {
    const out = edited(recsys, { section: 'nodes', index: 1, patch: { hours: new Decimal(100) } });
    expect(out).toContain('    count: 3                  # up all month (hours left out: 730)\n    hours: 100\n  - name: serving');
    expect(diff(recsys, out)).toEqual({ added: ['    hours: 100'], removed: [] });
  });

  it('removes a zone line when a node group moves region', () => {
    const out = edited(recsys, { section: 'nodes', index: 1, patch: { region: 'us-west-2', zone: undefined } });
    expect(diff(recsys, out)).toEqual({ added: ['    region: us-west-2'], removed: ['    region: us-east-1', '    zone: us-east-1a'] });
  });

  it('keeps the quoting style of a changed string', () => {
    const out = edited(SMALL, { section: 'transfers', index: 0, patch: { to: 'gcp:europe-west4' } });
    expect(out).toContain('    to: "gcp:europe-west4"\n');
  });

  it('handles flow-style items: change, add and remove keys inside braces', () => {
    const flow = `name: flow
nodes: [{name: a, provider: aws, region: us-east-1, zone: us-east-1a, instance: m7i.xlarge, count: 1}] # tiny
`;
    const out = edited(
      flow,
      { section: 'nodes', index: 0, patch: { count: new Decimal(3), hours: new Decimal(10) } },
      { section: 'nodes', index: 0, patch: { region: 'us-east-2', zone: undefined } },
    );
    expect(out).toBe(`name: flow
nodes: [{name: a, provider: aws, region: us-east-2, instance: m7i.xlarge, count: 3, hours: 10}] # tiny
`);
  });

  it('keys added to one map go in the order the changes name them, block or flow (purchase, term, payment, plan)', () => {
    const changes: FieldChange[] = (['purchase', 'term', 'payment', 'plan'] as const).map((f, i) => ({
      path: ['nodes', 0, f],
      before: undefined,
      after: ['reserved', '3y', 'no-upfront', 'standard'][i]!,
    }));
    const flow = 'name: f\nnodes: [{name: a, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 2}] # two\n';
    expect(spliced(flow, changes, false)).toBe(
      'name: f\nnodes: [{name: a, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 2, purchase: reserved, term: 3y, payment: no-upfront, plan: standard}] # two\n',
    );
    const block = 'name: b\nnodes:\n  - name: a   # trainers\n    provider: aws\n    region: us-east-1\n    instance: p5.48xlarge\n    count: 2\n';
    expect(spliced(block, changes, false)).toBe(`${block}    purchase: reserved\n    term: 3y\n    payment: no-upfront\n    plan: standard\n`);
  });

  it('reads back exactly what was edited, every time', () => {
    const text = edited(SMALL, { section: 'storage', index: 0, patch: { gb: new Decimal('123456789.123456') } });
    const back = parseScenario(text, 'plan.yaml').scenario;
    expect(back.storage![0]!.gb.toFixed()).toBe('123456789.123456');
  });

  it('writes nothing new when nothing changed', () => {
    const s = parseScenario(recsys, 'r.yaml').scenario;
    expect(scenarioText(recsys, 'r.yaml', s, s)).toBe(recsys);
    expect(changedFields(s, s)).toEqual([]);
  });
});

describe('saving a purchase option `p` picked (issue 14)', () => {
  const spot = SPOT_GANG;
  const after = (presses: number) => {
    const file = scenarioFile(spot);
    let s = session([file]);
    for (let i = 0; i < presses; i++) s = run(s, { type: 'cyclePurchase' });
    const doc = activeDoc(s);
    return scenarioText(doc.diskText, file, doc.saved.scenario, doc.current.scenario);
  };

  it('spot → savings plan: the interruption model goes, the terms come in order, every other comment stays', () => {
    const out = after(1);
    expect(diff(spot, out)).toEqual({
      added: ['    purchase: savings-plan           # cheap, interruptible', '    term: 1y', '    payment: no-upfront', '    plan: ec2-instance'],
      removed: ['    purchase: spot           # cheap, interruptible', '    interruptions_per_hour: 0.05', '    checkpoint_every_hours: 1', '    restart_hours: 0.25', '    gang: true'],
    });
    expect(parseScenario(out, 'plan.yaml').scenario.nodes![0]).toMatchObject({ purchase: 'savings-plan', term: '1y', plan: 'ec2-instance' });
  });

  it('on to a capacity block: block_hours as long as the group\'s hours, the terms gone', () => {
    const out = after(3);
    expect(out).toContain('    purchase: capacity-block           # cheap, interruptible\n    block_hours: 100\n');
    expect(out).not.toMatch(/term:|interruptions_per_hour/);
    expect(parseScenario(out, 'plan.yaml').scenario.nodes![0]!.block_hours!.toFixed()).toBe('100');
  });

  it('round the whole cycle back to spot: the file as it was, byte for byte', () => {
    expect(after(5)).toBe(spot);
  });
});

describe('ranges', () => {
  it('notes each quantity written as a range, by path, as it reads', () => {
    const text = `${SMALL.replace('count: 2', 'count: {low: 1, expected: 2, high: 4}').replace('gb: 1000', 'gb: {p50: 1000, p95: 3000}')}`;
    const { uncertain, scenario } = parseScenario(text, 'plan.yaml');
    expect(scenario.nodes![0]!.count.toFixed()).toBe('2');
    expect(rangeNotes(uncertain)).toEqual(
      new Map([
        [JSON.stringify(['nodes', 0, 'count']), '1 to 4, expected 2'],
        [JSON.stringify(['storage', 0, 'gb']), 'p50 1,000, p95 3,000'],
      ]),
    );
  });

  it('saving other edits leaves a range exactly as written', () => {
    const text = SMALL.replace('count: 2', 'count: {low: 1, expected: 2, high: 4}');
    const out = edited(text, { section: 'nodes', index: 0, patch: { hours: new Decimal(50) } });
    expect(out).toContain('    count: {low: 1, expected: 2, high: 4}\n    hours: 50\n');
  });
});

describe('the file on disk', () => {
  it('is replaced atomically: the new text, the old mode, no temp file left', () => {
    const file = recsysCopy();
    writeAtomic(file, 'name: x\n');
    expect(readFileSync(file, 'utf8')).toBe('name: x\n');
    expect(readdirSync(dirname(file))).toEqual(['recsys.yaml']);
  });

  it('tells when it changed since it was read', () => {
    const file = scenarioFile(SMALL);
    expect(changedOnDisk(file, SMALL)).toBe(false);
    writeFileSync(file, `${SMALL}# edited elsewhere\n`);
    expect(changedOnDisk(file, SMALL)).toBe(true);
    expect(changedOnDisk(`${file}.gone`, SMALL)).toBe(true);
  });
});

describe('saving over a comment the edit made false (issue 16, smaller items)', () => {
  it('finds the trailing comment on a changed instance line, not on untouched ones', async () => {
    const { staleComments } = await import('../../src/tui/save.js');
    const { readFileSync } = await import('node:fs');
    const { RECSYS } = await import('./fixtures.js');
    const text = readFileSync(RECSYS, 'utf8');
    const s = (await import('./fixtures.js')).session();
    const scenario = s.docs[0]!.current.scenario;
    const moved = { ...scenario, nodes: scenario.nodes!.map((n, i) => (i === 0 ? { ...n, instance: 'p5.48xlarge' } : n)) };
    expect(staleComments(text, scenario, moved)).toEqual([{ line: 21, field: 'instance', before: 'p4d.24xlarge', comment: '# 8× A100 40 GB' }]);
    const counted = { ...scenario, nodes: scenario.nodes!.map((n, i) => (i === 0 ? { ...n, count: n.count.plus(1) } : n)) };
    expect(staleComments(text, scenario, counted)).toEqual([]);
  });
});
