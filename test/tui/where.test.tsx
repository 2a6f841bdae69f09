import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { activeDoc, reduce, selectedLine, type Session } from '../../src/tui/state.js';
import { RECSYS, run, session } from './fixtures.js';

type Rendered = ReturnType<typeof render>;
let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function select(s: Session, name: string): Session {
  let next = run(s, { type: 'move', by: -1e9 });
  for (let i = 0; i < 50 && selectedLine(next)?.name !== name; i++) next = reduce(next, { type: 'move', by: 1 });
  expect(selectedLine(next)?.name).toBe(name);
  return next;
}

const serving = (s: Session) => activeDoc(s).current.scenario.nodes!.find((n) => n.name === 'serving')!;

describe('the where panel in the reducer', () => {
  it('w on a node group ranks its placements, the cursor on where it is now', () => {
    const s = run(select(session([RECSYS]), 'serving'), { type: 'where' });
    expect(s.mode.kind).toBe('where');
    if (s.mode.kind !== 'where') return;
    const { rows, cursor } = s.mode.view;
    expect(rows[cursor]!.asWritten).toBe(true);
    expect(rows[0]!.place).toBe('aws:us-east-2 g6.2xlarge on-demand');
    expect(rows.every((r, i) => i === 0 || rows[i - 1]!.total.lte(r.total))).toBe(true);
  });

  it('w on a line that is not a node group says what it does', () => {
    const s = run(select(session([RECSYS]), 'feature-store'), { type: 'where' });
    expect(s.mode.kind).toBe('list');
    expect(s.message?.text).toContain('w places a node group');
  });

  it('Enter applies the placement (the group and the ends that follow it) as one edit; u undoes it', () => {
    let s = run(select(session([RECSYS]), 'serving'), { type: 'where' }, { type: 'move', by: -1e9 }, { type: 'commit' });
    expect(s.mode.kind).toBe('list');
    expect(serving(s)).toMatchObject({ provider: 'aws', region: 'us-east-2', instance: 'g6.2xlarge' });
    const pull = activeDoc(s).current.scenario.transfers!.find((t) => t.name === 'nightly-feature-pull')!;
    expect(pull.to).toBe('nodes:serving');
    expect(activeDoc(s).current.estimate.totals.total.toFixed(2)).toBe('23040.57');
    expect(s.message?.text).toContain('serving → aws:us-east-2');
    s = run(s, { type: 'undo' });
    expect(serving(s)).toMatchObject({ provider: 'gcp', region: 'us-central1', instance: 'g2-standard-8' });
    expect(activeDoc(s).current.scenario.transfers!.find((t) => t.name === 'nightly-feature-pull')!.to).toBe('gcp:us-central1');
  });

  it('Esc leaves the plan as it was', () => {
    const s = run(select(session([RECSYS]), 'serving'), { type: 'where' }, { type: 'move', by: -1e9 }, { type: 'cancel' });
    expect(s.mode.kind).toBe('list');
    expect(serving(s).provider).toBe('gcp');
  });
});

describe('the where panel on screen', () => {
  it('w opens it on the selected group; the rows fit the terminal', async () => {
    const s = select(session([RECSYS], { cols: 80, rows: 16 }), 'serving');
    const app = render(<App initial={s} colour={false} />);
    mounted = app;
    const frameWith = async (text: string) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const f = app.lastFrame() ?? '';
        if (f.includes(text)) return f;
        if (Date.now() > deadline) throw new Error(`never showed ${text}:\n${f}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await frameWith('TOTAL per month');
    app.stdin.write('w');
    const frame = await frameWith('where should serving sit?');
    expect(frame).toContain('gcp:us-central1 g2-standard-8 on-demand (now)');
    expect(frame).toContain('Enter moves serving there (u undoes)');
    expect(frame.split('\n').length).toBeLessThan(16);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    app.stdin.write('\u001B');
    await frameWith('TOTAL per month');
  });
});
