import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { REPO } from '../helpers.js';
import { RECSYS, SMALL, scenarioFile } from './fixtures.js';

function io(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => ((out += s), true), isTTY: false } as unknown as Io['stdout'],
    stderr: { write: (s: string) => ((err += s), true) } as unknown as Io['stderr'],
    stdin: { isTTY: false } as unknown as Io['stdin'],
    version: 'test',
    out: () => out,
    err: () => err,
  };
}

describe('tollgate open without a terminal', () => {
  it('prints the static estimate table and exits 0 instead of opening the session', async () => {
    const t = io();
    expect(await main(['open', RECSYS], t)).toBe(0);
    expect(t.out()).toContain('TOTAL per month');
    expect(t.out()).toContain('$23,262.08');
  });

  it('is the default verb: a bare scenario file opens too', async () => {
    const t = io();
    expect(await main([scenarioFile(SMALL)], t)).toBe(0);
    expect(t.out()).toContain('small · monthly projection');
  });

  it('with no scenario opens the bundled example, from any folder', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'bin/tollgate.js')], { cwd: tmpdir(), encoding: 'utf8', timeout: 10_000, input: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('recsys-feature-store · monthly projection');
  });

  it('reports scenario errors as file:line:col with exit code 2, before any screen', async () => {
    const file = scenarioFile(SMALL.replace('instance: m7i.xlarge', 'instance: m7i.xlage'));
    const t = io();
    expect(await main(['open', file], t)).toBe(2);
    expect(t.err()).toMatch(new RegExp(`^${file}:\\d+:\\d+: error: unknown aws instance type "m7i.xlage"`));
    expect(t.err()).toContain('m7i.xlarge');
  });

  it('refuses a --month that is not YYYY-MM before any screen (exit 2)', async () => {
    const t = io();
    expect(await main(['open', RECSYS, '--actuals-source', 'sample', '--month', '2026-13'], t)).toBe(2);
    expect(t.err()).toContain('--month "2026-13" is not YYYY-MM');
  });

  it.each([
    [['--cost', 'amortized'], '--cost takes billed or effective, not "amortized"'],
    [['--threshold', '15'], '--threshold "15" is not a percentage (e.g. 10%)'],
    [['--source', 'gcp', '--cost', 'effective'], 'no amortized cost column'],
    [['--source', 'sample', '--actuals-source', 'aws'], 'give --source or --actuals-source, not both'],
    [['--month', '2099-01'], '--month 2099-01 has not started yet'],
  ])('refuses the actuals options as `tollgate actuals` does, before any screen (exit 2): %j', async (options, message) => {
    const t = io();
    expect(await main(['open', RECSYS, ...options], t)).toBe(2);
    expect(t.err()).toContain(message);
  });

  it('opens at most four scenarios', async () => {
    const t = io();
    expect(await main(['open', RECSYS, RECSYS, RECSYS, RECSYS, RECSYS], t)).toBe(2);
    expect(t.err()).toMatch(/at most 4 scenarios/);
  });

  it('the built CLI in a pipe neither hangs nor starts the session (Ink, React, Yoga)', () => {
    // The bundle is one file whose modules run when first imported: Ink's layout engine,
    // Yoga, instantiates its WebAssembly as its module runs. Count the instances made.
    const count = `const I = WebAssembly.Instance; WebAssembly.Instance = function (...a) { process.stderr.write('WASM INSTANCE\\n'); return new I(...a); };`;
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(count)}`, join(REPO, 'bin/tollgate.js'), 'open', RECSYS], {
      encoding: 'utf8',
      timeout: 10_000,
      input: '',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('TOTAL per month');
    expect(r.stderr).not.toContain('WASM INSTANCE');
  });
});
