import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/model/scenario.js';
import { AnswerError, chooseNodes, scenarioYaml } from '../../src/init/plan.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { BIN, tollgate } from '../cli-run.js';
import { hasTmux, Terminal } from '../terminal.js';

const tables = loadPricingBook(PROVIDERS, []).tables;
const dir = () => mkdtempSync(join(tmpdir(), 'tollgate-init-'));

describe('choosing the node group for a GPU count', () => {
  it('fills the largest node size the total reaches, and rounds the node count up', () => {
    expect(chooseNodes(tables.gcp!, 'us-central1', 'H100', 16)).toEqual({ instance: 'a3-highgpu-8g', gpusPerNode: 8, count: 2 });
    expect(chooseNodes(tables.gcp!, 'us-central1', 'H100', 12)).toEqual({ instance: 'a3-highgpu-8g', gpusPerNode: 8, count: 2 });
    // a3-highgpu-1g/-2g/-4g are sold as spot only (the catalog's correction): 4 H100s on demand take one 8-GPU node.
    expect(chooseNodes(tables.gcp!, 'us-central1', 'H100', 4)).toEqual({ instance: 'a3-highgpu-8g', gpusPerNode: 8, count: 1 });
    // Only 8-GPU nodes carry B200 in AWS: two GPUs still take one whole node.
    expect(chooseNodes(tables.aws!, 'us-east-1', 'B200', 2)).toEqual({ instance: 'p6-b200.48xlarge', gpusPerNode: 8, count: 1 });
    // H100 also comes as a 1-GPU p5.4xlarge since the catalog grew: two GPUs are two of those.
    expect(chooseNodes(tables.aws!, 'us-east-1', 'H100', 2)).toEqual({ instance: 'p5.4xlarge', gpusPerNode: 1, count: 2 });
  });

  it('names the GPU models a region has when the one asked is not there', () => {
    expect(() => chooseNodes(tables.aws!, 'us-east-1', 'H10', 8)).toThrow(
      /did you mean H100\?.*priced there: A100, A100-80GB, A10G, B200, H100, H200, Inferentia2, L4, L40S, RTX-PRO-6000, Trainium$/,
    );
    expect(() => chooseNodes(tables.aws!, 'us-east-1', 'H10', 8)).toThrow(AnswerError);
  });

  it('refuses a feature store in a cloud whose storage the tables do not price', () => {
    const answers = { name: 'p', provider: 'azure' as const, region: 'eastus', gpu: 'H100', gpus: 8, hours: 10, storeGb: 100, storeAt: 'azure:eastus' };
    expect(() => scenarioYaml(answers, tables, 'schema.json')).toThrow(/no azure storage class is priced/);
  });
});

