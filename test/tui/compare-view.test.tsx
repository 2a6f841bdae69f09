import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { REPO } from '../helpers.js';
import { SMALL, scenarioFile, session } from './fixtures.js';
import { TAB, press, showing, until, type Rendered } from './ink-driver.js';

let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

// SMALL costs $12,851.87 a month; four copies of it, each with its own budget.
const withBudget = (name: string, monthly: number) => SMALL.replace('name: small', `name: ${name}\nbudget: {monthly: ${monthly}}`);
const FOUR = [withBudget('plan-a', 40000), withBudget('plan-b', 10000), withBudget('plan-c', 20000), withBudget('plan-d', 60000)];

describe('the compare view holds each plan to its own budget (issue 16, 1)', () => {
  it('four plans with budgets $40k / $10k / $20k / $60k: 32%, OVER 129%, 64%, 21%, as `tollgate compare` holds them', async () => {
    const files = FOUR.map((y, i) => scenarioFile(y, `${'abcd'[i]}.yaml`));
    mounted = render(<App initial={session(files, { cols: 80, rows: 30 })} colour={false} />);
    const frame = await showing(mounted, 'compare · 4 scenarios');
    expect(frame).toContain('each plan against its own budget');
    expect(frame).toMatch(/^A plan-a\s+█+░*│░* 32%$/m);
    expect(frame).toMatch(/^B plan-b\s+█+│?█*░* OVER 129%$/m);
    expect(frame).toMatch(/^C plan-c\s+█+░*│░* 64%$/m);
    expect(frame).toMatch(/^D plan-d\s+█+░*│░* 21%$/m);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('marks the column being edited (◂) and unsaved ones (●); the footer says which column s saves and only keys that work here', async () => {
    const files = FOUR.slice(0, 2).map((y, i) => scenarioFile(y, `${'ab'[i]}.yaml`));
    mounted = render(<App initial={session(files)} colour={false} />);
    let frame = await showing(mounted, 'compare · 2 scenarios');
    expect(frame).toMatch(/A plan-a ◂\s+B plan-b$/m);
    expect(frame).toContain('s saves A (a.yaml)');
    expect(frame).not.toMatch(/\+\/- nodes|Enter edit|a actuals/);
    await press(mounted, TAB);
    frame = await showing(mounted, 'B plan-b ◂');
    expect(frame).toMatch(/A plan-a\s+B plan-b ◂$/m);
    await press(mounted, '?', '?'); // the help and back: the "editing" message goes and the footer is back
    await showing(mounted, 's saves B (b.yaml)');
    // To the list, one node more on plan-b, and back: B is unsaved.
    await press(mounted, 'c', '+', 'c');
    frame = await until(mounted, (f) => f.includes('compare ·') && f.includes('●'), 'the unsaved mark');
    expect(frame).toMatch(/A plan-a\s+B plan-b ● ◂$/m);
  });
});

describe('the compare view says how each plan bought what moved (issue 14)', () => {
  const THREE = ['on-demand', 'committed', 'spot'].map((way) => join(REPO, `scenarios/h100-training-${way}.yaml`));

  it("the plan bought three ways: each plan's purchase note under the moved line, as `tollgate compare` writes it", async () => {
    mounted = render(<App initial={session(THREE, { cols: 80, rows: 30 })} colour={false} />);
    const frame = await showing(mounted, 'how each plan bought what moved:');
    expect(frame).toMatch(/^trainers \(node\)$/m);
    expect(frame).toMatch(/^ {2}A bought on-demand · \$11\.06125\/GPU-hour effective$/m);
    // The CUD's paid-but-idle hours, cut to the terminal: one row per plan.
    expect(frame).toMatch(/^ {2}B bought committed-use 1y · \$9\.335433\/GPU-hour effective · 2,400 h used of 2…$/m);
    expect(frame).toMatch(/^ {2}C bought spot · \$6\.705764\/GPU-hour effective · billed h per node for 600 use…$/m);
    // The budget bars are not dropped for it, and the frame stays within the terminal.
    expect(frame).toContain('each plan against its own budget');
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(30);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
  });

  it('a short terminal drops it before the bars; two plans that buy alike show none', async () => {
    // 80×24: the table, the sampled rows (spot's interruptions) and the bars fill it.
    mounted = render(<App initial={session(THREE, { cols: 80, rows: 24 })} colour={false} />);
    const frame = await showing(mounted, 'P(< first)');
    expect(frame).toContain('each plan against its own budget');
    expect(frame).not.toContain('how each plan bought');
    mounted.unmount();
    const same = FOUR.slice(0, 2).map((y, i) => scenarioFile(y, `${'ab'[i]}.yaml`));
    mounted = render(<App initial={session(same, { cols: 80, rows: 40 })} colour={false} />);
    expect(await showing(mounted, 'compare · 2 scenarios')).not.toContain('how each plan bought');
  });
});
