import { readFileSync } from 'node:fs';
import { UsageError } from '../model/errors.js';
import type { ForgeName } from './forge.js';

/** Where to post and what to compare against, from flags first, then the CI job's environment. */
export interface Target {
  forge: ForgeName;
  /** GitHub/Bitbucket OWNER/NAME, GitLab project id or path, Azure PROJECT/REPOSITORY. */
  repo?: string;
  request?: string;
  base?: string;
  api: string;
  /** GitHub's GraphQL endpoint (hiding a comment), Azure's collection URI is `api`. */
  graphql?: string;
  token?: { value: string; name: string; header: Record<string, string> };
}

export interface TargetFlags {
  repo?: string;
  request?: string;
  base?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A CI job's base branch is only there as origin/NAME after a fetch; an Azure ref comes as refs/heads/NAME. */
const remoteBranch = (name: string | undefined) => (name ? `origin/${name.replace(/^refs\/heads\//, '')}` : undefined);

function githubEvent(env: Env): { number?: string; baseSha?: string } {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    const event = JSON.parse(readFileSync(path, 'utf8'));
    const pr = event.pull_request || (event.issue?.pull_request ? event.issue : undefined);
    return { ...(pr?.number ? { number: String(pr.number) } : {}), ...(event.pull_request?.base?.sha ? { baseSha: event.pull_request.base.sha } : {}) };
  } catch {
    throw new UsageError(`GITHUB_EVENT_PATH (${path}) is not a readable JSON event file`);
  }
}

function bearer(value: string | undefined, name: string) {
  return value ? { value, name, header: { authorization: `Bearer ${value}` } } : undefined;
}

/** Resolve the forge's target; nothing is required yet (a dry run needs only the base). */
export function resolveTarget(forge: ForgeName, flags: TargetFlags, env: Env): Target {
  switch (forge) {
    case 'github': {
      const event = githubEvent(env);
      const api = env.GITHUB_API_URL || 'https://api.github.com';
      return {
        forge,
        repo: flags.repo || env.GITHUB_REPOSITORY,
        request: flags.request || event.number,
        base: flags.base || event.baseSha || remoteBranch(env.GITHUB_BASE_REF),
        api,
        graphql: env.GITHUB_GRAPHQL_URL || `${api.replace(/\/+$/, '')}/graphql`,
        token: bearer(env.GITHUB_TOKEN, 'GITHUB_TOKEN') || bearer(env.GH_TOKEN, 'GH_TOKEN'),
      };
    }
    case 'gitlab':
      return {
        forge,
        repo: flags.repo || env.CI_PROJECT_ID || env.CI_PROJECT_PATH,
        request: flags.request || env.CI_MERGE_REQUEST_IID,
        base: flags.base || env.CI_MERGE_REQUEST_DIFF_BASE_SHA || remoteBranch(env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME),
        api: env.CI_API_V4_URL || 'https://gitlab.com/api/v4',
        token: env.GITLAB_TOKEN
          ? { value: env.GITLAB_TOKEN, name: 'GITLAB_TOKEN', header: { 'private-token': env.GITLAB_TOKEN } }
          : env.CI_JOB_TOKEN
            ? { value: env.CI_JOB_TOKEN, name: 'CI_JOB_TOKEN', header: { 'job-token': env.CI_JOB_TOKEN } }
            : undefined,
      };
    case 'azure-repos':
      return {
        forge,
        repo: flags.repo || (env.SYSTEM_TEAMPROJECT && env.BUILD_REPOSITORY_ID ? `${env.SYSTEM_TEAMPROJECT}/${env.BUILD_REPOSITORY_ID}` : undefined),
        request: flags.request || env.SYSTEM_PULLREQUEST_PULLREQUESTID,
        base: flags.base || remoteBranch(env.SYSTEM_PULLREQUEST_TARGETBRANCH),
        api: env.SYSTEM_COLLECTIONURI || '',
        token: bearer(env.SYSTEM_ACCESSTOKEN, 'SYSTEM_ACCESSTOKEN'),
      };
    case 'bitbucket':
      return {
        forge,
        repo: flags.repo || env.BITBUCKET_REPO_FULL_NAME,
        request: flags.request || env.BITBUCKET_PR_ID,
        base: flags.base || remoteBranch(env.BITBUCKET_PR_DESTINATION_BRANCH),
        api: env.BITBUCKET_API_URL || 'https://api.bitbucket.org/2.0',
        token: bearer(env.BITBUCKET_TOKEN, 'BITBUCKET_TOKEN'),
      };
  }
}

const WHERE: Record<ForgeName, { repo: string; request: string; token: string; api?: string }> = {
  github: { repo: 'GITHUB_REPOSITORY', request: 'GITHUB_EVENT_PATH (a pull_request event)', token: 'GITHUB_TOKEN or GH_TOKEN' },
  gitlab: { repo: 'CI_PROJECT_ID', request: 'CI_MERGE_REQUEST_IID (a merge request pipeline)', token: 'GITLAB_TOKEN (or CI_JOB_TOKEN)' },
  'azure-repos': { repo: 'SYSTEM_TEAMPROJECT and BUILD_REPOSITORY_ID', request: 'SYSTEM_PULLREQUEST_PULLREQUESTID', token: 'SYSTEM_ACCESSTOKEN', api: 'SYSTEM_COLLECTIONURI' },
  bitbucket: { repo: 'BITBUCKET_REPO_FULL_NAME', request: 'BITBUCKET_PR_ID', token: 'BITBUCKET_TOKEN' },
};

/** What posting needs and a dry run does not: the repository, the request, a token (and Azure's collection URI). */
export function requireForPosting(t: Target): asserts t is Target & { repo: string; request: string; token: NonNullable<Target['token']> } {
  const w = WHERE[t.forge];
  if (!t.repo) throw new UsageError(`comment ${t.forge} needs the repository: --repo, or ${w.repo} in the job's environment`);
  if (!t.request) throw new UsageError(`comment ${t.forge} needs the pull request: --pull-request N, or ${w.request}`);
  if (!/^\d+$/.test(t.request)) throw new UsageError(`--pull-request must be a number, got ${JSON.stringify(t.request)}`);
  if (!t.token) throw new UsageError(`comment ${t.forge} needs a token in ${w.token} (or use --dry-run to print the comment)`);
  if (w.api && !t.api) throw new UsageError(`comment ${t.forge} needs ${w.api} (e.g. https://dev.azure.com/ORG/)`);
}
