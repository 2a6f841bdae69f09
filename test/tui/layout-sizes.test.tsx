import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { money } from '../../src/model/numbers.js';
import { App } from '../../src/tui/App.js';
import { rowsOf } from '../../src/tui/rows.js';
import { activeDoc, type Session } from '../../src/tui/state.js';
import { planOf, scenarioFile, session } from './fixtures.js';
import { press, showing, until, type Rendered } from './ink-driver.js';

let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

// About $1k, $100k and $10M a month.
const PLANS = {
  '$1k': planOf('one-k', 'm7i.xlarge', 5, 10000, 1),
  '$100k': planOf('hundred-k', 'p4d.24xlarge', 6, 150000, 300),
  '$10M': planOf('ten-m', 'p4d.24xlarge', 624, 1500000, 30000),
};

const SIZES = [
  { cols: 60, rows: 20 },
  { cols: 80, rows: 24 },
  { cols: 120, rows: 40 },
];

/** Every amount on a line, as the screen writes them. */
const amounts = (line: string) => line.match(/[▲▼]?[+-]?\$[\d,]+\.\d\d/g) ?? [];

function checkFrame(frame: string, s: Session) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThan(s.size.rows);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(s.size.cols - 1);
  const estimate = activeDoc(s).current.estimate;
  for (const row of rowsOf(estimate)) {
    const [label, cost] = row.type === 'line' ? [row.line.name, row.line.cost] : [row.category.toUpperCase(), row.total];
    const shown = lines.find((l) => l.includes(label) && !l.startsWith('TOTAL'));
    if (!shown) continue; // scrolled out of view
    // Its own amount, whole, with a space (or the bar's edge) before it: never a fragment of another.
    expect(shown).toMatch(new RegExp(`[ █░]\\${money(cost)}(\\s|$)`));
    // Bar, amount and delta never run together.
    expect(shown).not.toMatch(/[█░]\$|\d[▲▼]/);
  }
  expect(frame).toContain(`TOTAL per month`);
  expect(amounts(frame).some((a) => a === money(estimate.totals.total))).toBe(true);
}

/** ink-testing-library's terminal is 100 columns wide: make it the size the session is laid out for. */
function mount(s: Session): Rendered {
  mounted = render(<App initial={s} colour={false} />);
  Object.defineProperty(mounted.stdout, 'columns', { value: s.size.cols, configurable: true });
  Object.defineProperty(mounted.stdout, 'rows', { value: s.size.rows, configurable: true });
  mounted.stdout.emit('resize');
  // Under CI=true Ink does not listen for resize: render again so the layout uses the width just set.
  mounted.rerender(<App initial={s} colour={false} />);
  return mounted;
}

describe('the list view at 60×20, 80×24 and 120×40 with $1k, $100k and $10M plans (issue 16, 2)', () => {
  for (const [which, yaml] of Object.entries(PLANS)) {
    for (const size of SIZES) {
      it(`${which} at ${size.cols}×${size.rows}`, async () => {
        const s = session([scenarioFile(yaml)], size);
        mount(s);
        if (size.cols < 80) {
          const frame = await showing(mounted!, 'terminal too small');
          expect(frame).toContain(`terminal too small: ${size.cols}×${size.rows}, needs 80×14`);
          expect(amounts(frame)).toEqual([]);
          return;
        }
        checkFrame(await showing(mounted!, 'TOTAL per month'), s);
        // One trainer more: every line that moved gets a delta beside its amount.
        await press(mounted!, '+');
        const frame = await showing(mounted!, 'vs saved');
        expect(frame).toMatch(/trainers .*\$[\d,]+\.\d\d +▲\+\$[\d,]+\.\d\d$/m);
        expect(frame).toMatch(/COMPUTE .*[█░] \$[\d,]+\.\d\d +▲\+\$[\d,]+\.\d\d$/m);
        for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(size.cols - 1);
      });
    }
  }

  it('the trainers line of a $10M plan shows its own eight-figure amount at 80×24, not the category total cut', async () => {
    const s = session([scenarioFile(PLANS['$10M'])]);
    mounted = render(<App initial={s} colour={false} />);
    const frame = await showing(mounted, 'TOTAL per month');
    const trainers = activeDoc(s).current.estimate.lines.find((l) => l.name === 'trainers')!;
    expect(money(trainers.cost)).toMatch(/^\$\d{2},\d{3},\d{3}\.\d\d$/);
    expect(frame).toMatch(new RegExp(`▸ trainers .* \\${money(trainers.cost)}$`, 'm'));
  });

  it('a resize below the minimum says so, and back above it draws the plan again', async () => {
    mounted = render(<App initial={session([scenarioFile(PLANS['$100k'])])} colour={false} />);
    await showing(mounted, 'TOTAL per month');
    Object.defineProperty(mounted.stdout, 'columns', { value: 72, configurable: true });
    mounted.stdout.emit('resize');
    await showing(mounted, 'terminal too small: 72×');
    Object.defineProperty(mounted.stdout, 'columns', { value: 100, configurable: true });
    mounted.stdout.emit('resize');
    await until(mounted, (f) => f.includes('TOTAL per month'), 'the plan again');
  });
});

describe('the compare view at 80×24 and 120×40 with $1k, $100k and $10M plans side by side', () => {
  for (const size of SIZES.slice(1)) {
    it(`${size.cols}×${size.rows}`, async () => {
      const files = Object.values(PLANS).map((y, i) => scenarioFile(y, `${i}.yaml`));
      mount(session(files, size));
      const frame = await showing(mounted!, 'compare · 3 scenarios');
      const lines = frame.split('\n');
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(size.cols - 1);
      const total = lines.find((l) => l.startsWith('TOTAL'))!;
      // Three whole amounts, a space between each.
      expect(total).toMatch(/^TOTAL\s+★ \$[\d,]+\.\d\d\s+\$[\d,]+\.\d\d\s+\$\d{2},\d{3},\d{3}\.\d\d$/);
      expect(lines.find((l) => l.startsWith('vs first'))).toMatch(/—\s+▲\+\$[\d,]+\.\d\d\s+▲\+\$[\d,]+\.\d\d$/);
    });
  }
});
