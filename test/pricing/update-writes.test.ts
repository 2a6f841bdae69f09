import { chmodSync, copyFileSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FROZEN_PRICING } from '../helpers.js';
import { azureServerPerTest } from './api-servers.js';
import { runMain } from './run-main.js';

/**
 * Where `pricing update` writes: checked before the API is called, written through links with the file's mode kept.
 * On the frozen copy of the Azure table, whose rows the local API's sample payloads restate.
 */
describe('pricing update writes the table carefully', () => {
  const server = azureServerPerTest();
  const dir = () => mkdtempSync(join(tmpdir(), 'tollgate-update-write-'));

  it('a missing folder is said plainly before any API call, not "internal error … This is a bug"', async () => {
    const out = join(dir(), 'no-such-folder', 'azure.yaml');
    const r = await runMain(['pricing', 'update', 'azure', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`tollgate: could not write ${out}: its folder does not exist (ENOENT); nothing was changed\n`);
    expect(server().requests).toHaveLength(0);
  });

  it('keeps a 0600 table 0600 and writes through a symlink to the real file', async () => {
    const d = dir();
    const real = join(d, 'real-azure.yaml');
    copyFileSync(join(FROZEN_PRICING, 'azure.yaml'), real);
    chmodSync(real, 0o600);
    symlinkSync('real-azure.yaml', join(d, 'azure.yaml'));
    const r = await runMain(['pricing', 'update', 'azure', '--out', join(d, 'azure.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'azure.yaml')).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readFileSync(real, 'utf8')).toContain('on_demand: {eastus: 98.32, westeurope: 100.1}');
    expect(readdirSync(d).sort()).toEqual(['azure.yaml', 'real-azure.yaml']);
  });

  it('refuses a read-only table without a terminal to ask on, before any API call', async () => {
    const d = dir();
    const out = join(d, 'azure.yaml');
    copyFileSync(join(FROZEN_PRICING, 'azure.yaml'), out);
    chmodSync(out, 0o444);
    const before = readFileSync(out, 'utf8');
    const r = await runMain(['pricing', 'update', 'azure', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is read-only; not overwritten (make it writable, or use --out FILE)');
    expect(server().requests).toHaveLength(0);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('keeps CRLF line endings of a table saved on Windows', async () => {
    const out = join(dir(), 'azure.yaml');
    writeFileSync(out, readFileSync(join(FROZEN_PRICING, 'azure.yaml'), 'utf8').replace(/\n/g, '\r\n'));
    const r = await runMain(['pricing', 'update', 'azure', '--out', out, '--format', 'json']);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('on_demand: {eastus: 98.32, westeurope: 100.1}\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
