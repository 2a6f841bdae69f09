import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import type { Session } from '../../src/tui/state.js';
import { RECSYS, SMALL, recsysCopy, scenarioFile, session } from './fixtures.js';
import { ARROW_DOWN, ESC, press, showing, until, type Rendered } from './ink-driver.js';

let mounted: Rendered | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function open(s: Session = session()): Rendered {
  mounted = render(<App initial={s} colour={false} />);
  return mounted;
}

describe('the session on screen', () => {
  it('shows the scenario, its pricing tables and budget, the categories with bars, and the total', async () => {
    const app = open();
    const frame = await showing(app, 'TOTAL per month');
    expect(frame).toContain('recsys-feature-store');
    expect(frame).toContain('pricing: aws 2026-10-02 · gcp 2026-07-30');
    expect(frame).toContain('budget $40,000.00/month: 58.2% used, within budget');
    expect(frame).toMatch(/COMPUTE\s+93% █+░+ \$21,746\.49/);
    expect(frame).toMatch(/▸ trainers\s+800 hour × \$21\.957642\s+\$17,566\.11/);
    expect(frame).toMatch(/nightly-feature-pull x-cloud\s+9,000 GB × ≈\$0\.089016/);
    expect(frame).toContain('$23,262.08');
    expect(frame.split('\n').length).toBeLessThan(24);
  });

  it('+ adds a trainer: the line, its category and the total move by one p4d × 200 h, with arrows and signs', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, '+');
    const frame = await showing(app, '$27,653.61');
    expect(frame).toMatch(/trainers\s+1,000 hour × \$21\.957642\s+\$21,957\.64\s+▲\+\$4,391\.53/);
    expect(frame).toMatch(/COMPUTE.*\$26,138\.02\s+▲\+\$4,391\.53/);
    expect(frame).toContain('TOTAL per month     $27,653.61  ▲+$4,391.53 vs saved');
    expect(frame).toContain('● unsaved');
    await press(app, '-', '-');
    expect(await showing(app, '▼-$4,391.53 vs saved')).toContain('$18,870.55');
  });

  it('j and the arrow keys move the selection; the detail line follows it', async () => {
    const app = open();
    await showing(app, '4 × p4d.24xlarge');
    await press(app, 'j');
    expect(await showing(app, '▸ serving')).toContain('6 × g2-standard-8 (1× L4) on-demand, 730 h each · gcp us-central1');
    await press(app, ARROW_DOWN, ARROW_DOWN, ARROW_DOWN, ARROW_DOWN);
    const frame = await showing(app, '▸ nightly-feature-pull');
    expect(frame).toContain('cross-cloud, internet egress tiers');
    expect(frame).toMatch(/this line: 98.36 at \$0, 8,901.64 at\s+\$0.09/);
    await press(app, 'k');
    await showing(app, '▸ serving-features');
  });

  it('Enter types a new transfer volume: pulling features twice a day', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, 'j', 'j', 'j', 'j', 'j', '\r');
    await showing(app, 'gb_per_day for nightly-feature-pull: 300█');
    await press(app, '\u007F', '\u007F', '\u007F', '6', '0', '0', '\r');
    expect(await showing(app, '18,000 GB')).toMatch(/nightly-feature-pull.*18,000 GB × ≈\$0\.087325\s+\$1,571\.85\s+▲\+\$770\.70/);
  });

  it('p says so where on-demand is the only option priced', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, 'j', 'j', 'p');
    await showing(app, 'on-demand is the only purchase option priced for m7i.xlarge in aws us-east-1');
  });

  it('p steps to the next option priced; the detail line shows how the group is bought', async () => {
    const app = open();
    expect(await showing(app, 'bought on-demand')).toMatch(/bought on-demand · \$2\.744705\/GPU-hour effective/);
    await press(app, 'p');
    // p4d.24xlarge in us-east-1: on-demand, spot, reserved standard 1y and 3y.
    expect(await showing(app, 'trainers: spot (option 2 of 4 priced)')).toMatch(/bought spot/);
    await press(app, 'p');
    expect(await showing(app, 'bought reserved standard 1y no-upfront')).toContain('4 × p4d.24xlarge (8× A100) reserved standard 1y no-upfront');
  });

  it('the instance picker filters by GPU model and applies a choice', async () => {
    const app = open(session([scenarioFile(SMALL)]));
    await showing(app, 'TOTAL');
    await press(app, 'i');
    let frame = await showing(app, 'h200s: pick an instance type and region (on-demand prices)');
    expect(frame).toMatch(/\$\/hour\s+\$\/GPU-h/);
    await press(app, '\t');
    // The first GPU model of the catalog, alphabetically (Azure's NVads A10 v5 come before A100).
    frame = await showing(app, 'GPU: A10 (Tab)');
    expect(frame).not.toContain('L4 ');
    await press(app, ESC);
    await showing(app, 'TOTAL');
    await press(app, 'i', 'g', 'c', 'p', ' ', 'a', '3', '-');
    frame = await showing(app, 'filter: gcp a3-█');
    expect(frame).toMatch(/gcp\s+a3-highgpu-8g\s+8× H100/);
    expect(frame).not.toContain('aws ');
    await press(app, ESC);
    await showing(app, 'TOTAL');
    await press(app, 'r', 'u', 's', '-', 'w', 'e');
    frame = await showing(app, 'pick a region');
    await press(app, '\r');
    await showing(app, 'aws us-west-2');
  });

  it('a quantity written as a range is shown as such and not edited', async () => {
    const app = open(session([scenarioFile(SMALL.replace('count: 2', 'count: {low: 1, expected: 2, high: 4}'))]));
    expect(await showing(app, 'ranges in the file')).toContain('count: 1 to 4, expected 2');
    await press(app, '+');
    await showing(app, '✗ count of h200s is written as a range');
  });

  it('u undoes and U redoes', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, '+');
    await showing(app, '$27,653.61');
    await press(app, 'u');
    const undone = await until(app, (f) => !f.includes('$27,653.61') && f.includes('$23,262.08'), 'the saved total');
    expect(undone).not.toContain('unsaved');
    await press(app, 'U');
    await showing(app, '$27,653.61');
  });

  it('c shows saved and edited side by side, cheapest starred, the budget line drawn', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, '+', 'c');
    const frame = await showing(app, 'compare · 2 scenarios');
    expect(frame).toMatch(/A saved\s+B edited/);
    expect(frame).toMatch(/TOTAL\s+★ \$23,262\.08\s+\$27,653\.61/);
    expect(frame).toContain('▲+$4,391.53');
    expect(frame).toContain('+18.9%');
    expect(frame).toMatch(/A saved\s+█+░*│░*│? 58%/);
    await press(app, ESC);
    await showing(app, 'TOTAL per month');
  });

  it('opened with several scenarios it starts in the compare view', async () => {
    const app = open(session([RECSYS, scenarioFile(SMALL)]));
    const frame = await showing(app, 'compare · 2 scenarios');
    expect(frame).toMatch(/A recsys-featur…?\S* ◂\s+B small/);
    await press(app, 'c');
    await showing(app, '1/2');
  });

  it('a deep path gives way in the header: the position and the file name stay in 80 columns', async () => {
    const deep = join(mkdtempSync(join(tmpdir(), 'tollgate-deep-')), 'a-rather-long-checkout-directory', 'of-some-team', 'with', 'nested', 'folders');
    mkdirSync(deep, { recursive: true });
    const file = join(deep, 'plan.yaml');
    copyFileSync(RECSYS, file);
    const app = open(session([file, scenarioFile(SMALL)]));
    await showing(app, 'compare · 2 scenarios');
    await press(app, 'c');
    const header = (await showing(app, '1/2 · recsys-feature-store · …')).split('\n')[0] ?? '';
    expect(header.length).toBeLessThanOrEqual(80);
    expect(header).toMatch(/…\S*\/nested\/folders\/plan\.yaml$/);
  });

  it('? lists every key', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, '?');
    const frame = await showing(app, 'keys (? or Esc closes this help)');
    for (const text of ['undo', 'redo', 'save the scenario', 'compare view', 'spot', 'quit']) expect(frame).toContain(text);
    expect(frame.split('\n').length).toBeLessThan(24);
    await press(app, '?');
    await showing(app, 'TOTAL per month');
  });

  it('s saves to disk keeping the comments; a file changed meanwhile is not overwritten without asking', async () => {
    const file = recsysCopy();
    const app = open(session([file]));
    await showing(app, 'TOTAL');
    await press(app, '+', 's');
    await showing(app, `saved ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('    count: 5\n');
    expect(text).toContain('# The recommender case.');
    writeFileSync(file, `${text}# touched by someone else\n`);
    await press(app, '+', 's');
    await showing(app, 'the file changed on disk since it was opened; overwrite it? y / n');
    await press(app, 'n');
    expect(readFileSync(file, 'utf8')).toContain('touched by someone else');
    await press(app, 's', 'y');
    await showing(app, `saved ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('    count: 6\n');
  });

  it('s on a read-only file asks first; n leaves it, y saves through a symlink to the real file, keeping CRLF and the mode', async () => {
    const real = recsysCopy();
    writeFileSync(real, readFileSync(real, 'utf8').replace(/\n/g, '\r\n'));
    chmodSync(real, 0o444);
    const link = join(mkdtempSync(join(tmpdir(), 'tollgate-link-')), 'plan.yaml');
    symlinkSync(real, link);
    const app = open(session([link]));
    await showing(app, 'TOTAL');
    await press(app, '+', 's');
    await showing(app, 'the file is read-only; overwrite it anyway? y / n');
    await press(app, 'n');
    expect(readFileSync(real, 'utf8')).not.toContain('count: 5');
    await press(app, 's', 'y');
    await showing(app, `saved ${link}`);
    const text = readFileSync(real, 'utf8');
    expect(text).toContain('    count: 5\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o444);
  });

  it('q with unsaved changes asks first', async () => {
    const app = open();
    await showing(app, 'TOTAL');
    await press(app, '+', 'q');
    await showing(app, 'quit without saving the changes? y / n');
    await press(app, 'n');
    await showing(app, '? keys');
  });

  it('adapts to a resize', async () => {
    const app = open();
    await showing(app, 'INGRESS');
    Object.defineProperty(app.stdout, 'rows', { value: 14, configurable: true });
    app.stdout.emit('resize');
    const frame = await until(app, (f) => !f.includes('INGRESS'), 'a shorter list');
    expect(frame.split('\n').length).toBeLessThan(14);
    expect(frame).toMatch(/── ↓ \d+ below ─/);
    expect(frame).toContain('TOTAL per month');
  });
});
