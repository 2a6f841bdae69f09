import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKeyOf } from '../../src/boot.js';
import { REPO } from '../helpers.js';

describe('start-up from the code cache (src/boot.ts)', () => {
  it('names a cache by what the command line runs', () => {
    expect(cacheKeyOf(['estimate', 'a.yaml'], false)).toBe('estimate');
    expect(cacheKeyOf(['pricing', 'show'], true)).toBe('pricing-tty');
    expect(cacheKeyOf(['plan.yaml'], true)).toBe('open-tty');
    expect(cacheKeyOf([], false)).toBe('open');
    expect(cacheKeyOf(['--version'], false)).toBe('help');
    expect(cacheKeyOf(['estimate', '--help'], true)).toBe('help');
    expect(cacheKeyOf(['help', 'estimate'], false)).toBe('help');
  });

  it('writes the cache after the first run that succeeds, runs the same from it, and survives a broken one', () => {
    const cache = mkdtempSync(join(tmpdir(), 'tollgate-code-cache-'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO, 'bin/tollgate.js'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, TOLLGATE_CACHE_DIR: cache } });
    const est = ['estimate', 'scenarios/recsys-feature-store.yaml', '--format', 'json'];

    expect(run('estimate', 'no-such-file.yaml').status).toBe(2);
    expect(readdirSync(cache)).toEqual([]); // a failed run leaves no cache

    const first = run(...est);
    expect(first.status, first.stderr).toBe(0);
    const build = readFileSync(join(REPO, 'dist/tollgate.cjs'), 'latin1').slice(0, 100).match(/^\/\/ build ([0-9a-f]{16})\n/)?.[1];
    const files = readdirSync(join(cache, 'code'));
    expect(files).toEqual([`${build}-${process.version}-${process.arch}-estimate.bin`]);

    const second = run(...est);
    expect(second.stdout).toBe(first.stdout);

    // V8 refuses a cache that is not its own; the run compiles and writes a good one.
    writeFileSync(join(cache, 'code', files[0]!), 'not a code cache');
    const third = run(...est);
    expect(third.stdout).toBe(first.stdout);
    expect(readFileSync(join(cache, 'code', files[0]!)).length).toBeGreaterThan(100_000);
  });
});
