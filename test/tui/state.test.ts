import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import {
  activeDoc,
  comparison,
  isDirty,
  pickerChoices,
  reduce,
  rows,
  selectedLine,
  selectedRanges,
  type Action,
  type Session,
} from '../../src/tui/state.js';
import { P4D_RATE, RECSYS, SMALL, run, scenarioFile, session } from './fixtures.js';

const total = (s: Session) => activeDoc(s).current.estimate.totals.total;
const savedTotal = (s: Session) => activeDoc(s).saved.estimate.totals.total;
const node = (s: Session, i: number) => activeDoc(s).current.scenario.nodes![i]!;
const selectName = (s: Session, name: string): Session => {
  let next = run(s, { type: 'move', by: -1e9 });
  for (let i = 0; i < 50 && selectedLine(next)?.name !== name; i++) next = reduce(next, { type: 'move', by: 1 });
  expect(selectedLine(next)?.name).toBe(name);
  return next;
};
const typeText = (text: string): Action[] => [...text].map((c) => ({ type: 'type', text: c }));

describe('session reducer', () => {
  const small = () => session([scenarioFile(SMALL)]);

  it('opens on the first line of the list view, nothing changed', () => {
    const s = session();
    expect(s.mode.kind).toBe('list');
    expect(selectedLine(s)?.name).toBe('trainers');
    expect(isDirty(activeDoc(s))).toBe(false);
    expect(total(s).toFixed(2)).toBe('23262.08');
  });

  it('opens in the compare view when given several scenarios', () => {
    expect(session([RECSYS, scenarioFile(SMALL)]).mode.kind).toBe('compare');
  });

  describe('move', () => {
    it('steps over category headings to the next line, largest cost first', () => {
      const s = run(session(), { type: 'move', by: 1 }, { type: 'move', by: 1 }, { type: 'move', by: 1 });
      expect(selectedLine(s)?.name).toBe('feature-store');
    });

    it('stops at either end', () => {
      const s = session();
      expect(selectedLine(run(s, { type: 'move', by: -1 }))?.name).toBe('trainers');
      expect(selectedLine(run(s, { type: 'move', by: 1e9 }))?.name).toBe('click-events-in');
    });

    it('scrolls only as far as needed to keep the selection visible', () => {
      const s = session(undefined, { cols: 80, rows: 14 }); // 4 list rows
      const down = run(s, ...Array.from({ length: 5 }, () => ({ type: 'move', by: 1 }) as Action));
      const index = rows(down).findIndex((r) => r.type === 'line' && r.key === down.selected);
      expect(index).toBeGreaterThanOrEqual(down.top);
      expect(index).toBeLessThan(down.top + 4);
      expect(run(down, { type: 'move', by: -1e9 }).top).toBe(0);
    });
  });

  it('resize keeps the selection in view', () => {
    const s = run(session(), { type: 'move', by: 1e9 });
    const small = reduce(s, { type: 'resize', size: { cols: 80, rows: 13 } });
    const index = rows(small).findIndex((r) => r.type === 'line' && r.key === small.selected);
    expect(small.size.rows).toBe(13);
    expect(index - small.top).toBeLessThan(3);
    expect(index).toBeGreaterThanOrEqual(small.top);
  });

  describe('step', () => {
    it('adds a node and re-prices at once: one more p4d × 200 h', () => {
      const s = run(session(), { type: 'step', by: 1 });
      expect(node(s, 0).count.toFixed()).toBe('5');
      expect(total(s).minus(savedTotal(s)).toFixed()).toBe(new Decimal(P4D_RATE).times(200).toFixed());
      expect(isDirty(activeDoc(s))).toBe(true);
      expect(activeDoc(s).undo).toHaveLength(1);
    });

    it('removes a node and refuses to go below zero', () => {
      let s = selectName(small(), 'api');
      s = run(s, { type: 'step', by: -1 });
      expect(node(s, 1).count.toFixed()).toBe('0');
      s = run(s, { type: 'step', by: -1 });
      expect(node(s, 1).count.toFixed()).toBe('0');
      expect(s.message?.text).toMatch(/already has 0 nodes/);
    });

    it('points at Enter on lines that are not node groups', () => {
      const s = run(selectName(small(), 'lake'), { type: 'step', by: 1 });
      expect(s.message?.text).toMatch(/Enter/);
      expect(isDirty(activeDoc(s))).toBe(false);
    });
  });

  describe('cyclePurchase', () => {
    const label = (s: Session) => selectedLine(s)!.purchase!.label;
    it('cycles through the options the table prices for p5en.48xlarge in us-east-1, each with its terms, and back', () => {
      let s = run(small(), { type: 'cyclePurchase' });
      expect(node(s, 0).purchase).toBe('spot');
      expect(selectedLine(s)?.cost.toFixed()).toBe('5439.76'); // 2 × 100 h × 27.1988
      expect(s.message).toEqual({ tone: 'info', text: 'h200s: spot (option 2 of 5 priced)' });
      s = run(s, { type: 'cyclePurchase' });
      expect(node(s, 0)).toMatchObject({ purchase: 'savings-plan', plan: 'ec2-instance', term: '1y', payment: 'no-upfront' });
      expect(label(s)).toBe('savings-plan ec2-instance 1y no-upfront');
      s = run(s, { type: 'cyclePurchase' });
      expect(node(s, 0).term).toBe('3y');
      // A capacity block as long as the group's hours; the terms go.
      s = run(s, { type: 'cyclePurchase' });
      const block = node(s, 0);
      expect(block.purchase).toBe('capacity-block');
      expect(block.block_hours?.toFixed()).toBe('100');
      expect([block.plan, block.term, block.payment]).toEqual([undefined, undefined, undefined]);
      expect(selectedLine(s)!.quantity.toFixed()).toBe('200');
      s = run(s, { type: 'cyclePurchase' });
      // On-demand, the default, as the file had it: not written.
      expect(node(s, 0).purchase).toBeUndefined();
      expect(selectedLine(s)!.purchase!.option).toBe('on-demand');
      expect(node(s, 0).block_hours).toBeUndefined();
      expect(isDirty(activeDoc(s))).toBe(false);
      // Each step is one undo: back through the block to the 3-year plan.
      expect(node(run(s, { type: 'undo' }, { type: 'undo' }), 0).term).toBe('3y');
    });

    it('a group only on-demand is priced for: says so, and changes nothing', () => {
      // The CPU serving group: the bundled AWS table prices m7i.xlarge on demand only.
      const s = run(selectName(session(), 'feature-api'), { type: 'cyclePurchase' });
      expect(s.message).toEqual({ tone: 'info', text: 'on-demand is the only purchase option priced for m7i.xlarge in aws us-east-1' });
      expect(node(s, 1).purchase).toBeUndefined();
      expect(activeDoc(s).undo).toHaveLength(0);
    });

    it("leaving spot drops the interruption model (it belongs to spot); coming back brings the file's model back", () => {
      const spot = SMALL.replace('    hours: 100\n', '    hours: 100\n    purchase: spot\n    interruptions_per_hour: 0.05\n    checkpoint_every_hours: 1\n    restart_hours: 0.25\n    gang: true\n');
      let s = session([scenarioFile(spot)]);
      expect(selectedLine(s)!.purchase!.spot!.expected.toFixed()).toBe('107.5'); // 100 × (1 + 0.1 × 0.75)
      s = run(s, { type: 'cyclePurchase' });
      expect(node(s, 0).purchase).toBe('savings-plan');
      expect(node(s, 0).interruptions_per_hour).toBeUndefined();
      expect(node(s, 0).gang).toBeUndefined();
      expect(selectedLine(s)!.purchase!.spot).toBeUndefined();
      for (let i = 0; i < 4; i++) s = run(s, { type: 'cyclePurchase' });
      expect(node(s, 0).purchase).toBe('spot');
      expect(node(s, 0).gang).toBe(true);
      expect(selectedLine(s)!.purchase!.spot!.expected.toFixed()).toBe('107.5');
      expect(isDirty(activeDoc(s))).toBe(false);
    });
  });

  describe('number entry (beginInput, type, erase, commit, cancel)', () => {
    it('types a new node count', () => {
      let s = run(session(), { type: 'beginInput', what: 'quantity' });
      expect(s.mode).toMatchObject({ kind: 'input', field: 'count', text: '4' });
      s = run(s, { type: 'erase' }, ...typeText('6'), { type: 'commit' });
      expect(s.mode.kind).toBe('list');
      expect(node(s, 0).count.toFixed()).toBe('6');
    });

    it('edits hours, refusing more hours than the month has', () => {
      let s = run(session(), { type: 'beginInput', what: 'hours' });
      expect(s.mode).toMatchObject({ field: 'hours', text: '200' });
      s = run(s, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, ...typeText('800'), { type: 'commit' });
      expect(s.message?.text).toMatch(/more than the 730 hours/);
      expect(s.mode.kind).toBe('input');
      s = run(s, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, ...typeText('6.5'), { type: 'commit' });
      expect(node(s, 0).hours?.toFixed()).toBe('6.5');
    });

    it('defaults hours to the month when the file leaves them out', () => {
      const s = run(selectName(session(), 'feature-api'), { type: 'beginInput', what: 'hours' });
      expect(s.mode).toMatchObject({ text: '730' });
    });

    it('edits a transfer in the unit the file uses: twice the daily pull', () => {
      let s = selectName(session(), 'nightly-feature-pull');
      const before = selectedLine(s)!.quantity;
      s = run(s, { type: 'beginInput', what: 'quantity' });
      expect(s.mode).toMatchObject({ field: 'gb_per_day', text: '300' });
      s = run(s, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, ...typeText('600'), { type: 'commit' });
      expect(selectedLine(s)!.quantity.toFixed()).toBe(before.times(2).toFixed());
    });

    it('edits storage GB', () => {
      let s = run(selectName(small(), 'lake'), { type: 'beginInput', what: 'quantity' });
      s = run(s, ...typeText('0'), { type: 'commit' });
      expect(activeDoc(s).current.scenario.storage![0]!.gb.toFixed()).toBe('10000');
    });

    it('rejects what is not a number, and whole counts only', () => {
      let s = run(session(), { type: 'beginInput', what: 'quantity' }, ...typeText('.5'), { type: 'commit' });
      expect(s.message?.text).toMatch(/whole number/);
      s = run(s, ...typeText('.'), { type: 'commit' });
      expect(s.message?.text).toMatch(/not a number/);
    });

    it('cancel leaves everything as it was', () => {
      const s = run(session(), { type: 'beginInput', what: 'quantity' }, ...typeText('9'), { type: 'cancel' });
      expect(s.mode.kind).toBe('list');
      expect(node(s, 0).count.toFixed()).toBe('4');
    });

    it('hours belong to node groups, clusters and load balancers only', () => {
      const s = run(selectName(session(), 'feature-store'), { type: 'beginInput', what: 'hours' });
      expect(s.mode.kind).toBe('list');
      expect(s.message?.text).toMatch(/hours apply to node groups, clusters and load balancers/);
    });

    it('does not offer to edit a quantity written as a range, and says what the range is', () => {
      const s0 = session([scenarioFile(SMALL.replace('count: 2', 'count: {low: 1, expected: 2, high: 4}'))]);
      expect(selectedRanges(s0)).toEqual(['count: 1 to 4, expected 2']);
      const s = run(s0, { type: 'beginInput', what: 'quantity' }, { type: 'step', by: 1 });
      expect(s.mode.kind).toBe('list');
      expect(s.message?.text).toMatch(/count of h200s is written as a range/);
      expect(node(s, 0).count.toFixed()).toBe('2');
      expect(node(run(s, { type: 'beginInput', what: 'hours' }, { type: 'commit' }), 0).hours?.toFixed()).toBe('100');
    });
  });

  describe('pickers (openPicker, move, type, erase, cycleGpu, commit)', () => {
    it('the instance picker starts on the current choice and filters by text', () => {
      let s = run(session(), { type: 'openPicker', purpose: 'instance' });
      const mode = s.mode as Extract<Session['mode'], { kind: 'picker' }>;
      expect(pickerChoices(s)[mode.cursor]).toMatchObject({ instance: 'p4d.24xlarge', region: 'us-east-1' });
      s = run(s, ...typeText('h100'));
      const models = new Set(pickerChoices(s).map((c) => (c.kind === 'instance' ? c.gpu?.model : c.endpoint)));
      // H100 and its variants (Azure's NC H100 v5 carry H100 NVL), nothing else.
      expect([...models].every((m) => m === 'H100' || m?.startsWith('H100-'))).toBe(true);
      expect(models.has('H100')).toBe(true);
      expect(run(s, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }, { type: 'erase' }).mode).toMatchObject({ filter: '' });
    });

    it('filters by words in any order, GPU count (8gpu), GPU memory (80gb) and $/GPU-hour (<7.5)', () => {
      let s = run(session(), { type: 'openPicker', purpose: 'instance' }, ...typeText('8gpu h100 80gb <7.5'));
      const picked = pickerChoices(s);
      expect(picked.length).toBeGreaterThanOrEqual(4);
      for (const c of picked) {
        if (c.kind !== 'instance') throw new Error('an instance picker lists instances');
        expect(c.gpu?.model).toMatch(/^H100/);
        expect(c.gpu?.count.toFixed()).toBe('8');
        expect(c.gpu?.memory_gb?.gte(80)).toBe(true);
        expect(c.perGpuHour!.lte(7.5)).toBe(true);
      }
      // One dollar tighter drops rows and keeps the rest; a region word narrows it to that region.
      const tighter = pickerChoices(run(session(), { type: 'openPicker', purpose: 'instance' }, ...typeText('8gpu h100 80gb <7')));
      expect(tighter.length).toBeLessThan(picked.length);
      s = run(s, ...typeText(' eu-north-1'));
      expect(pickerChoices(s).map((c) => c.kind === 'instance' && `${c.provider}:${c.region}`)).toEqual(['aws:eu-north-1']);
      // A word on the way to an instance name is a plain word, not a number filter.
      const typing = pickerChoices(run(session(), { type: 'openPicker', purpose: 'instance' }, ...typeText('highgpu-8g')));
      expect(typing.length).toBeGreaterThan(0);
      expect(typing.every((c) => c.kind === 'instance' && c.instance.includes('highgpu-8g'))).toBe(true);
    });

    it('cycles a GPU-model filter and shows $/GPU-hour', () => {
      let s = run(session(), { type: 'openPicker', purpose: 'instance' }, { type: 'cycleGpu' });
      const first = (s.mode as { gpu?: string }).gpu;
      expect(first).toBeDefined();
      expect(pickerChoices(s).every((c) => c.kind === 'instance' && c.gpu?.model === first)).toBe(true);
      const c = pickerChoices(s)[0]!;
      expect(c.kind === 'instance' && c.perGpuHour?.eq(c.perHour.div(c.gpu!.count))).toBe(true);
      s = run(s, { type: 'cycleGpu' });
      expect((s.mode as { gpu?: string }).gpu).not.toBe(first);
    });

    it('picking another region drops the zone that belonged to the old one', () => {
      let s = selectName(small(), 'api');
      s = run(s, { type: 'openPicker', purpose: 'region' });
      expect(pickerChoices(s).every((c) => c.kind === 'instance' && c.instance === 'm7i.xlarge' && c.provider === 'aws')).toBe(true);
      s = run(s, ...typeText('us-west-2'), { type: 'commit' });
      expect(node(s, 1)).toMatchObject({ region: 'us-west-2', instance: 'm7i.xlarge' });
      expect(node(s, 1).zone).toBeUndefined();
    });

    it('can move a node group to another cloud', () => {
      let s = run(small(), { type: 'openPicker', purpose: 'instance' }, ...typeText('gcp a3-highgpu-8g'));
      s = run(s, { type: 'move', by: 1e9 }, { type: 'move', by: -1e9 }, { type: 'commit' });
      expect(node(s, 0)).toMatchObject({ provider: 'gcp', instance: 'a3-highgpu-8g' });
    });

    it('the endpoint pickers change a transfer and its path', () => {
      let s = selectName(small(), 'pull');
      expect(selectedLine(s)?.path).toBe('cross-cloud');
      s = run(s, { type: 'openPicker', purpose: 'to' }, ...typeText('aws:us-east-2'), { type: 'commit' });
      expect(selectedLine(s)?.path).toBe('inter-region');
      s = run(s, { type: 'openPicker', purpose: 'from' }, ...typeText('on-prem'), { type: 'commit' });
      expect(selectedLine(s)?.path).toBe('ingress');
    });

    it('a picker for the wrong kind of line says so', () => {
      expect(run(session(), { type: 'openPicker', purpose: 'from' }).message?.text).toMatch(/transfers only/);
      expect(run(selectName(session(), 'feature-store'), { type: 'openPicker', purpose: 'instance' }).message?.text).toMatch(/node groups only/);
    });

    it('an empty filter result picks nothing', () => {
      const s = run(session(), { type: 'openPicker', purpose: 'instance' }, ...typeText('zzz'), { type: 'commit' });
      expect(s.mode.kind).toBe('picker');
      expect(s.message?.text).toMatch(/nothing matches/);
    });
  });

  describe('undo, redo, reset', () => {
    it('undo and redo walk the edits back and forth', () => {
      const s = run(session(), { type: 'step', by: 1 }, { type: 'step', by: 1 });
      const once = run(s, { type: 'undo' });
      expect(node(once, 0).count.toFixed()).toBe('5');
      const twice = run(once, { type: 'undo' });
      expect(isDirty(activeDoc(twice))).toBe(false);
      expect(run(twice, { type: 'undo' }).message?.text).toBe('nothing to undo');
      expect(node(run(twice, { type: 'redo' }, { type: 'redo' }), 0).count.toFixed()).toBe('6');
      expect(activeDoc(run(once, { type: 'step', by: -1 })).redo).toHaveLength(0);
    });

    it('keeps field changes, not estimates: an undo entry is the edited value before and after, and undoing re-prices to the same figures', () => {
      const start = session();
      let s = start;
      for (let i = 0; i < 30; i++) s = run(s, { type: 'step', by: 1 });
      s = run(s, { type: 'cyclePurchase' }, { type: 'move', by: 1 }, { type: 'step', by: 1 });
      const undo = activeDoc(s).undo;
      expect(undo.length).toBeGreaterThanOrEqual(31);
      for (const entry of undo) for (const c of entry) expect(Object.keys(c).sort()).toEqual(['after', 'before', 'path']);
      expect(undo[0]).toEqual([{ path: ['nodes', 0, 'count'], before: new Decimal(4), after: new Decimal(5) }]);
      let back = s;
      for (let i = 0; i < undo.length; i++) back = run(back, { type: 'undo' });
      expect(JSON.stringify(activeDoc(back).current.estimate)).toBe(JSON.stringify(activeDoc(start).current.estimate));
      expect(isDirty(activeDoc(back))).toBe(false);
    });

    it('reset goes back to the saved file, and is itself undoable', () => {
      const s = run(session(), { type: 'step', by: 1 }, { type: 'reset' });
      expect(total(s).eq(savedTotal(s))).toBe(true);
      expect(node(run(s, { type: 'undo' }), 0).count.toFixed()).toBe('5');
      expect(run(session(), { type: 'reset' }).message?.text).toMatch(/no changes/);
    });
  });

  it('the compare view puts a single scenario beside its saved file, several side by side', () => {
    const one = comparison(run(session(), { type: 'step', by: 1 }));
    expect(one.columns.map((x) => x.label)).toEqual(['saved', 'edited']);
    expect(one.c.total.deltas[1]!.toFixed()).toBe(new Decimal(P4D_RATE).times(200).toFixed());
    expect(one.c.cheapest).toBe(0);
    const two = comparison(session([RECSYS, scenarioFile(SMALL)]));
    expect(two.columns.map((x) => x.label)).toEqual(['recsys-feature-store', 'small']);
    expect(two.c.cheapest).toBe(1);
  });

  it('compare toggles the compare view', () => {
    const s = run(session(), { type: 'compare' });
    expect(s.mode.kind).toBe('compare');
    expect(run(s, { type: 'compare' }).mode.kind).toBe('list');
  });

  it('help opens over the current view and returns to it', () => {
    const s = run(session(), { type: 'compare' }, { type: 'help' });
    expect(s.mode).toEqual({ kind: 'help', back: 'compare' });
    expect(run(s, { type: 'help' }).mode.kind).toBe('compare');
    expect(run(s, { type: 'cancel' }).mode.kind).toBe('compare');
  });

  it('nextScenario switches which scenario the edits go to', () => {
    const s = run(session([RECSYS, scenarioFile(SMALL)]), { type: 'nextScenario' });
    expect(s.active).toBe(1);
    expect(selectedLine(s)?.name).toBe('h200s');
    expect(run(s, { type: 'nextScenario' }).active).toBe(0);
    expect(run(session(), { type: 'nextScenario' }).active).toBe(0);
  });

  it('ask shows a question; cancel dismisses it', () => {
    const s = run(session(), { type: 'ask', question: 'quit' });
    expect(s.mode).toEqual({ kind: 'confirm', question: 'quit' });
    expect(run(s, { type: 'cancel' }).mode.kind).toBe('list');
  });

  it('saved makes the current plan the new baseline', () => {
    const s = run(session(), { type: 'step', by: 1 }, { type: 'ask', question: 'overwrite' }, { type: 'saved', doc: 0, text: 'new text' });
    const doc = activeDoc(s);
    expect(isDirty(doc)).toBe(false);
    expect(doc.diskText).toBe('new text');
    expect(doc.saved.estimate.totals.total.eq(doc.current.estimate.totals.total)).toBe(true);
    expect(s.mode.kind).toBe('list');
    expect(s.message?.text).toMatch(/^saved /);
  });

  it('notify shows a message until the next action', () => {
    const s = run(session(), { type: 'notify', text: 'disk full', tone: 'error' });
    expect(s.message).toEqual({ text: 'disk full', tone: 'error' });
    expect(run(s, { type: 'move', by: 1 }).message).toBeUndefined();
  });

  it('ignores keys that mean nothing in the current mode', () => {
    const s = run(session(), { type: 'help' });
    expect(run(s, { type: 'step', by: 1 }, { type: 'commit' }, { type: 'type', text: '1' })).toEqual(s);
  });
});
