import type { Forge, PostedComment } from '../forge.js';
import { ForgeError, nextLink, paginate, type Http } from '../http.js';

interface GitHubComment {
  id: number;
  node_id: string;
  body?: string;
}

const toComment = (c: GitHubComment): PostedComment => ({ id: String(c.id), nodeId: c.node_id, body: c.body ?? '' });

/** GitHub REST (issue comments on a pull request) and, for hiding, the GraphQL minimizeComment mutation. */
export function githubForge(o: { api: string; graphql: string; repo: string; number: string; http: Http }): Forge {
  const base = `${o.api.replace(/\/+$/, '')}/repos/${o.repo}`;
  return {
    name: 'github',
    async list() {
      const r = await paginate(`${base}/issues/${o.number}/comments?per_page=100`, async (url) => {
        const { data, headers } = await o.http.json<GitHubComment[]>('GET', url);
        return { items: data.map(toComment), next: nextLink(headers) };
      });
      return { comments: r.items, truncated: r.truncated };
    },
    async create(body) {
      return toComment((await o.http.json<GitHubComment>('POST', `${base}/issues/${o.number}/comments`, { body })).data);
    },
    async update(c, body) {
      await o.http.json('PATCH', `${base}/issues/comments/${c.id}`, { body });
    },
    async remove(c) {
      await o.http.json('DELETE', `${base}/issues/comments/${c.id}`);
    },
    async hide(c) {
      const query = 'mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }';
      // GraphQL answers 200 even when the mutation fails: its errors come in the body.
      const { data } = await o.http.json<{ errors?: { message: string }[] }>('POST', o.graphql, { query, variables: { id: c.nodeId } });
      if (data?.errors?.length) throw new ForgeError(`github: hiding comment ${c.id}: ${data.errors.map((e) => e.message).join('; ')}`);
    },
  };
}
