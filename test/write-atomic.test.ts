import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable, WriteError, writeAtomic } from '../src/write-atomic.js';

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

describe('writeAtomic, carefully', () => {
  it('writes through a symlink to the real file, and the link stays a link', () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.yaml'), 'name: old\n');
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    writeAtomic(join(dir, 'link.yaml'), 'name: new\n');
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe('name: new\n');
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.yaml', 'real.yaml']);
  });

  it('keeps CRLF line endings: a key added with \\n gets \\r\\n like the rest', () => {
    const file = join(folder(), 'plan.yaml');
    writeFileSync(file, 'name: x\r\nnodes: []\r\n');
    writeAtomic(file, 'name: x\r\nnodes: []\r\ndescription: added\n');
    expect(readFileSync(file, 'utf8')).toBe('name: x\r\nnodes: []\r\ndescription: added\r\n');
  });

  it('refuses a read-only file unless told to replace it, and then keeps it read-only', () => {
    const file = join(folder(), 'plan.yaml');
    writeFileSync(file, 'name: x\n');
    chmodSync(file, 0o444);
    expect(checkWritable(file).readOnly).toBe(true);
    expect(() => writeAtomic(file, 'name: y\n')).toThrow(WriteError);
    expect(readFileSync(file, 'utf8')).toBe('name: x\n');
    writeAtomic(file, 'name: y\n', { readOnly: 'replace' });
    expect(readFileSync(file, 'utf8')).toBe('name: y\n');
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('says plainly when the folder is missing or is a file, and leaves nothing behind', () => {
    const dir = folder();
    expect(() => writeAtomic(join(dir, 'no', 'such', 'x.yaml'), 'a')).toThrow(`could not write ${join(dir, 'no', 'such', 'x.yaml')}: its folder does not exist (ENOENT); nothing was changed`);
    writeFileSync(join(dir, 'file'), '');
    expect(() => writeAtomic(join(dir, 'file', 'x.yaml'), 'a')).toThrow(/part of its path is not a folder \(ENOTDIR\)/);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
