import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cli/verbs.js';
import { BIN, tollgate } from '../cli-run.js';

const exec = promisify(execFile);

/** The candidates tollgate offers for the words typed so far (the last one being completed). */
async function candidates(...words: string[]): Promise<string[]> {
  const r = await tollgate(['completion', 'complete', '--', ...words]);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.pop()).toMatch(/^:\d+$/); // the directive line the shell scripts read
  return lines.map((l) => l.split('\t')[0]!);
}

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** A PATH on which `tollgate` is the built CLI, as after an install. */
function shimPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-shim-'));
  writeFileSync(join(dir, 'tollgate'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, 'tollgate'), 0o755);
  return `${dir}:${process.env.PATH}`;
}

describe('what completes', () => {
  it('every listed verb, and every option of every verb, from the verb specs', async () => {
    expect(await candidates('')).toEqual(expect.arrayContaining(VERBS.map((v) => v.name)));
    for (const verb of VERBS) {
      const offered = await candidates(...(verb.name === 'pricing' ? ['pricing', 'show'] : [verb.name]), '--');
      expect(offered, verb.name).toEqual(expect.arrayContaining([...Object.keys(verb.options).map((o) => `--${o}`), '--help']));
    }
    expect(await candidates('estimate', '--fo')).toEqual(['--format']);
    // One CLI process per verb: the time grows with the verb list, not with any one verb.
  }, 90_000);

  it('option values: formats, providers, regions and GPU models from the catalog', async () => {
    expect(await candidates('estimate', '--format', '')).toEqual(['table', 'json', 'csv', 'markdown']);
    expect(await candidates('pricing', 'show', '--provider', '')).toEqual(['aws', 'gcp', 'azure']);
    expect(await candidates('pricing', 'show', '--region', 'europe-w')).toEqual(expect.arrayContaining(['europe-west1', 'europe-west4']));
    expect(await candidates('init', '--gpu', 'H')).toEqual(expect.arrayContaining(['H100', 'H200']));
    expect(await candidates('actuals', 'scenarios/recsys-feature-store.yaml', '--source', 's')).toContain('sample');
  });

  it('scenario files, instance names, and the --vary paths and --spot groups of the scenarios typed', async () => {
    expect(await candidates('estimate', 'scenarios/az')).toEqual(['scenarios/azure-training.yaml']);
    expect(await candidates('pricing', 'show', 'p4')).toEqual(expect.arrayContaining(['p4d.24xlarge', 'p4de.24xlarge']));
    expect(await candidates('breakeven', 'scenarios/feature-store-replicated.yaml', 'scenarios/feature-store-read-nightly.yaml', '--vary', 'transfers.n')).toEqual([
      'transfers.nightly-feature-read.gb_per_day',
      'transfers.nightly-feature-read.days',
    ]);
    expect(await candidates('breakeven', 'scenarios/single-cloud-training.yaml', '--spot', '')).toEqual(expect.arrayContaining(['h200-trainers']));
    expect(await candidates('place', 'scenarios/recsys-feature-store.yaml', '--vary', 'nodes.s')).toEqual(['nodes.serving']);
    expect(await candidates('place', 'scenarios/recsys-feature-store.yaml', '--purchase', '')).toEqual(['on-demand', 'spot']);
  });

  it('prints a script only for the shells it has', async () => {
    const r = await tollgate(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('completion needs one shell: bash, zsh, fish');
  });
});

describe('in the shells themselves', () => {
  const bashCompletion = '/usr/share/bash-completion/bash_completion';
  it.skipIf(!existsSync(bashCompletion))('bash (with bash-completion) completes an option', async () => {
    const script = `source ${bashCompletion}; source <(tollgate completion bash)
COMP_WORDS=(tollgate breakeven scenarios/single-cloud-training.yaml --sp); COMP_CWORD=3
COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
__tollgate_complete 2>/dev/null; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const { stdout } = await exec('bash', ['-c', script], { env: { ...process.env, PATH: shimPath() } });
    expect(stdout.trim().split('\n').sort()).toEqual(['--spot', '--spot-overhead']);
  });

  it.skipIf(!has('fish'))('fish completes --vary paths and instance names', async () => {
    const script = 'tollgate completion fish | source; complete -C "tollgate breakeven scenarios/feature-store-replicated.yaml --vary nodes."; complete -C "tollgate pricing show p5"';
    const { stdout } = await exec('fish', ['-c', script], { env: { ...process.env, PATH: shimPath() } });
    const got = stdout.split('\n').map((l) => l.split('\t')[0] ?? '').filter(Boolean);
    expect(got.filter((c) => c.startsWith('nodes.'))).toEqual(['nodes.trainers.count', 'nodes.trainers.hours']);
    expect(got.filter((c) => c.startsWith('p5'))).toEqual(expect.arrayContaining(['p5.48xlarge', 'p5en.48xlarge']));
  });

  it.skipIf(!has('zsh'))('zsh reads the script without a syntax error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-zsh-'));
    const file = join(dir, '_tollgate');
    writeFileSync(file, (await tollgate(['completion', 'zsh'])).stdout);
    await expect(exec('zsh', ['-n', file])).resolves.toBeDefined();
  });
});
