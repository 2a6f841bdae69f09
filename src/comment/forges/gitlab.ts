import { OUTDATED_BODY, type Forge, type PostedComment } from '../forge.js';
import { nextLink, paginate, type Http } from '../http.js';

interface GitLabNote {
  id: number;
  body?: string;
  system?: boolean;
}

const toComment = (n: GitLabNote): PostedComment => ({ id: String(n.id), body: n.body ?? '' });

/** GitLab REST v4: merge request notes. GitLab cannot collapse a note, so hiding replaces its body. */
export function gitlabForge(o: { api: string; project: string; iid: string; http: Http }): Forge {
  const notes = `${o.api.replace(/\/+$/, '')}/projects/${encodeURIComponent(o.project)}/merge_requests/${o.iid}/notes`;
  return {
    name: 'gitlab',
    async list() {
      const r = await paginate(`${notes}?per_page=100&sort=asc&order_by=created_at`, async (url) => {
        const { data, headers } = await o.http.json<GitLabNote[]>('GET', url);
        const nextPage = headers.get('x-next-page');
        const next = nextLink(headers) ?? (nextPage ? withPage(url, nextPage) : undefined);
        return { items: data.filter((n) => !n.system).map(toComment), next };
      });
      return { comments: r.items, truncated: r.truncated };
    },
    async create(body) {
      return toComment((await o.http.json<GitLabNote>('POST', notes, { body })).data);
    },
    async update(c, body) {
      await o.http.json('PUT', `${notes}/${c.id}`, { body });
    },
    async remove(c) {
      await o.http.json('DELETE', `${notes}/${c.id}`);
    },
    async hide(c) {
      await o.http.json('PUT', `${notes}/${c.id}`, { body: OUTDATED_BODY });
    },
  };
}

function withPage(url: string, page: string): string {
  const u = new URL(url);
  u.searchParams.set('page', page);
  return u.href;
}
