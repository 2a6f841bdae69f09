import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// A full disk cannot be made on demand: writeSync fails as it does on one (ENOSPC).
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
});

const { writeAtomic } = await import('../src/write-atomic.js');

describe('the careful writer on a full disk', () => {
  it('says the disk is full, keeps the old file and removes its temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-full-'));
    const file = join(dir, 'aws.yaml');
    writeFileSync(file, 'provider: aws\n');
    expect(() => writeAtomic(file, 'provider: aws\nas_of: x\n')).toThrow(`could not write ${file}: the disk is full (ENOSPC); nothing was changed`);
    expect(readFileSync(file, 'utf8')).toBe('provider: aws\n');
    expect(readdirSync(dir)).toEqual(['aws.yaml']);
  });
});