describe('tollgate init without a terminal', () => {
  it('writes a commented plan from the flags that estimate prices at once, to the cent worked out by hand', async () => {
    const file = join(dir(), 'gcp-trainers.yaml');
    const flags = ['--provider', 'gcp', '--gpus', '16', '--store-gb', '20000', '--store-at', 'aws:us-east-1', '--read-gb-per-day', '300', '--budget', '150000'];
    const init = await tollgate(['init', file, ...flags]);
    expect(init.code, init.stderr).toBe(0);
    // 2 × a3-highgpu-8g × 730 h × $88.490000119 (shown $88.49) + 20,000 GB × $0.023 + (9,000 − 100 free) GB × $0.09
    expect(init.stdout).toContain('$130,456.40/month projected');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*scenarios\/schema\.json$/m);
    expect(text).toContain('name: gcp-trainers');
    expect(text).toMatch(/instance: a3-highgpu-8g +# 8× H100 per node/);
    expect(text).toMatch(/from: aws:us-east-1\n +to: gcp:us-central1\n +gb_per_day: 300/);
    const est = await tollgate(['estimate', file, '--format', 'json']);
    expect(est.code, est.stderr).toBe(0);
    expect(JSON.parse(est.stdout).totals.total).toBe('130456.40017374');
    expect((await tollgate(['check', file])).code).toBe(0);
  });

  it('writes a plan from the defaults alone: 8 H100 on AWS all month', async () => {
    const cwd = dir();
    const init = await tollgate(['init'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    const text = readFileSync(join(cwd, 'plan.yaml'), 'utf8');
    expect(text).toMatch(/provider: aws\n +region: us-east-1\n +instance: p5.48xlarge/);
    // 1 × 730 h × $55.04
    expect(init.stdout).toContain('wrote plan.yaml: $40,179.20/month projected');
  });

  it('refuses to overwrite a file unless --force, leaving it as it was', async () => {
    const file = join(dir(), 'mine.yaml');
    writeFileSync(file, '# my own plan\n');
    const again = await tollgate(['init', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('mine.yaml exists; pass --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe('# my own plan\n');
    const forced = await tollgate(['init', file, '--force', '--gpus', '1', '--gpu', 'L4', '--provider', 'gcp']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/instance: g2-standard-4/);
  });

  it('says which flag is wrong or missing, exit 2, nothing written', async () => {
    const cwd = dir();
    const bad = await tollgate(['init', '--region', 'us-east-9'], { cwd });
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/--region: aws region "us-east-9" is not priced \(did you mean us-east-1\?\)/);
    const missing = await tollgate(['init', '--store-gb', '500', '--store-at', 'gcp:us-central1'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--read-gb-per-day is needed');
    expect(() => readFileSync(join(cwd, 'plan.yaml'))).toThrow();
  });
});

describe.skipIf(!hasTmux())('tollgate init on a terminal (tmux)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  const start = (cwd: string, args: string) => {
    term = new Terminal(`sh -c '${process.execPath} ${BIN} init ${args}; echo "[exit $?]"; sleep 60'`, { cwd, width: 160 });
    return term;
  };
  const ask = async (t: Terminal, question: RegExp, answer: string) => {
    // tmux trims the prompt's trailing space: the question is the screen's last non-empty line.
    await t.waitFor(`the question ${question}`, (s) => question.test(s.trimEnd().split('\n').pop() ?? ''));
    t.line(answer);
  };

  it('asks each question with the priced choices, re-asks after a bad answer, and writes a plan estimate prices', async () => {
    const cwd = dir();
    const t = start(cwd, 'asked.yaml');
    await ask(t, /^Cloud provider \(aws, gcp, azure\) \[aws\]:$/, 'gcp');
    await ask(t, /^Region \(priced: us-central1, .*\) \[us-central1\]:$/, '');
    await ask(t, /^GPU model \(priced in us-central1: .*H100.*\) \[H100\]:$/, 'H10');
    await t.waitFor('the hint', (s) => s.includes('did you mean H100?'));
    await ask(t, /^GPU model .*:$/, 'H100');
    await ask(t, /^How many GPUs in total \[8\]:$/, 'sixteen');
    await t.waitFor('the complaint', (s) => s.includes('expected a whole number above 0, not "sixteen"'));
    await ask(t, /^How many GPUs in total \[8\]:$/, '16');
    await ask(t, /^Hours each node runs per month .*\[730\]:$/, '300');
    await ask(t, /^Feature store size in GB \(0 for none\) \[0\]:$/, '8000');
    await ask(t, /^Where the feature store lives, provider:region \[gcp:us-central1\]:$/, 'aws:us-east-1');
    await ask(t, /^GB the nodes read from the store per day:$/, '250');
    await ask(t, /^Monthly budget in USD \(empty for none\):$/, '60000');
    const done = await t.waitFor('the exit', (s) => s.includes('[exit '));
    expect(done).toContain('[exit 0]');
    // 2 × 300 h × $88.490000119 + 8,000 GB × $0.023 + (7,500 − 100) GB × $0.09: the README's first scenario
    expect(done).toContain('wrote asked.yaml: $53,944.00/month projected');
    const est = await tollgate(['estimate', join(cwd, 'asked.yaml'), '--format', 'json']);
    expect(JSON.parse(est.stdout).totals.total).toBe('53944.0000714');
  });

  it('asks before overwriting, and leaves the file alone on no', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'plan.yaml'), '# keep me\n');
    const t = start(cwd, '');
    await ask(t, /^plan\.yaml exists\. Overwrite it\? \(y\/N\) \[n\]:$/, '');
    const done = await t.waitFor('the exit', (s) => s.includes('[exit '));
    expect(done).toContain('left plan.yaml as it was');
    expect(done).toContain('[exit 2]');
    expect(readFileSync(join(cwd, 'plan.yaml'), 'utf8')).toBe('# keep me\n');
  });
});
