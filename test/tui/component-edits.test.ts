import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LineItem } from '../../src/model/estimate.js';
import { parseScenario } from '../../src/model/load-scenario.js';
import { scenarioText } from '../../src/tui/save.js';
import { activeDoc, reduce, selectedLine, selectedRanges, type Action, type Session } from '../../src/tui/state.js';
import { REPO } from '../helpers.js';
import { run, scenarioFile, session } from './fixtures.js';

const AS_DEPLOYED = readFileSync(join(REPO, 'scenarios/recsys-as-deployed.yaml'), 'utf8');

const typeText = (text: string): Action[] => [...text].map((c) => ({ type: 'type', text: c }));

function select(s: Session, wanted: (l: LineItem) => boolean): Session {
  let next = run(s, { type: 'move', by: -1e9 });
  for (let i = 0; i < 80 && !(selectedLine(next) && wanted(selectedLine(next)!)); i++) next = reduce(next, { type: 'move', by: 1 });
  expect(wanted(selectedLine(next)!)).toBe(true);
  return next;
}

const disk = (name: string, field: string) => (l: LineItem) => l.kind === 'disk' && l.name === name && l.ref[3] === field;
const scenario = (s: Session) => activeDoc(s).current.scenario;
const saved = (s: Session) => scenarioText(activeDoc(s).diskText, activeDoc(s).file, activeDoc(s).saved.scenario, scenario(s));

describe('editing the component quantities in the session (issue 13)', () => {
  it("a disk line's Enter edits the group's disk GB; the save changes only that value and keeps the line's comment", () => {
    const s0 = select(session([scenarioFile(AS_DEPLOYED)]), disk('trainers', 'gb'));
    const s1 = run(s0, { type: 'beginInput', what: 'quantity' });
    expect(s1.mode).toMatchObject({ kind: 'input', path: ['nodes', 0, 'disk', 'gb'], field: 'disk.gb', label: 'disk.gb for trainers', text: '500' });
    const s2 = run(s1, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, ...typeText('1TB'), { type: 'commit' });
    expect(s2.message).toBeUndefined();
    expect(scenario(s2).nodes![0]!.disk).toMatchObject({ class: 'gp3' });
    expect(scenario(s2).nodes![0]!.disk!.gb.toFixed()).toBe('1000');
    // 4 nodes × 200 h / 730 h × 500 GB more × $0.08
    const before = activeDoc(s1).current.estimate.totals.storage;
    expect(activeDoc(s2).current.estimate.totals.storage.minus(before).toFixed(10)).toBe((4 * 200 * 500 * 0.08 / 730).toFixed(10));
    const text = saved(s2);
    expect(text).toContain('    disk: {class: gp3, gb: 1000}   # root + scratch; 3,000 IOPS and 125 MB/s come with it\n');
    expect(text.replace('gb: 1000}', 'gb: 500}')).toBe(AS_DEPLOYED);
    // Undo puts the disk back as it was, class and all.
    const undone = run(s2, { type: 'undo' });
    expect(scenario(undone).nodes![0]!.disk!.gb.toFixed()).toBe('500');
    expect(scenario(undone).nodes![0]!.disk!.class).toBe('gp3');
  });

  it('a public IPv4 line edits the addresses per node, whole numbers only', () => {
    const s0 = run(select(session([scenarioFile(AS_DEPLOYED)]), (l) => l.kind === 'public-ipv4'), { type: 'beginInput', what: 'quantity' });
    expect(s0.mode).toMatchObject({ field: 'public_ipv4', path: ['nodes', 1, 'public_ipv4'], text: '1' });
    const refused = run(s0, { type: 'erase' }, ...typeText('1.5'), { type: 'commit' });
    expect(refused.message?.text).toMatch(/public_ipv4 for feature-api: expected a whole number, zero or more, got 1\.5/);
    const s1 = run(s0, { type: 'erase' }, ...typeText('2'), { type: 'commit' });
    expect(scenario(s1).nodes![1]!.public_ipv4!.toFixed()).toBe('2');
    expect(saved(s1)).toContain('    public_ipv4: 2            # one public address each, $0.005/h\n');
  });

  it("a cluster's hours: offered at the month when not written, refused past it, added to the file when set", () => {
    const s0 = run(select(session([scenarioFile(AS_DEPLOYED)]), (l) => l.kind === 'cluster'), { type: 'beginInput', what: 'hours' });
    expect(s0.mode).toMatchObject({ field: 'item_hours', path: ['clusters', 0, 'hours'], label: 'hours for recsys-eks', text: '730' });
    const blank = run(s0, { type: 'erase' }, { type: 'erase' }, { type: 'erase' });
    expect(run(blank, ...typeText('800'), { type: 'commit' }).message?.text).toMatch(/hours 800 is more than the 730 hours in the month/);
    const s1 = run(blank, ...typeText('365'), { type: 'commit' });
    expect(activeDoc(s1).current.estimate.lines.find((l) => l.kind === 'cluster')!.cost.toFixed()).toBe('36.5');
    expect(saved(s1)).toContain('    tier: standard            # extended support costs $0.60/h instead of $0.10/h\n    hours: 365\n');
    // Enter on a cluster line edits the same hours.
    expect(run(select(s1, (l) => l.kind === 'cluster'), { type: 'beginInput', what: 'quantity' }).mode).toMatchObject({ field: 'item_hours', text: '365' });
  });

  it("a load balancer's processing line edits its GB processed, its hours line its hours", () => {
    const lb = 'load_balancers:\n  - {name: api-lb, provider: aws, region: us-east-1, kind: alb, processed_gb: 500}  # the feature API\n';
    const file = scenarioFile(`name: lb\n${lb}`);
    const s0 = run(select(session([file]), (l) => l.kind === 'lb-processing'), { type: 'beginInput', what: 'quantity' });
    expect(s0.mode).toMatchObject({ field: 'processed_gb', path: ['load_balancers', 0, 'processed_gb'], text: '500' });
    const s1 = run(s0, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, ...typeText('2TB'), { type: 'commit' });
    expect(activeDoc(s1).current.estimate.lines.find((l) => l.kind === 'lb-processing')!.cost.toFixed()).toBe('16');
    expect(saved(s1)).toBe(`name: lb\n${lb.replace('processed_gb: 500', 'processed_gb: 2000')}`);
    const hours = run(select(s1, (l) => l.kind === 'lb-hours'), { type: 'beginInput', what: 'quantity' });
    expect(hours.mode).toMatchObject({ field: 'item_hours', path: ['load_balancers', 0, 'hours'], text: '730' });
    const back = parseScenario(saved(run(hours, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, ...typeText('100'), { type: 'commit' })), 'lb.yaml').scenario;
    expect(back.load_balancers![0]!.hours!.toFixed()).toBe('100');
    expect(back.load_balancers![0]!.processed_gb.toFixed()).toBe('2000');
  });

  it('does not offer a disk size written as a range, and shows the range', () => {
    const ranged = AS_DEPLOYED.replace('disk: {class: gp3, gb: 500}', 'disk: {class: gp3, gb: {low: 300, expected: 500, high: 900}}');
    const s0 = select(session([scenarioFile(ranged)]), disk('trainers', 'gb'));
    expect(selectedRanges(s0)).toEqual(['disk.gb: 300 to 900, expected 500']);
    const s1 = run(s0, { type: 'beginInput', what: 'quantity' });
    expect(s1.mode.kind).toBe('list');
    expect(s1.message?.text).toBe('disk.gb of trainers is written as a range in the file; edit the file to change it');
  });
});
