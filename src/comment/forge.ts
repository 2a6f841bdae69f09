/** One comment on a pull/merge request, as much of it as tollgate needs. */
export interface PostedComment {
  id: string;
  body: string;
  /** Azure Repos: the thread the comment opens (hiding closes the thread). */
  thread?: string;
  /** GitHub: the GraphQL node id that minimizeComment takes. */
  nodeId?: string;
}

/** What tollgate does on a forge: list the request's comments, post, edit, delete and hide one. */
export interface Forge {
  name: string;
  list(): Promise<{ comments: PostedComment[]; truncated: boolean }>;
  create(body: string): Promise<PostedComment>;
  update(c: PostedComment, body: string): Promise<void>;
  remove(c: PostedComment): Promise<void>;
  /** Collapse an outdated comment: GitHub minimizes it, Azure closes its thread; where a forge cannot, its body is replaced by a pointer to the new one. */
  hide(c: PostedComment): Promise<void>;
}

export const FORGES = ['github', 'gitlab', 'azure-repos', 'bitbucket'] as const;
export type ForgeName = (typeof FORGES)[number];

export const BEHAVIORS = ['update', 'new', 'hide-and-new', 'delete-and-new'] as const;
export type Behavior = (typeof BEHAVIORS)[number];

/** The hidden line that marks tollgate's own comments, so `update` finds the one it posted before. */
export const MARKER = '<!-- tollgate-comment -->';

/** What replaces an outdated comment's body where the forge cannot collapse it. */
export const OUTDATED_BODY = `${MARKER.replace('comment', 'comment-outdated')}\n_Outdated: a newer tollgate cost comment is below._`;

/** Post `body` as `behavior` says; what was done, for the log. */
export async function post(forge: Forge, body: string, behavior: Behavior): Promise<{ action: 'created' | 'updated'; id: string; notes: string[] }> {
  const notes: string[] = [];
  if (behavior === 'new') return { action: 'created', id: (await forge.create(body)).id, notes };
  const { comments, truncated } = await forge.list();
  if (truncated) notes.push('stopped reading comments at the page cap; an earlier tollgate comment past it was not seen');
  const ours = comments.filter((c) => c.body.includes(MARKER));
  if (behavior === 'update') {
    const last = ours.at(-1);
    if (last) {
      await forge.update(last, body);
      return { action: 'updated', id: last.id, notes };
    }
    return { action: 'created', id: (await forge.create(body)).id, notes };
  }
  for (const c of ours) await (behavior === 'delete-and-new' ? forge.remove(c) : forge.hide(c));
  if (ours.length) notes.push(`${behavior === 'delete-and-new' ? 'deleted' : 'hid'} ${ours.length} earlier tollgate comment${ours.length === 1 ? '' : 's'}`);
  return { action: 'created', id: (await forge.create(body)).id, notes };
}
