import { OUTDATED_BODY, type Forge, type PostedComment } from '../forge.js';
import { paginate, type Http } from '../http.js';

interface BitbucketComment {
  id: number;
  deleted?: boolean;
  content?: { raw?: string };
}

const toComment = (c: BitbucketComment): PostedComment => ({ id: String(c.id), body: c.content?.raw ?? '' });

/** Bitbucket Cloud REST 2.0: pull request comments, paged by the body's `next` URL. It cannot collapse a comment, so hiding replaces its body. */
export function bitbucketForge(o: { api: string; repo: string; pullRequest: string; http: Http }): Forge {
  const comments = `${o.api.replace(/\/+$/, '')}/repositories/${o.repo}/pullrequests/${o.pullRequest}/comments`;
  return {
    name: 'bitbucket',
    async list() {
      const r = await paginate(`${comments}?pagelen=100`, async (url) => {
        const { data } = await o.http.json<{ values: BitbucketComment[]; next?: string }>('GET', url);
        return { items: data.values.filter((c) => !c.deleted).map(toComment), next: data.next };
      });
      return { comments: r.items, truncated: r.truncated };
    },
    async create(body) {
      return toComment((await o.http.json<BitbucketComment>('POST', comments, { content: { raw: body } })).data);
    },
    async update(c, body) {
      await o.http.json('PUT', `${comments}/${c.id}`, { content: { raw: body } });
    },
    async remove(c) {
      await o.http.json('DELETE', `${comments}/${c.id}`);
    },
    async hide(c) {
      await o.http.json('PUT', `${comments}/${c.id}`, { content: { raw: OUTDATED_BODY } });
    },
  };
}
