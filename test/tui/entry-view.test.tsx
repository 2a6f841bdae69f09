import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { session } from './fixtures.js';
import { BACKSPACE, press, showing, type Rendered } from './ink-driver.js';

let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('number entry on screen (issue 16, 3)', () => {
  it('2TB on the nightly pull shows what it reads as before Enter applies it', async () => {
    mounted = render(<App initial={session()} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, 'j', 'j', 'j', 'j', 'j', '\r');
    let frame = await showing(mounted, 'gb_per_day for nightly-feature-pull: 300█');
    expect(frame).toContain('gb_per_day for nightly-feature-pull: GB; or 2TB, 1.5 TiB, 20k');
    await press(mounted, BACKSPACE, BACKSPACE, BACKSPACE, '2', 'T', 'B');
    frame = await showing(mounted, 'reads as 2TB = 2,000 GB; Enter applies it');
    await press(mounted, '\r');
    expect(await showing(mounted, '60,000 GB')).toMatch(/nightly-feature-pull.*60,000 GB ×/);
  });

  it('h says the month is the limit, and refuses more out loud', async () => {
    mounted = render(<App initial={session()} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, 'h');
    await showing(mounted, 'hours for trainers: hours per node, 0 to 730 (the month)');
    await press(mounted, BACKSPACE, BACKSPACE, BACKSPACE, '8', '0', '0', '\r');
    const frame = await showing(mounted, '✗ hours for trainers: hours 800 is more than the 730 hours in the month');
    expect(frame).toContain('hours for trainers: 800█');
  });

  it('-5 as a count is refused with the hint, not applied as 5', async () => {
    mounted = render(<App initial={session()} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, '\r', BACKSPACE, '-', '5', '\r');
    const frame = await showing(mounted, 'expected a whole number, zero or more, got -5');
    expect(frame).toContain('the number of nodes in the group, a whole number');
    expect(frame).toMatch(/trainers\s+800 hour/);
  });
});

describe('pickers open on the current row, the rows around it in view (issue 16, smaller items)', () => {
  it('i on trainers: p4d.24xlarge mid-list, cheaper rows above it shown and counted', async () => {
    const { session: make } = await import('./fixtures.js');
    const s = make();
    mounted = render(<App initial={s} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, 'i');
    const frame = await showing(mounted, '▸ aws   p4d.24xlarge');
    const lines = frame.split('\n');
    const at = lines.findIndex((l) => l.startsWith('▸ aws   p4d.24xlarge'));
    // Not the last row of the list: rows both above and below it are in view.
    expect(at).toBeGreaterThan(4);
    expect(lines[at + 1]).toMatch(/^ {2}\S/);
    expect(frame).toMatch(/ · ↑ \d+ more above · ↓ \d+ more below/);
  });
});

describe('a long reason is shown whole, not cut at 80 columns (issue 16, smaller items)', () => {
  it("a refusal longer than the status line: the engine's hint (the override file to write) is on screen to its end", async () => {
    const { session: make } = await import('./fixtures.js');
    // What the engine says of spot for m7i.xlarge, which the bundled AWS table lists no spot price for
    // (`p` only steps through options the tables price, so it is set here as a refused edit leaves it).
    const { priceLoaded } = await import('../../src/projection.js');
    const { parseScenario } = await import('../../src/model/load-scenario.js');
    const start = make();
    const spot = parseScenario('name: x\nnodes: [{name: a, provider: aws, region: us-east-1, instance: m7i.xlarge, count: 1, purchase: spot}]\n', 'x.yaml');
    let reason = '';
    try {
      priceLoaded(spot, start.docs[0]!.book);
    } catch (e) {
      reason = (e as { diagnostics: { message: string; suggestion?: string }[] }).diagnostics.map((d) => `${d.message} (${d.suggestion})`).join('');
    }
    expect(reason).toContain('no spot price for m7i.xlarge');
    mounted = render(<App initial={{ ...start, message: { tone: 'error', text: `not applied: ${reason}` } }} colour={false} />);
    const frame = await showing(mounted, '✗ not applied: no spot price for m7i.xlarge');
    expect(frame.replace(/\s*\n/g, ' ')).toContain('or use purchase: on-demand)');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(79);
    expect(frame).toContain('? keys');
  });

  it('a reason longer than four lines borrows rows from the list, whole, and the frame still fits 80×24', async () => {
    const { session: make } = await import('./fixtures.js');
    const text = `not applied: ${'a hint that goes on '.repeat(22)}END-OF-HINT`;
    mounted = render(<App initial={{ ...make(undefined, { cols: 80, rows: 24 }), message: { tone: 'error', text } }} colour={false} />);
    const frame = await showing(mounted, 'END-OF-HINT');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(frame.split('\n').filter((l) => l.includes('a hint that goes on')).length).toBeGreaterThan(4);
    // None of the reason's lines is cut (the header's file path may be, in a deep checkout).
    expect(frame).not.toMatch(/(a hint that goes on|END-OF-HINT)[^\n]*…/);
    expect(frame).toContain('TOTAL per month');
    expect(frame).toContain('? keys');
  });

  it('the detail line of a long description wraps instead of being cut', async () => {
    const { session: make } = await import('./fixtures.js');
    mounted = render(<App initial={make(undefined, { cols: 80, rows: 24 })} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, 'G');
    const frame = await showing(mounted, '▸ ');
    expect(frame).not.toMatch(/…$/m);
  });
});

describe('s offers to drop a comment the edit made false (issue 16, smaller items)', () => {
  it('trainers moved to p5.48xlarge: "# 8× A100 40 GB" is offered for dropping; d saves without it, other comments kept', async () => {
    const { readFileSync } = await import('node:fs');
    const { recsysCopy, session: make } = await import('./fixtures.js');
    const file = recsysCopy();
    const before = readFileSync(file, 'utf8');
    mounted = render(<App initial={make([file])} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, 'i', ...'p5.48xlarge us-east-1', '\r');
    await showing(mounted, '● unsaved');
    await press(mounted, 's');
    await showing(mounted, 'comment now false? d drops · k keeps · Esc: line 21 "# 8× A100 40 GB"');
    expect(readFileSync(file, 'utf8')).toBe(before);
    await press(mounted, 'd');
    await showing(mounted, `saved ${file}`);
    const after = readFileSync(file, 'utf8');
    expect(after).toMatch(/^ {4}instance: p5\.48xlarge\n/m);
    expect(after).not.toContain('8× A100 40 GB');
    expect(after).toContain('# 1× L4, GPU included in the hourly price');
  });

  it('k keeps the comment as it was', async () => {
    const { readFileSync } = await import('node:fs');
    const { recsysCopy, session: make } = await import('./fixtures.js');
    const file = recsysCopy();
    mounted = render(<App initial={make([file])} colour={false} />);
    await showing(mounted, 'TOTAL');
    await press(mounted, 'i', ...'p5.48xlarge us-east-1', '\r');
    await showing(mounted, '● unsaved');
    await press(mounted, 's');
    await showing(mounted, 'd drops · k keeps');
    await press(mounted, 'k');
    await showing(mounted, `saved ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^ {4}instance: p5\.48xlarge {4}# 8× A100 40 GB\n/m);
  });
});
