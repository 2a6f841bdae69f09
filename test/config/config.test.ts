import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';
import { tollgate } from '../cli-run.js';

/**
 * A project with tollgate.yml at its root, a user config under XDG_CONFIG_HOME,
 * and commands run two folders down, as someone working in the project would.
 */
function project(files: { project?: string; user?: string; extra?: Record<string, string> }) {
  const root = mkdtempSync(join(tmpdir(), 'tollgate-config-'));
  const cwd = join(root, 'plans', 'q4');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(join(root, 'xdg', 'tollgate'), { recursive: true });
  if (files.project !== undefined) writeFileSync(join(root, 'tollgate.yml'), files.project);
  if (files.user !== undefined) writeFileSync(join(root, 'xdg', 'tollgate', 'config.yml'), files.user);
  for (const [name, text] of Object.entries(files.extra ?? {})) writeFileSync(join(root, name), text);
  const env = { XDG_CONFIG_HOME: join(root, 'xdg'), TOLLGATE_FORMAT: '', TOLLGATE_THRESHOLD: '', TOLLGATE_ACTUALS_SOURCE: '', TOLLGATE_PRICING_MAX_AGE_DAYS: '' };
  const run = (args: string[], more: NodeJS.ProcessEnv = {}) => tollgate(args, { cwd, env: { ...env, ...more } });
  return { root, cwd, run };
}

