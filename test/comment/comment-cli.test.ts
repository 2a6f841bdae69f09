import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tollgate } from '../cli-run.js';
import { scenarioRepo } from './git-fixture.js';
import { PAGE, TOKEN, startFakeForge, type FakeForge, type ForgeKind } from './fake-forge.js';

const MARKER = '<!-- tollgate-comment -->';
/** Every forge variable a CI runner might set, emptied, so only what a test gives counts. */
const CLEAN = Object.fromEntries(
  ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_EVENT_PATH', 'GITHUB_BASE_REF', 'GITHUB_API_URL', 'GITHUB_GRAPHQL_URL', 'GITLAB_TOKEN', 'CI_JOB_TOKEN', 'CI_PROJECT_ID', 'CI_PROJECT_PATH', 'CI_MERGE_REQUEST_IID', 'CI_MERGE_REQUEST_DIFF_BASE_SHA', 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME', 'CI_API_V4_URL', 'SYSTEM_ACCESSTOKEN', 'SYSTEM_COLLECTIONURI', 'SYSTEM_TEAMPROJECT', 'BUILD_REPOSITORY_ID', 'SYSTEM_PULLREQUEST_PULLREQUESTID', 'SYSTEM_PULLREQUEST_TARGETBRANCH', 'BITBUCKET_TOKEN', 'BITBUCKET_REPO_FULL_NAME', 'BITBUCKET_PR_ID', 'BITBUCKET_PR_DESTINATION_BRANCH', 'BITBUCKET_API_URL'].map((k) => [k, '']),
);

interface Case {
  kind: ForgeKind;
  repo: string;
  request: string;
  /** The job's environment as the forge's CI sets it. */
  env: (url: string, dir: string, base: string, token: string) => Record<string, string>;
}

const CASES: Case[] = [
  {
    kind: 'github',
    repo: 'acme/ml-infra',
    request: '7',
    env: (url, dir, base, token) => {
      const event = join(dir, 'event.json');
      writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main', sha: base } } }));
      return { GITHUB_API_URL: `${url}/api/v3`, GITHUB_REPOSITORY: 'acme/ml-infra', GITHUB_EVENT_PATH: event, GITHUB_TOKEN: token };
    },
  },
  {
    kind: 'gitlab',
    repo: '42',
    request: '7',
    env: (url, _dir, base, token) => ({ CI_API_V4_URL: `${url}/api/v4`, CI_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '7', CI_MERGE_REQUEST_DIFF_BASE_SHA: base, GITLAB_TOKEN: token }),
  },
  {
    kind: 'azure-repos',
    repo: 'ml/infra-repo',
    request: '7',
    env: (url, _dir, base, token) => ({ SYSTEM_COLLECTIONURI: `${url}/org/`, SYSTEM_TEAMPROJECT: 'ml', BUILD_REPOSITORY_ID: 'infra-repo', SYSTEM_PULLREQUEST_PULLREQUESTID: '7', SYSTEM_ACCESSTOKEN: token, TOLLGATE_TEST_BASE: base }),
  },
  {
    kind: 'bitbucket',
    repo: 'acme/ml-infra',
    request: '7',
    env: (url, _dir, base, token) => ({ BITBUCKET_API_URL: `${url}/2.0`, BITBUCKET_REPO_FULL_NAME: 'acme/ml-infra', BITBUCKET_PR_ID: '7', BITBUCKET_TOKEN: token, TOLLGATE_TEST_BASE: base }),
  },
];

let forge: FakeForge | undefined;
afterEach(async () => {
  await forge?.close();
  forge = undefined;
});

async function setup(c: Case, seed = 5) {
  forge = await startFakeForge(c.kind, { repo: c.repo, request: c.request, seed });
  const repo = scenarioRepo();
  const env = { ...CLEAN, ...c.env(forge.url, repo.dir, repo.base, TOKEN) };
  // Azure and Bitbucket set only the target branch's name, which needs a fetched origin/NAME: the tests name the base commit instead.
  const baseFlag = env.TOLLGATE_TEST_BASE ? ['--base-ref', env.TOLLGATE_TEST_BASE] : [];
  const run = (extra: string[] = [], over: Record<string, string> = {}) => tollgate(['comment', c.kind, repo.file, ...baseFlag, ...extra], { cwd: repo.dir, env: { ...env, ...over } });
  return { forge, repo, env, run };
}

