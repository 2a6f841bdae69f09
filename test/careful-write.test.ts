import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable, WriteError, writeAtomic } from '../src/write-atomic.js';

const folder = () => mkdtempSync(join(tmpdir(), 'tollgate-write-'));

describe('the careful writer', () => {
  it('writes through a symlink to the real file, and the link stays a link', () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.yaml'), 'name: old\n');
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    writeAtomic(join(dir, 'link.yaml'), 'name: new\n');
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe('name: new\n');
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.yaml', 'real.yaml']);
  });

  it('keeps the mode of the file it replaces (a 0600 table stays 0600)', () => {
    const dir = folder();
    const file = join(dir, 'aws.yaml');
    writeFileSync(file, 'provider: aws\n');
    chmodSync(file, 0o600);
    writeAtomic(file, 'provider: aws\nas_of: "2026-12-01"\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('gives a new file the mode asked for, whatever the umask', () => {
    const file = join(folder(), 'cache.json');
    writeAtomic(file, '{}', { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
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
