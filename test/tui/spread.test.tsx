import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { assessUncertainty } from '../../src/engine/uncertainty.js';
import { App } from '../../src/tui/App.js';
import { activeDoc, type Session } from '../../src/tui/state.js';
import { RANGED, RECSYS, run, scenarioFile, session } from './fixtures.js';

type Rendered = ReturnType<typeof render>;
let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const ranged = () => session([scenarioFile(RANGED)], { cols: 80, rows: 24 });
const sample = (s: Session) => {
  const doc = activeDoc(s);
  return assessUncertainty(doc.current.scenario, doc.uncertain, doc.book, { samples: 200 })!;
};

describe('the uncertainty panel in the reducer', () => {
  it('m on a plan without ranges says there is nothing to sample', () => {
    const s = run(session([RECSYS]), { type: 'spread' });
    expect(s.mode.kind).toBe('list');
    expect(s.message?.text).toContain('no ranges in this scenario');
  });

  it('m starts a numbered sampling; an answer for another number is dropped', () => {
    const s = run(ranged(), { type: 'spread' });
    expect(s.mode).toEqual({ kind: 'spread', view: { step: 'sampling', id: s.jobs } });
    const late = run(s, { type: 'spreadDone', id: s.jobs - 1, uncertainty: sample(s), ms: 1 });
    expect(late.mode).toEqual(s.mode);
    const shown = run(s, { type: 'spreadDone', id: s.jobs, uncertainty: sample(s), ms: 7 });
    expect(shown.mode).toMatchObject({ kind: 'spread', view: { step: 'shown', ms: 7, edited: false, top: 0 } });
  });

  it('scrolls by whole lines, never past the last page (a short terminal)', () => {
    let s = run(session([scenarioFile(RANGED)], { cols: 80, rows: 12 }), { type: 'spread' });
    s = run(s, { type: 'spreadDone', id: s.jobs, uncertainty: sample(s), ms: 1 });
    const lines = s.mode.kind === 'spread' && s.mode.view.step === 'shown' ? s.mode.view.lines : 0;
    expect(lines).toBeGreaterThan(12);
    const bottom = run(s, { type: 'move', by: 1e9 });
    expect(bottom.mode).toMatchObject({ view: { top: lines - 9 } });
    expect(run(bottom, { type: 'move', by: -1e9 }).mode).toMatchObject({ view: { top: 0 } });
  });

  it('Esc (or m again) returns to the list', () => {
    expect(run(ranged(), { type: 'spread' }, { type: 'cancel' }).mode.kind).toBe('list');
  });
});

describe('the uncertainty panel on screen', () => {
  it('m samples the plan and shows its spread and the tornado ranked by swing', async () => {
    const app = render(<App initial={ranged()} colour={false} />);
    mounted = app;
    const deadline = Date.now() + 10_000;
    const frameWith = async (text: string) => {
      for (;;) {
        const f = app.lastFrame() ?? '';
        if (f.includes(text)) return f;
        if (Date.now() > deadline) throw new Error(`never showed ${text}:\n${f}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const list = await frameWith('m spread');
    expect(list).toContain('TOTAL per month');
    app.stdin.write('m');
    const frame = await frameWith('what drives the spread');
    expect(frame).toMatch(/^uncertainty · ranged · the saved plan · sampled in \d+ ms/);
    expect(frame).toContain('UNCERTAINTY · 10,000 samples, seed 1, 4 ranged inputs');
    expect(frame).toMatch(/TOTAL\s+\$[\d,.]+\s+\$[\d,.]+\s+\$[\d,.]+\s+\$[\d,.]+/);
    expect(frame).toMatch(/P\(total > budget \$15,000\.00\): \d/);
    const order = ['nodes.trainers.count', 'nodes.trainers.hours', 'transfers.pull.gb_per_month', 'storage.lake.gb'].map((l) => frame.indexOf(l));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(frame).toMatch(/nodes\.trainers\.count \(1 \/ 2 \/ 4\)\s+swing \$13,174\.59/);
    expect(frame).toMatch(/█+│█+\s+\$4,882\.53 … \$18,057\.11/);
    expect(frame.split('\n').length).toBeLessThan(24);
    app.stdin.write('\u001B');
    await frameWith('TOTAL per month');
  });
});
