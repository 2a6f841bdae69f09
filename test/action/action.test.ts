import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from '../cli-run.js';
import { REPO } from '../helpers.js';
import { scenarioRepo } from '../comment/git-fixture.js';
import { TOKEN, startFakeForge, type FakeForge } from '../comment/fake-forge.js';

const exec = promisify(execFile);
const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8'));
const step = action.runs.steps.find((s: { run?: string }) => s.run?.includes('action/run.sh'));

let forge: FakeForge | undefined;
afterEach(async () => {
  await forge?.close();
  forge = undefined;
});

/** Run action/run.sh as the composite step does: the step's env with the inputs substituted, in a pull request's checkout. */
async function runAction(dir: string, event: string, url: string, inputs: Record<string, string> = {}) {
  const withInputs = (v: string) => v.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name) => inputs[name] ?? action.inputs[name].default).replace('${{ github.action_path }}', REPO);
  const stepEnv = Object.fromEntries(Object.entries(step.env as Record<string, string>).map(([k, v]) => [k, withInputs(v)]));
  const env = { ...process.env, ...stepEnv, TOLLGATE_BIN: `${process.execPath} ${BIN}`, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: `${url}/api/v3`, GITHUB_REPOSITORY: 'acme/ml-infra', GITHUB_EVENT_PATH: event, GH_TOKEN: '' };
  try {
    const r = await exec('bash', [join(REPO, 'action', 'run.sh')], { cwd: dir, env });
    return { code: 0, ...r };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the GitHub Action (action.yml → action/run.sh) against a local fake GitHub API', () => {
  it('declares the inputs for globs, behaviour and failure policy, and passes them to its script', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['scenarios', 'behavior', 'on-over-budget', 'github-token']));
    expect(action.runs.using).toBe('composite');
    expect(step.env).toMatchObject({ TOLLGATE_SCENARIOS: '${{ inputs.scenarios }}', TOLLGATE_BEHAVIOR: '${{ inputs.behavior }}', TOLLGATE_ON_OVER_BUDGET: '${{ inputs.on-over-budget }}' });
  });

  it('posts a comment, updates it on the second run (one comment, not two), and exits 3 over budget with the fail policy', async () => {
    forge = await startFakeForge('github', { repo: 'acme/ml-infra', request: '12', seed: 3 });
    const repo = scenarioRepo();
    const event = join(repo.dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 12, base: { ref: 'main', sha: repo.base } } }));
    const inputs = { scenarios: '*.yaml' };
    const ours = () => forge!.comments.filter((c) => c.body.includes('<!-- tollgate-comment -->'));

    repo.edit('count: 4', 'count: 5');
    const first = await runAction(repo.dir, event, forge.url, inputs);
    expect(first.stderr).toMatch(/comment created on github acme\/ml-infra #12/);
    expect(first.code).toBe(0);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('$23,262.08 | $27,653.61');

    repo.edit('count: 5', 'count: 12');
    const second = await runAction(repo.dir, event, forge.url, inputs);
    expect(second.stderr).toMatch(/comment updated/);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toMatch(/over budget/);
    // The over-budget scenario is annotated on its budget: line for the log, and the step fails.
    expect(second.stdout).toMatch(/^::error file=plan\.yaml,line=\d+,col=1,title=over budget::/m);
    expect(second.code).toBe(3);

    const soft = await runAction(repo.dir, event, forge.url, { ...inputs, 'on-over-budget': 'comment' });
    expect(soft.code).toBe(0);
    expect(ours()).toHaveLength(1);
  });

  it('no scenario matching the globs is a clear error, exit 2', async () => {
    forge = await startFakeForge('github', { repo: 'acme/ml-infra', request: '12' });
    const repo = scenarioRepo();
    const r = await runAction(repo.dir, join(repo.dir, 'none.json'), forge.url, { scenarios: 'plans/**/*.yaml' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error::no scenario files match 'plans\/\*\*\/\*\.yaml'/);
  });
});
