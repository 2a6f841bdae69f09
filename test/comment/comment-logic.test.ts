import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentBody, MAX_BODY, type ScenarioChange } from '../../src/comment/body.js';
import { MARKER, post, type Forge, type PostedComment } from '../../src/comment/forge.js';
import { redact } from '../../src/comment/http.js';
import { resolveTarget } from '../../src/comment/target.js';
import { budgetVerdict } from '../../src/engine/budget-check.js';
import { estimateYaml } from '../helpers.js';

/** An in-memory forge (our own interface, not a forge's API: that is the fake server's job) recording what post() did. */
function memoryForge(initial: string[]): Forge & { comments: PostedComment[]; log: string[] } {
  let next = 1;
  const comments: PostedComment[] = initial.map((body) => ({ id: String(next++), body }));
  const log: string[] = [];
  return {
    name: 'memory',
    comments,
    log,
    list: async () => ({ comments: [...comments], truncated: false }),
    create: async (body) => {
      const c = { id: String(next++), body };
      comments.push(c);
      log.push(`create ${c.id}`);
      return c;
    },
    update: async (c, body) => {
      comments.find((x) => x.id === c.id)!.body = body;
      log.push(`update ${c.id}`);
    },
    remove: async (c) => {
      comments.splice(comments.findIndex((x) => x.id === c.id), 1);
      log.push(`remove ${c.id}`);
    },
    hide: async (c) => void log.push(`hide ${c.id}`),
  };
}

describe('post: what each --behavior does', () => {
  const earlier = ['lgtm', `${MARKER}\nold 1`, 'nit', `${MARKER}\nold 2`];
  it('update edits the latest marked comment and leaves the others alone', async () => {
    const f = memoryForge(earlier);
    expect(await post(f, `${MARKER}\nnew`, 'update')).toMatchObject({ action: 'updated', id: '4' });
    expect(f.log).toEqual(['update 4']);
  });
  it('update posts when there is no marked comment; new always posts', async () => {
    const f = memoryForge(['lgtm']);
    expect((await post(f, `${MARKER}\nnew`, 'update')).action).toBe('created');
    expect((await post(f, `${MARKER}\nnewer`, 'new')).action).toBe('created');
    expect(f.log).toEqual(['create 2', 'create 3']);
  });
  it('hide-and-new and delete-and-new touch only marked comments, then post', async () => {
    const hide = memoryForge(earlier);
    await post(hide, 'x', 'hide-and-new');
    expect(hide.log).toEqual(['hide 2', 'hide 4', 'create 5']);
    const del = memoryForge(earlier);
    await post(del, 'x', 'delete-and-new');
    expect(del.log).toEqual(['remove 2', 'remove 4', 'create 5']);
    expect(del.comments.map((c) => c.body)).toEqual(['lgtm', 'nit', 'x']);
  });
});

describe('resolveTarget: the CI job environment, flags first', () => {
  it('GitHub: the event file gives the pull request and its base commit; empty variables count as unset', () => {
    const event = join(mkdtempSync(join(tmpdir(), 'ev-')), 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 42, base: { sha: 'abc123' } } }));
    const t = resolveTarget('github', {}, { GITHUB_REPOSITORY: 'o/r', GITHUB_EVENT_PATH: event, GITHUB_TOKEN: '', GH_TOKEN: 'gh', GITHUB_API_URL: '' });
    expect(t).toMatchObject({ repo: 'o/r', request: '42', base: 'abc123', api: 'https://api.github.com', graphql: 'https://api.github.com/graphql', token: { name: 'GH_TOKEN' } });
    expect(resolveTarget('github', { request: '7', base: 'origin/dev' }, { GITHUB_EVENT_PATH: event }).request).toBe('7');
  });
  it('GitLab prefers GITLAB_TOKEN (PRIVATE-TOKEN) to CI_JOB_TOKEN (JOB-TOKEN); Azure and Bitbucket take the target branch from origin', () => {
    expect(resolveTarget('gitlab', {}, { CI_JOB_TOKEN: 'j' }).token?.header).toEqual({ 'job-token': 'j' });
    expect(resolveTarget('gitlab', {}, { CI_JOB_TOKEN: 'j', GITLAB_TOKEN: 'p', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' })).toMatchObject({ token: { header: { 'private-token': 'p' } }, base: 'origin/main' });
    expect(resolveTarget('azure-repos', {}, { SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/release/1', SYSTEM_TEAMPROJECT: 'p', BUILD_REPOSITORY_ID: 'r' })).toMatchObject({ base: 'origin/release/1', repo: 'p/r' });
    expect(resolveTarget('bitbucket', {}, {}).api).toBe('https://api.bitbucket.org/2.0');
  });
});

describe('commentBody', () => {
  const plan = (count: number, budget = 40000) =>
    estimateYaml(`name: plan\nbudget: {monthly: ${budget}}\nnodes: [{name: trainers, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: ${count}, hours: 100}]\n`);
  const change = (before: number | undefined, after: number, budget?: number): ScenarioChange => {
    const a = plan(after, budget);
    return { file: 'plan.yaml', ...(before === undefined ? {} : { before: { estimate: plan(before, budget) } }), after: { estimate: a }, verdict: budgetVerdict(a, undefined, 95) };
  };

  it('starts with the hidden marker; a new scenario shows as new; an unchanged one says nothing moved', () => {
    const fresh = commentBody([change(undefined, 2)], { base: 'main', failOverBudget: true });
    expect(fresh.startsWith(`${MARKER}\n`)).toBe(true);
    expect(fresh).toMatch(/\| plan \| — \| \$\d[\d,]*\.\d\d \| new \|/);
    expect(commentBody([change(2, 2)], { base: 'main', failOverBudget: true })).toContain('No line of any scenario changes cost.');
  });

  it('says when a scenario is over budget and whether that fails the check', () => {
    const body = commentBody([change(2, 20, 1000)], { base: 'main', failOverBudget: false });
    expect(body).toContain('**1 of 1 scenario over budget**.');
    expect(body).toMatch(/❌ \d[\d,.]*% of \$1,000\.00/);
  });

  it('drops the folded tables, not the summary, when the comment would be too long for a forge', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...change(2, 3), file: `plans/plan-${i}.yaml` }));
    const body = commentBody(many, { base: 'main', failOverBudget: true });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toContain('The full tables are left out');
    expect(body).not.toContain('<details>');
  });
});

describe('redact', () => {
  it('replaces every occurrence of a secret, leaves short strings (empty tokens) alone', () => {
    expect(redact('Bearer s3cr3t-x and s3cr3t-x', ['s3cr3t-x', ''])).toBe('Bearer *** and ***');
  });
});
