import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { money } from '../../src/model/numbers.js';
import { REPO } from '../helpers.js';
import { hasTmux } from '../terminal.js';
import { P4D_RATE, SPOT_GANG, planOf, recsysCopy, scenarioFile } from './fixtures.js';

// A private tmux server per test, so the test never touches a tmux the person running it uses, and
// a test never starts its session on the previous test's server while that one is still exiting
// ("server exited unexpectedly").
let servers = 0;
const socket = () => `tollgate-e2e-${process.pid}-${servers}`;
const SESSION = 'tui';
// stderr piped, not inherited: a failed probe (has-session after quit) would print to the CI log.
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket(), ...args], { encoding: 'utf8', stdio: 'pipe' });
/** A new server for each session started. */
const startSession = (...args: string[]) => {
  servers += 1;
  return tmux('new-session', ...args);
};
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const alive = () => {
  try {
    tmux('has-session', '-t', SESSION);
    return true;
  } catch {
    return false;
  }
};

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${alive() ? screen() : '(session ended)'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const totalOn = (text: string) => /TOTAL per month\s+\$([\d,]+\.\d\d)/.exec(text)?.[1]?.replace(/,/g, '');

describe.skipIf(!hasTmux())('tollgate open in a real terminal (tmux)', () => {
  afterAll(() => {
    for (; servers > 0; servers -= 1) {
      try {
        tmux('kill-server');
      } catch {
        /* already gone: the server exits with its last session, when tollgate quits */
      }
      // The server leaves its socket file behind; it is ours, so it goes too.
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket()), { force: true });
    }
  });

  it('raises a node count, the total moves by one node × hours × rate, s saves keeping the comments', async () => {
    const cli = join(REPO, 'bin/tollgate.js');
    if (!existsSync(join(REPO, 'dist/tollgate.cjs'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    const file = recsysCopy();
    const original = readFileSync(file, 'utf8');
    // Ink only draws the last frame when it believes it runs in CI; this terminal is a real one.
    // CI=true as on the CI machine: the session must still draw every frame on a terminal.
    const command = `env CI=true ${process.execPath} ${cli} open ${file}`;
    startSession('-d', '-s', SESSION, '-x', '100', '-y', '30', command);

    const before = await waitFor('the first frame', () => totalOn(screen()));
    expect(screen()).toContain('▸ trainers');

    tmux('send-keys', '-t', SESSION, '+');
    const oneMore = new Decimal(P4D_RATE).times(200);
    const after = await waitFor('the total to change', () => {
      const t = totalOn(screen());
      return t !== undefined && t !== before ? t : undefined;
    });
    // The screen rounds each figure to cents, so the two totals may differ from the exact step by a rounding cent.
    expect(new Decimal(after).minus(before).minus(oneMore).abs().lte('0.01')).toBe(true);
    expect(screen()).toContain(`▲+${money(oneMore)} vs saved`);
    expect(money(oneMore)).toBe('$4,391.53');

    tmux('send-keys', '-t', SESSION, 's');
    await waitFor('the save message', () => (screen().includes(`saved ${file}`) ? true : undefined));
    const saved = readFileSync(file, 'utf8');
    expect(saved).toMatch(/^ {4}count: 5\n/m);
    const comments = original.split('\n').filter((l) => l.includes('#'));
    expect(comments.length).toBeGreaterThan(10);
    for (const line of comments.filter((l) => !l.includes('count: 4'))) expect(saved).toContain(line);
    expect(saved.replace(/^ {4}count: 5\n/m, '    count: 4\n')).toBe(original);

    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor('tollgate to quit', () => (alive() ? undefined : true));
  });

  it('p steps a group through the purchase options priced; the detail line shows coverage, waste and spot\'s billed hours; s saves keeping the comments', async () => {
    const cli = join(REPO, 'bin/tollgate.js');
    const original = `${SPOT_GANG}  - name: serve              # all month
    provider: aws
    region: us-east-1
    instance: p5en.48xlarge
    count: 1
commitments:
  - {name: sp, provider: aws, kind: ec2-instance-savings-plan, term: 1y, payment: no-upfront, hourly_commitment: 10, scope: {family: p5en, region: us-east-1}}
`;
    const file = scenarioFile(original);
    startSession('-d', '-s', SESSION, '-x', '100', '-y', '30', `env CI=true ${process.execPath} ${cli} open ${file}`);
    await waitFor('the first frame', () => totalOn(screen()));
    // The largest line first: serve, on demand, part of it covered by the plan.
    expect(screen()).toMatch(/▸ serve/);
    await waitFor('the coverage', () => (screen().includes('183.07 h covered by sp, 546.93 h uncovered') ? true : undefined));
    tmux('send-keys', '-t', SESSION, 'j');
    await waitFor('the commitment\'s waste', () => (screen().includes('commitment: $7,300.00 used, $0.00 waste') ? true : undefined));
    tmux('send-keys', '-t', SESSION, 'j');
    const spot = await waitFor('spot\'s billed hours', () => (/expected 107\.5, p95\s+111\.68/.test(screen()) ? screen() : undefined));
    // The month's interruption luck is sampled, not written in the file: no range to point at.
    expect(spot).not.toContain('ranges in the file');

    tmux('send-keys', '-t', SESSION, 'p');
    const bought = await waitFor('the next option', () => (screen().includes('train: savings-plan ec2-instance 1y no-upfront (option 3 of 5 priced)') ? screen() : undefined));
    expect(bought).toMatch(/▸ train\s+1,460 hour × /); // a committed option bills every hour of the month
    tmux('send-keys', '-t', SESSION, 'Down');
    tmux('send-keys', '-t', SESSION, 'Up');
    await waitFor('the detail line', () => (screen().includes('bought savings-plan ec2-instance 1y no-upfront') ? true : undefined));

    tmux('send-keys', '-t', SESSION, 's');
    // The comment on the purchase line may now be false: asked, and kept.
    await waitFor('the question', () => (screen().includes('comment now false? d drops · k keeps') ? true : undefined));
    tmux('send-keys', '-t', SESSION, 'k');
    await waitFor('the save message', () => (screen().includes(`saved ${file}`) ? true : undefined));
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('    hours: 100               # useful hours\n    purchase: savings-plan           # cheap, interruptible\n    term: 1y\n    payment: no-upfront\n    plan: ec2-instance\n  - name: serve              # all month\n');
    expect(saved).not.toMatch(/interruptions_per_hour|checkpoint_every_hours|restart_hours|gang/);
    for (const line of original.split('\n').filter((l) => l.includes('#') && !l.includes('purchase:'))) expect(saved).toContain(line);

    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor('tollgate to quit', () => (alive() ? undefined : true));
  });

  it('a fetches the month given on the command line and draws the actuals view in 80×24, on the threshold and basis given', async () => {
    const cli = join(REPO, 'bin/tollgate.js');
    const command = `env CI=true ${process.execPath} ${cli} open ${recsysCopy()} --source sample --month 2026-10 --threshold 15% --cost effective`;
    startSession('-d', '-s', SESSION, '-x', '80', '-y', '24', command);
    await waitFor('the first frame', () => totalOn(screen()));

    tmux('send-keys', '-t', SESSION, 'a');
    const view = await waitFor('the actuals view', () => (screen().includes('unplanned spend') ? screen() : undefined));
    expect(view).toMatch(/EGRESS\s+█+▓+\s+\$1,009\.02\s+\$1,175\.15\s+\+16\.5% ▲/);
    expect(view).toMatch(/STORAGE .*\+13\.3%\s*$/m); // within 15%
    expect(view).toContain('cost: effective (EffectiveCost, amortized)');
    expect(view).toContain('lines past ±15%: predictions-to-users +39.5% ▲');
    expect(view).toMatch(/daily 10-01…10-31 [▁▂▃▄▅▆▇█]{31}/);
    expect(view).toContain('NatGateway-Bytes');

    tmux('send-keys', '-t', SESSION, 'Escape');
    await waitFor('the plan again', () => totalOn(screen()));
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor('tollgate to quit', () => (alive() ? undefined : true));
  });
  it('a seven-figure plan at 80×24: every amount whole, a space between bar, amount and delta (issue 16, 2)', async () => {
    const cli = join(REPO, 'bin/tollgate.js');
    // 64 p4d.24xlarge all month: $1,025,861.03 of compute.
    const file = scenarioFile(planOf('million', 'p4d.24xlarge', 64, 150000, 300));
    startSession('-d', '-s', SESSION, '-x', '80', '-y', '24', `env CI=true ${process.execPath} ${cli} open ${file}`);
    await waitFor('the first frame', () => totalOn(screen()));
    const node = new Decimal(P4D_RATE).times(730);
    const compute = node.times(64);
    expect(money(compute)).toBe('$1,025,861.03');
    let view = screen();
    expect(view).toMatch(new RegExp(`^COMPUTE\\s+(9\\d|100)% █+░* \\${money(compute)}\\s*$`, 'm'));
    expect(view).toMatch(new RegExp(`^▸ trainers\\s+46,720 hour × \\$21\\.957642 \\${money(compute)}\\s*$`, 'm'));

    tmux('send-keys', '-t', SESSION, '+');
    view = await waitFor('the delta', () => (screen().includes('vs saved') ? screen() : undefined));
    const more = money(node.times(65));
    expect(view).toMatch(new RegExp(`^COMPUTE\\s+(9\\d|100)% █+░* \\${more} +▲\\+\\${money(node)}\\s*$`, 'm'));
    expect(view).toMatch(new RegExp(`^▸ trainers .* \\${more} +▲\\+\\${money(node)}\\s*$`, 'm'));
    for (const line of view.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    // Narrower than the session is laid out for: it says so instead of cutting figures.
    tmux('resize-window', '-t', SESSION, '-x', '72', '-y', '20');
    await waitFor('the too-small screen', () => (screen().includes('terminal too small: 72×20, needs 80×14') ? true : undefined));
    tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24');
    await waitFor('the plan again', () => totalOn(screen()));

    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor('the unsaved question', () => (screen().includes('quit without saving') ? true : undefined));
    tmux('send-keys', '-t', SESSION, 'y');
    await waitFor('tollgate to quit', () => (alive() ? undefined : true));
  });
});
