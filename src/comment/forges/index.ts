import type { Forge } from '../forge.js';
import type { Http } from '../http.js';
import type { Target } from '../target.js';
import { azureReposForge } from './azure-repos.js';
import { bitbucketForge } from './bitbucket.js';
import { githubForge } from './github.js';
import { gitlabForge } from './gitlab.js';

/** The forge client for a resolved target (repository and request checked by requireForPosting). */
export function forgeFor(t: Target & { repo: string; request: string }, http: Http): Forge {
  switch (t.forge) {
    case 'github':
      return githubForge({ api: t.api, graphql: t.graphql!, repo: t.repo, number: t.request, http });
    case 'gitlab':
      return gitlabForge({ api: t.api, project: t.repo, iid: t.request, http });
    case 'azure-repos': {
      const [project, ...repository] = t.repo.split('/');
      return azureReposForge({ collection: t.api, project: project!, repository: repository.join('/'), pullRequest: t.request, http });
    }
    case 'bitbucket':
      return bitbucketForge({ api: t.api, repo: t.repo, pullRequest: t.request, http });
  }
}