const ours = (f: FakeForge) => f.comments.filter((c) => c.body.includes(MARKER) && !c.hidden);

describe.each(CASES)('tollgate comment $kind against a local fake API', (c) => {
  it('posts once, then a second run edits that comment (found past the first pages) instead of adding one', async () => {
    const { forge, repo, run } = await setup(c);
    repo.edit('count: 4', 'count: 5');
    const first = await run();
    expect(first.stderr).toMatch(/comment created/);
    expect(first.code).toBe(0);
    expect(ours(forge)).toHaveLength(1);
    expect(ours(forge)[0]!.body).toContain('| recsys-feature-store | $23,262.08 | $27,653.61 | +$4,391.53 (+18.9%) |');
    expect(ours(forge)[0]!.body).toContain('`trainers` +$4,391.53 (+25%)');

    repo.edit('count: 5', 'count: 3');
    const before = forge.requests.length;
    const second = await run();
    expect(second.stderr).toMatch(/comment updated/);
    expect(second.code).toBe(0);
    expect(ours(forge)).toHaveLength(1);
    expect(ours(forge)[0]!.body).toContain('$18,870.55');
    expect(forge.comments.filter((x) => !x.system)).toHaveLength(6);
    // Five reviewers' comments and ours (and GitLab's system note) at two a page: the list took every page.
    const lists = forge.requests.slice(before).filter((r) => r.method === 'GET');
    expect(lists.length).toBe(Math.ceil(forge.comments.length / PAGE));
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const r of forge.requests) expect(JSON.stringify(r.url)).not.toContain(TOKEN);
  });

  it('delete-and-new and hide-and-new leave one visible tollgate comment, the newest', async () => {
    const { forge, run } = await setup(c, 1);
    await run(['--behavior', 'new']);
    await run(['--behavior', 'new']);
    expect(ours(forge)).toHaveLength(2);
    const del = await run(['--behavior', 'delete-and-new']);
    expect(del.stderr).toMatch(/deleted 2 earlier/);
    expect(ours(forge)).toHaveLength(1);
    const firstId = ours(forge)[0]!.id;
    const hide = await run(['--behavior', 'hide-and-new']);
    expect(hide.code).toBe(0);
    expect(ours(forge)).toHaveLength(1);
    expect(ours(forge)[0]!.id).not.toBe(firstId);
    const old = forge.comments.find((x) => x.id === firstId)!;
    // GitHub minimizes and Azure closes the thread; GitLab and Bitbucket cannot, so the old text becomes a pointer.
    expect(old.hidden || /Outdated: a newer tollgate cost comment/.test(old.body)).toBe(true);
  });

  it('a refused token is exit 2 with what to check, and the token is never printed', async () => {
    const { forge, repo, run } = await setup(c, 0);
    const wrong = 'wrong-secret-9f8e7d';
    const r = await run([], Object.fromEntries(Object.entries(c.env(forge.url, repo.dir, repo.base, wrong)).filter(([k]) => /TOKEN/.test(k))));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/401/);
    expect(r.stderr).toMatch(/token was refused/);
    expect(r.stderr).not.toContain(wrong);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a pull request that is not there is a 404 that says what to check, exit 2', async () => {
    const { run } = await setup(c, 0);
    const r = await run(['--pull-request', '999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not found \(404\): check the repository, the pull request number/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('tollgate comment: rate limits, budget gate, dry run', () => {
  const github = CASES[0]!;

  it('429 with Retry-After is waited out and retried; past the retries it stops with a clear message, exit 1', async () => {
    const { forge, run } = await setup(github, 0);
    forge.fail.push({ status: 429, retryAfter: '1' }, { status: 429, retryAfter: '1' });
    const started = Date.now();
    const ok = await run();
    expect(ok.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(ours(forge)).toHaveLength(1);

    forge.fail.push(...Array.from({ length: 4 }, () => ({ status: 429, retryAfter: '0' })));
    const limited = await run();
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/rate limited \(429\), still after 3 retries/);
    expect(limited.stderr).not.toMatch(/\n\s+at /);
  });

  it('a forge that never answers or pages forever is given up on plainly, exit 1, not a hang', async () => {
    const { forge, run } = await setup(github, 0);
    forge.fail.push({ status: 0, hang: true });
    const started = Date.now();
    const silent = await run(['--timeout', '2']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(/did not finish within --timeout 2 s/);
    expect(Date.now() - started).toBeLessThan(15000);

    forge.loop.pages = true;
    const looping = await run();
    expect(looping.code).toBe(1);
    expect(looping.stderr).toMatch(/github comment list sent a page token it had sent before/);
    expect(looping.stderr).not.toMatch(/\n\s+at /);
  });

  it('over budget: the comment is posted and the run exits 3; with --on-over-budget comment it exits 0', async () => {
    const { forge, repo, run } = await setup(github, 0);
    repo.edit('count: 4', 'count: 12');
    const fail = await run();
    expect(fail.code).toBe(3);
    expect(ours(forge)[0]!.body).toMatch(/\*\*1 of 1 scenario over budget\*\* \(fails the check\)/);
    expect(ours(forge)[0]!.body).toContain('❌');
    const soft = await run(['--on-over-budget', 'comment']);
    expect(soft.code).toBe(0);
    expect(ours(forge)).toHaveLength(1);
  });

  it('--dry-run prints the comment and needs no token; the full tables are folded', async () => {
    const repo = scenarioRepo('feature-store-read-nightly.yaml');
    repo.edit('gb_per_day: {low: 100, expected: 400, high: 900}', 'gb_per_day: {low: 100, expected: 500, high: 900}');
    const r = await tollgate(['comment', 'github', repo.file, '--base-ref', repo.base, '--dry-run', '--max-age', '9999'], { cwd: repo.dir, env: CLEAN });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${MARKER}\n`)).toBe(true);
    expect(r.stdout).toMatch(/\| feature-store-read-nightly \| \$7,399\.62 \| \$7,\d{3}\.\d\d \| \+\$\d+\.\d\d \(\+\d+(\.\d)?%\) \| .* \| \$8,306\.65 → \$\d,\d{3}\.\d\d \|/);
    expect(r.stdout).toMatch(/<details><summary>Full tables<\/summary>[\s\S]*What drives the spread[\s\S]*<\/details>/);
    expect(r.stdout).toMatch(/Pricing tables: aws \d{4}-\d\d-\d\d/);
    // The job's log says when the prices behind the comment are old; the comment is still written.
    const old = await tollgate(['comment', 'github', repo.file, '--base-ref', repo.base, '--dry-run', '--max-age', '1'], { cwd: repo.dir, env: CLEAN });
    expect(old.code).toBe(0);
    expect(old.stderr).toMatch(/^warning: pricing\/gcp\.yaml prices are \d+ days old \(as_of \d{4}-\d\d-\d\d, older than 1 days\)/m);
    expect(old.stdout).toBe(r.stdout);
  });

  it('without a base or a token it says which flag or variable is missing, exit 2', async () => {
    const repo = scenarioRepo();
    const noBase = await tollgate(['comment', 'github', repo.file, '--dry-run'], { cwd: repo.dir, env: CLEAN });
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toMatch(/needs the base to compare against: --base-ref REF/);
    const noToken = await tollgate(['comment', 'github', repo.file, '--base-ref', repo.base, '--repo', 'a/b', '--pull-request', '1'], { cwd: repo.dir, env: CLEAN });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/needs a token in GITHUB_TOKEN or GH_TOKEN/);
    const badForge = await tollgate(['comment', 'githib', repo.file], { cwd: repo.dir, env: CLEAN });
    expect(badForge.code).toBe(2);
    expect(badForge.stderr).toMatch(/did you mean github\?/);
  });
});