const AZURE = join(REPO, 'scenarios', 'azure-training.yaml');
const settingsOf = async (p: ReturnType<typeof project>, env: NodeJS.ProcessEnv = {}) => {
  const r = await p.run(['config', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { settings: Record<string, { value: unknown; from: string }>; files: { project?: string } };
};

describe('settings: flags > environment > project > user > defaults', () => {
  const files = {
    user: 'format: markdown\nactuals:\n  threshold: 20%\nmax_age: 7\n',
    project: '# the team defaults\nformat: json\nactuals:\n  source: sample\n',
  };

  it('tollgate config says each value and where it came from, to the line and column', async () => {
    const p = project(files);
    const { settings, files: found } = await settingsOf(p, { TOLLGATE_THRESHOLD: '5%' });
    expect(found.project).toBe(join(p.root, 'tollgate.yml'));
    expect(settings.format).toEqual({ value: 'json', from: `${join(p.root, 'tollgate.yml')}:2:9` });
    expect(settings['actuals.source']).toEqual({ value: 'sample', from: `${join(p.root, 'tollgate.yml')}:4:11` });
    expect(settings['actuals.threshold']).toEqual({ value: '5%', from: 'TOLLGATE_THRESHOLD' });
    expect(settings.max_age).toEqual({ value: '7', from: `${join(p.root, 'xdg', 'tollgate', 'config.yml')}:4:10` });
    expect(settings.pricing).toEqual({ value: [], from: 'default' });
  });

  it('each layer gives way to the one above it', async () => {
    const p = project(files);
    const head = async (args: string[], env: NodeJS.ProcessEnv = {}) => (await p.run(['estimate', AZURE, ...args], env)).stdout.split('\n')[0];
    expect(await head([])).toBe('{'); // project: json, over the user's markdown
    expect(await head([], { TOLLGATE_FORMAT: 'csv' })).toMatch(/^scenario,kind,name/); // environment over project
    expect(await head(['--format', 'markdown'], { TOLLGATE_FORMAT: 'csv' })).toMatch(/^### azure-training/); // flag over all
    const userOnly = project({ user: files.user });
    expect((await userOnly.run(['estimate', AZURE])).stdout).toMatch(/^### azure-training/); // user over the default
    const none = project({});
    const plain = await none.run(["estimate", AZURE]);
    expect(plain.stdout, plain.stderr).toMatch(/^azure-training · monthly projection/);
  });

  it('max_age: the environment variable over the user file, the flag over both', async () => {
    const p = project(files); // the user's max_age: 7
    const warned = async (args: string[], env: NodeJS.ProcessEnv = {}) => (await p.run(['estimate', AZURE, '--format', 'json', ...args], env)).stderr;
    // azure's table is as_of 2026-11-09, 16 days before the pinned clock
    expect(await warned([])).toContain('pricing/azure.yaml prices are 16 days old (as_of 2026-11-09, older than 7 days)');
    expect(await warned([], { TOLLGATE_PRICING_MAX_AGE_DAYS: '30' })).toBe('');
    expect(await warned(['--max-age', '10'], { TOLLGATE_PRICING_MAX_AGE_DAYS: '30' })).toContain('older than 10 days');
  });

  it("the project's actuals source and the user's threshold decide the check; the flag wins over both", async () => {
    const p = project(files);
    const recsys = join(REPO, 'scenarios', 'recsys-feature-store.yaml');
    const byConfig = await p.run(['actuals', recsys, '--month', '2026-10', '--format', 'json']);
    expect(byConfig.code, byConfig.stderr).toBe(0); // the sample's egress drift (+19.8%) is inside the user's 20%
    expect(JSON.parse(byConfig.stdout)).toMatchObject({ threshold: '0.2', source: expect.stringContaining('sample bill') });
    const byFlag = await p.run(['actuals', recsys, '--month', '2026-10', '--format', 'json', '--threshold', '10%']);
    expect(byFlag.code).toBe(4);
  });

  it('pricing files from the configs add up, relative to their file, with --pricing on top', async () => {
    const negotiated = (rate: string) => `provider: azure\nas_of: "2026-11-01"\nsource: test contract\ninstances:\n  Standard_ND96isr_H100_v5:\n    on_demand: {eastus: ${rate}}\n`;
    const p = project({ project: 'pricing: [rates/negotiated.yaml]\n', extra: { 'cheaper.yaml': negotiated('60') } });
    mkdirSync(join(p.root, 'rates'));
    writeFileSync(join(p.root, 'rates', 'negotiated.yaml'), negotiated('80'));
    const total = async (args: string[]) => {
      const r = await p.run(['estimate', AZURE, '--format', 'json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).totals.total;
    };
    // 144 h × $80 (not $98.32) + 4 × 24 h × $3.673 + $265.30 egress; then 144 h × $60
    expect(await total([])).toBe('12137.908');
    expect(await total(['--pricing', join(p.root, 'cheaper.yaml')])).toBe('9257.908');
  });

  it('scenario globs name the plans when a verb is given none', async () => {
    const p = project({ project: `scenarios: ["${join(REPO, 'scenarios')}/azure-*.yaml", "${join(REPO, 'scenarios')}/cross-*.yaml"]\nformat: json\n` });
    const r = await p.run(['check']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).scenarios.map((s: { scenario: string }) => s.scenario)).toEqual(['azure-training', 'cross-region-replication']);
    const none = project({ project: 'scenarios: ["nothing/*.yaml"]\n' });
    const empty = await none.run(['estimate']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the scenarios globs \(.*tollgate\.yml:1:12\) match no file/);
  });

  it('a bad config file is file:line:col with a suggestion, exit 2, for every verb', async () => {
    const p = project({ project: 'format: jsn\nactuals:\n  treshold: 5%\n' });
    for (const args of [['estimate', AZURE], ['config']]) {
      const r = await p.run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('tollgate.yml:1:9: error: format: unknown format "jsn" (one of table, json, csv, markdown)\n  hint: did you mean json?');
      expect(r.stderr).toMatch(/tollgate\.yml:3:3: error: .*unknown key "treshold"\n  hint: did you mean threshold\?/);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('a config file is read like a scenario: a UTF-16 tollgate.yml is named, not parsed into nonsense (issue 19)', async () => {
    const p = project({});
    writeFileSync(join(p.root, 'tollgate.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('format: json\n', 'utf16le')]));
    const r = await p.run(['config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tollgate\.yml.*UTF-16/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("a format a verb does not take says it came from the config", async () => {
    const p = project({ project: 'format: csv\n' });
    const r = await p.run(['check', AZURE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown --format "csv".*\(--format set by .*tollgate\.yml:1:9\)/);
  });
});
