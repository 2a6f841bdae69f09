import type { Forge, PostedComment } from '../forge.js';
import { paginate, type Http } from '../http.js';

interface AzureThread {
  id: number;
  isDeleted?: boolean;
  comments?: { id: number; content?: string; isDeleted?: boolean }[];
}

const API_VERSION = 'api-version=7.1';

/** Azure DevOps REST: a pull request comment is the first comment of a thread; hiding closes the thread. */
export function azureReposForge(o: { collection: string; project: string; repository: string; pullRequest: string; http: Http }): Forge {
  const threads = `${o.collection.replace(/\/+$/, '')}/${encodeURIComponent(o.project)}/_apis/git/repositories/${encodeURIComponent(o.repository)}/pullRequests/${o.pullRequest}/threads`;
  return {
    name: 'azure-repos',
    async list() {
      const r = await paginate(`${threads}?${API_VERSION}`, async (url) => {
        const { data, headers } = await o.http.json<{ value: AzureThread[] }>('GET', url);
        const token = headers.get('x-ms-continuationtoken');
        const items = data.value.flatMap((t): PostedComment[] => {
          const first = t.comments?.[0];
          return !t.isDeleted && first && !first.isDeleted ? [{ id: String(first.id), thread: String(t.id), body: first.content ?? '' }] : [];
        });
        return { items, next: token ? `${threads}?${API_VERSION}&continuationToken=${encodeURIComponent(token)}` : undefined };
      });
      return { comments: r.items, truncated: r.truncated };
    },
    async create(body) {
      const { data } = await o.http.json<AzureThread>('POST', `${threads}?${API_VERSION}`, { comments: [{ parentCommentId: 0, content: body, commentType: 1 }], status: 1 });
      return { id: String(data.comments?.[0]?.id ?? 1), thread: String(data.id), body };
    },
    async update(c, body) {
      await o.http.json('PATCH', `${threads}/${c.thread}/comments/${c.id}?${API_VERSION}`, { content: body });
    },
    async remove(c) {
      await o.http.json('DELETE', `${threads}/${c.thread}/comments/${c.id}?${API_VERSION}`);
    },
    async hide(c) {
      await o.http.json('PATCH', `${threads}/${c.thread}?${API_VERSION}`, { status: 4 });
    },
  };
}
