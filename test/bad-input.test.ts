import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tollgate } from './cli-run.js';
import { REPO } from './helpers.js';

const DIR = join(REPO, 'test', 'bad-input');

/**
 * Every file in test/bad-input/ is a broken scenario (some through a broken
 * pricing override). Its last lines say the error it must produce:
 *   # expect: FILE:LINE:COL: error: MESSAGE
 *   # hint: SUGGESTION            (where there is one)
 * or, for a plan that is valid but likely not what was meant (it still prices, exit 0):
 *   # expect: FILE:LINE:COL: warning: MESSAGE
 */
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const expectLine = /^# expect: (.*)$/m.exec(text)?.[1];
    const hint = /^# hint: (.*)$/m.exec(text)?.[1];
    return { file, expectLine, hint };
  });
const errors = cases.filter((c) => !c.expectLine?.includes(': warning: '));
const warnings = cases.filter((c) => c.expectLine?.includes(': warning: '));

/** The fake secrets of pricing/secrets.env, a .env file named as a pricing file: no message may echo them. */
const SECRETS = readFileSync(join(DIR, 'pricing', 'secrets.env'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.slice(l.indexOf('=') + 1));

describe('bad input: exit 2, one located message, a hint, never a stack trace', () => {
  it('has at least 40 broken files, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(c.expectLine, c.file).toMatch(/^\S+\.(yaml|env):\d+:\d+: (error|warning): /);
  });

  it.concurrent.each(errors)('$file', async ({ file, expectLine, hint }) => {
    const { code, stdout, stderr } = await tollgate(['estimate', file], { cwd: DIR });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(expectLine);
    if (hint) expect(lines[1]).toBe(`  hint: ${hint}`);
    expect(lines.filter((l) => !l.startsWith('  hint: '))).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
    for (const secret of SECRETS) expect(stderr).not.toContain(secret.slice(0, 12));
  });
});

describe('valid plans that are likely not what was meant: a located warning on stderr, the estimate still on stdout', () => {
  it.concurrent.each(warnings)('$file', async ({ file, expectLine, hint }) => {
    const { code, stdout, stderr } = await tollgate(['estimate', file, '--format', 'json'], { cwd: DIR });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).lines.length).toBeGreaterThan(0);
    const lines = stderr.split('\n');
    const at = lines.indexOf(expectLine!);
    expect(at, stderr).toBeGreaterThanOrEqual(0);
    if (hint) expect(lines[at + 1]).toBe(`  hint: ${hint}`);
  });
});
