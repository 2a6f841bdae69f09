import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../src/write-atomic.js';

const folder = () => mkdtempSync(join(tmpdir(), 'tollgate-atomic-'));
const modeOf = (f: string) => statSync(f).mode & 0o777;

describe('writeAtomic', () => {
  it('keeps the mode of the file it replaces', () => {
    const dir = folder();
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    writeAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(modeOf(file)).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('sets the mode it is given, whatever the umask', () => {
    const dir = folder();
    const file = join(dir, 'cache.json');
    writeAtomic(file, '{}', { mode: 0o600 });
    expect(modeOf(file)).toBe(0o600);
  });

  it('removes its temp file and leaves the old file when the rename fails', () => {
    const dir = folder();
    // A folder where the file should be: the temp file is written, the rename over it fails.
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'kept');
    expect(() => writeAtomic(target, 'text')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
  });
});
