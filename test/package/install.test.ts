import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';

const exec = promisify(execFile);

/**
 * The package as a user gets it: packed, installed globally into an empty prefix
 * with only its runtime dependencies, and run from a folder with no repository
 * beside it. The bundle was built by `pretest`; packing with --ignore-scripts
 * keeps `prepack` from rebuilding dist/ under the tests running beside this one.
 */
async function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const work = mkdtempSync(join(tmpdir(), 'tollgate-pack-'));
const prefix = join(work, 'prefix');
const elsewhere = mkdtempSync(join(tmpdir(), 'tollgate-user-'));
const bin = join(prefix, 'bin', 'tollgate');
const installed = join(prefix, 'lib', 'node_modules', 'tollgate');
let tarball = '';

describe('the packed package', () => {
  beforeAll(async () => {
    const packed = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], REPO);
    expect(packed.code, packed.stderr).toBe(0);
    tarball = join(work, packed.stdout.trim().split('\n').pop()!);
    // --prefer-offline: the dependencies come from the npm cache when it has them.
    const inst = await run('npm', ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
    expect(inst.code, inst.stderr).toBe(0);
  }, 300_000);

  it('builds before packing, and ships the bundle, tables, examples and licence but not the tests', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepack).toMatch(/npm run build/);
    expect(existsSync(join(installed, 'dist', 'tollgate.cjs'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'pricing-compiled'))).toBe(true);
    for (const f of ['LICENSE', 'README.md', 'pricing/aws.yaml', 'scenarios/schema.json', 'scenarios/recsys-feature-store.yaml']) {
      expect(existsSync(join(installed, f)), f).toBe(true);
    }
    for (const f of ['test', 'src', 'scripts', 'tsconfig.json']) expect(existsSync(join(installed, f)), f).toBe(false);
    expect(readdirSync(join(installed, 'dist')).some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('installs only what the bundle leaves outside it: the cloud SDKs and DuckDB', async () => {
    const modules = readdirSync(join(installed, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['@aws-sdk', '@duckdb', '@google-cloud']));
    for (const bundled of ['ink', 'react', 'zod', 'yaml', 'esbuild', 'vitest', 'typescript']) expect(modules).not.toContain(bundled);
  });

  it('runs --version and estimates a bundled example from another folder', async () => {
    const version = await run(bin, ['--version'], elsewhere);
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}\n` });
    const est = await run(bin, ['estimate', join(installed, 'scenarios', 'azure-training.yaml'), '--format', 'json'], elsewhere);
    expect(est.code, est.stderr).toBe(0);
    expect(JSON.parse(est.stdout).totals.total).toBe('14775.988');
  });

  it('writes a plan with init there and estimates it', async () => {
    const init = await run(bin, ['init', 'plan.yaml', '--provider', 'gcp', '--gpus', '16'], elsewhere);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('wrote plan.yaml');
    // The schema line points at the installed package's schema, for editors.
    expect(readFileSync(join(elsewhere, 'plan.yaml'), 'utf8')).toMatch(/\$schema=.*node_modules\/tollgate\/scenarios\/schema\.json/);
    const est = await run(bin, ['estimate', 'plan.yaml', '--format', 'json'], elsewhere);
    expect(est.code, est.stderr).toBe(0);
    // 2 × a3-highgpu-8g × 730 h × $88.490000119
    expect(JSON.parse(est.stdout).totals.total).toBe('129195.40017374');
  });

  it('reads a FOCUS export with the installed DuckDB (the sample bill)', async () => {
    const act = await run(bin, ['actuals', join(installed, 'scenarios', 'recsys-feature-store.yaml'), '--month', '2026-10', '--source', 'sample', '--format', 'json'], elsewhere);
    expect(act.code, act.stderr).toBe(4); // the sample's egress drifts past 10% on purpose
    expect(JSON.parse(act.stdout).total.actual).toBe('23199.360883104');
  });

  it('runs from the tarball through npx', async () => {
    const npx = await run('npm', ['exec', '--yes', '--prefer-offline', `--package=${tarball}`, '--', 'tollgate', '--version'], elsewhere);
    expect(npx.code, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 300_000);
});
