import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';

/**
 * Files that are not ordinary scenario text: devices, pipes, huge files,
 * other encodings. Each must end quickly in one located message, exit 2 —
 * never a hang, never memory growing without bound.
 */
const SCENARIO = `name: x
nodes:
  - {name: a, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1}
`;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'tollgate-hostile-'));
}

async function estimate(dir: string, file: string, env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const r = await tollgate(['estimate', file], { cwd: dir, env });
  return { ...r, ms: Date.now() - started };
}

function expectOneError(r: { code: number; stdout: string; stderr: string }, first: string, hint?: string) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(first);
  if (hint) expect(lines[1]).toBe(`  hint: ${hint}`);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('hostile files', () => {
  it('refuses a scenario that is a symlink to /dev/zero (it would never end)', async () => {
    const dir = folder();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const r = await estimate(dir, 'zero.yaml');
    expectOneError(r, 'zero.yaml: error: is a device, not a regular file; tollgate reads only regular files');
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = await estimate(dir, 'pipe.yaml');
    expectOneError(r, 'pipe.yaml: error: is a pipe (FIFO), not a regular file; tollgate reads only regular files');
  });

  it('refuses a pricing file named by a scenario that is a device', async () => {
    const dir = folder();
    symlinkSync('/dev/zero', join(dir, 'rates.yaml'));
    writeFileSync(join(dir, 's.yaml'), `${SCENARIO}pricing: [./rates.yaml]\n`);
    const r = await estimate(dir, 's.yaml');
    expectOneError(r, `rates.yaml: error: is a device, not a regular file; tollgate reads only regular files`);
  });

  it('refuses a file past the 5 MB cap with a clear message, and TOLLGATE_MAX_FILE_SIZE raises the cap', async () => {
    const dir = folder();
    // 6 MB of comments after a valid scenario: too big, though harmless.
    writeFileSync(join(dir, 'big.yaml'), SCENARIO + `# ${'x'.repeat(1000)}\n`.repeat(6 * 1024));
    const r = await estimate(dir, 'big.yaml');
    expectOneError(r, 'big.yaml: error: is 5.9 MB, larger than the 5.0 MB tollgate reads (a scenario or pricing table is a few KB)', 'check this is the file you meant; to read a larger one set TOLLGATE_MAX_FILE_SIZE (e.g. 50MB)');
    const raised = await estimate(dir, 'big.yaml', { TOLLGATE_MAX_FILE_SIZE: '10MB' });
    expect(raised.stderr).toBe('');
    expect(raised.code).toBe(0);
  });

  it('names UTF-16 (with or without a byte order mark) and UTF-32 instead of "expected a mapping"', async () => {
    const dir = folder();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCENARIO, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(join(dir, 'le.yaml'), le);
    writeFileSync(join(dir, 'be.yaml'), be);
    writeFileSync(join(dir, 'nobom.yaml'), Buffer.from(SCENARIO, 'utf16le'));
    writeFileSync(join(dir, 'utf32.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x6e, 0, 0, 0]));
    const hint = 'save it as UTF-8 (in most editors: Save with Encoding → UTF-8)';
    for (const f of ['le.yaml', 'be.yaml', 'nobom.yaml']) expectOneError(await estimate(dir, f), `${f}:1:1: error: this file is UTF-16; tollgate reads UTF-8`, hint);
    expectOneError(await estimate(dir, 'utf32.yaml'), 'utf32.yaml:1:1: error: this file is UTF-32; tollgate reads UTF-8', hint);
  });

  it('reads a UTF-8 file with a byte order mark', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SCENARIO)]));
    const r = await estimate(dir, 'bom.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('checks 100,000 unknown keys in linear time (the duplicate-key check was quadratic: minutes)', { timeout: 60_000 }, async () => {
    const dir = folder();
    writeFileSync(join(dir, 'keys.yaml'), `name: x\n${Array.from({ length: 100_000 }, (_, i) => `k${i}: 1\n`).join('')}`);
    const r = await estimate(dir, 'keys.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('keys.yaml:2:1: error: top level: unknown key "k0"');
    expect(r.stderr).toContain('… and 99980 more errors');
    // Seconds on a loaded machine; the quadratic check took over a minute.
    expect(r.ms).toBeLessThan(30_000);
  });
});
