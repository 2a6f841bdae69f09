import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One local server on 127.0.0.1 speaking the comment endpoints of GitHub,
 * GitLab, Azure DevOps and Bitbucket Cloud as their REST APIs do, paging
 * included (each forge's own way), with a small page size so a test reaches
 * page 2 and 3. Failures can be queued: the next requests answer 401, 404 or
 * 429 with Retry-After.
 */

export type ForgeKind = 'github' | 'gitlab' | 'azure-repos' | 'bitbucket';

export interface StoredComment {
  id: number;
  body: string;
  thread?: number;
  hidden?: boolean;
  system?: boolean;
}

export interface Logged {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface FakeForge {
  url: string;
  comments: StoredComment[];
  requests: Logged[];
  /** The next requests answer these statuses (with Retry-After for 429), in order. */
  fail: { status: number; retryAfter?: string }[];
  close(): Promise<void>;
}

export const TOKEN = 'tok-3f9a2c1d7e';
export const PAGE = 2;

const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

async function readJson(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

function authorized(kind: ForgeKind, req: IncomingMessage): boolean {
  if (kind === 'gitlab') return req.headers['private-token'] === TOKEN || req.headers['job-token'] === TOKEN;
  return req.headers.authorization === `Bearer ${TOKEN}`;
}

/** `repo` and `request` are the only ones that exist; anything else is 404, as on the forge. */
export async function startFakeForge(kind: ForgeKind, o: { repo: string; request: string; seed?: number }): Promise<FakeForge> {
  const comments: StoredComment[] = [];
  let nextId = 100;
  for (let i = 0; i < (o.seed ?? 0); i++) comments.push({ id: nextId++, body: `a reviewer's comment ${i}`, thread: nextId });
  if (kind === 'gitlab') comments.push({ id: nextId++, body: 'added 1 commit', system: true });
  const requests: Logged[] = [];
  const fail: FakeForge['fail'] = [];
  const visible = () => comments.filter((c) => !c.hidden);

  const server = createServer(async (req, res) => {
    requests.push({ method: req.method!, url: req.url!, headers: req.headers });
    const url = new URL(req.url!, 'http://127.0.0.1');
    const f = fail.shift();
    if (f) return send(res, f.status, { message: `fake ${f.status}` }, f.retryAfter ? { 'retry-after': f.retryAfter } : {});
    // Like some servers, the refusal echoes what it was sent: tollgate must not print it.
    if (!authorized(kind, req)) return send(res, 401, { message: `Bad credentials: ${req.headers.authorization ?? req.headers['private-token'] ?? ''}` });
    const body = req.method === 'GET' || req.method === 'DELETE' ? undefined : await readJson(req);
    const route = routes[kind];
    const m = route.base.exec(url.pathname);
    const g = m?.groups ?? {};
    const repo = g.repo ?? `${g.project}/${g.repository}`;
    if (!m || repo !== o.repo || (g.request !== undefined && g.request !== o.request)) {
      if (kind === 'github' && url.pathname.endsWith('/graphql')) {
        const c = comments.find((x) => `node-${x.id}` === body.variables.id);
        if (!c) return send(res, 200, { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${body.variables.id}'` }] });
        c.hidden = true;
        return send(res, 200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
      }
      return send(res, 404, { message: 'Not Found' });
    }
    return route.handle(req.method!, g.rest ?? '', url, body, res);
  });

  const byId = (id: string) => comments.find((c) => String(c.id) === id);
  const page = (url: URL, param: string, size: string) => {
    const n = Number(url.searchParams.get(param) ?? 1);
    const per = Math.min(Number(url.searchParams.get(size) ?? PAGE), PAGE);
    const all = visible().filter((c) => kind === 'gitlab' || !c.system);
    return { n, items: all.slice((n - 1) * per, n * per), more: n * per < all.length };
  };
  const create = (text: string) => {
    const c = { id: nextId++, body: text, thread: 0 };
    c.thread = c.id + 5000;
    comments.push(c);
    return c;
  };

  const routes: Record<ForgeKind, { base: RegExp; handle: (method: string, rest: string, url: URL, body: any, res: ServerResponse) => void }> = {
    github: {
      base: /^\/api\/v3\/repos\/(?<repo>[^/]+\/[^/]+)\/issues\/(?:(?<request>\d+)\/comments|comments\/(?<rest>\d+))$/,
      handle(method, rest, url, body, res) {
        const gh = (c: StoredComment) => ({ id: c.id, node_id: `node-${c.id}`, body: c.body });
        if (!rest && method === 'GET') {
          const p = page(url, 'page', 'per_page');
          const next = new URL(url.href.replace('http://127.0.0.1', server_url()));
          next.searchParams.set('page', String(p.n + 1));
          return send(res, 200, p.items.map(gh), p.more ? { link: `<${next.href}>; rel="next", <${next.href}>; rel="last"` } : {});
        }
        if (!rest && method === 'POST') return send(res, 201, gh(create(body.body)));
        const c = byId(rest);
        if (!c) return send(res, 404, { message: 'Not Found' });
        if (method === 'PATCH') return (c.body = body.body), send(res, 200, gh(c));
        if (method === 'DELETE') return comments.splice(comments.indexOf(c), 1), send(res, 204);
        return send(res, 405);
      },
    },
    gitlab: {
      base: /^\/api\/v4\/projects\/(?<repo>[^/]+)\/merge_requests\/(?<request>\d+)\/notes(?:\/(?<rest>\d+))?$/,
      handle(method, rest, url, body, res) {
        const note = (c: StoredComment) => ({ id: c.id, body: c.body, system: !!c.system });
        if (!rest && method === 'GET') {
          const p = page(url, 'page', 'per_page');
          return send(res, 200, p.items.map(note), { 'x-next-page': p.more ? String(p.n + 1) : '', 'x-page': String(p.n) });
        }
        if (!rest && method === 'POST') return send(res, 201, note(create(body.body)));
        const c = byId(rest);
        if (!c) return send(res, 404, { message: '404 Not found' });
        if (method === 'PUT') return (c.body = body.body), send(res, 200, note(c));
        if (method === 'DELETE') return comments.splice(comments.indexOf(c), 1), send(res, 204);
        return send(res, 405);
      },
    },
    'azure-repos': {
      base: /^\/org\/(?<project>[^/]+)\/_apis\/git\/repositories\/(?<repository>[^/]+)\/pullRequests\/(?<request>\d+)\/threads(?:\/(?<rest>\d+(?:\/comments\/\d+)?))?$/,
      handle(method, rest, url, body, res) {
        const thread = (c: StoredComment) => ({ id: c.thread, status: c.hidden ? 'closed' : 'active', comments: [{ id: c.id, content: c.body, commentType: 'text' }] });
        if (!rest && method === 'GET') {
          const n = Number(url.searchParams.get('continuationToken') ?? 1);
          const all = comments.filter((c) => !c.system);
          const items = all.slice((n - 1) * PAGE, n * PAGE);
          return send(res, 200, { value: items.map(thread), count: items.length }, n * PAGE < all.length ? { 'x-ms-continuationtoken': String(n + 1) } : {});
        }
        if (!rest && method === 'POST') return send(res, 200, thread(create(body.comments[0].content)));
        const [t, , cid] = rest.split('/');
        const c = comments.find((x) => String(x.thread) === t && (cid === undefined || String(x.id) === cid));
        if (!c) return send(res, 404, { message: 'thread not found' });
        if (cid === undefined && method === 'PATCH') return (c.hidden = body.status === 4 || body.status === 'closed'), send(res, 200, thread(c));
        if (method === 'PATCH') return (c.body = body.content), send(res, 200, { id: c.id, content: c.body });
        if (method === 'DELETE') return comments.splice(comments.indexOf(c), 1), send(res, 200);
        return send(res, 405);
      },
    },
    bitbucket: {
      base: /^\/2\.0\/repositories\/(?<repo>[^/]+\/[^/]+)\/pullrequests\/(?<request>\d+)\/comments(?:\/(?<rest>\d+))?$/,
      handle(method, rest, url, body, res) {
        const bb = (c: StoredComment) => ({ id: c.id, content: { raw: c.body, markup: 'markdown' }, deleted: false });
        if (!rest && method === 'GET') {
          const p = page(url, 'page', 'pagelen');
          const next = new URL(url.href.replace('http://127.0.0.1', server_url()));
          next.searchParams.set('page', String(p.n + 1));
          return send(res, 200, { values: p.items.map(bb), page: p.n, pagelen: PAGE, ...(p.more ? { next: next.href } : {}) });
        }
        if (!rest && method === 'POST') return send(res, 201, bb(create(body.content.raw)));
        const c = byId(rest);
        if (!c) return send(res, 404, { type: 'error', error: { message: 'No comment' } });
        if (method === 'PUT') return (c.body = body.content.raw), send(res, 200, bb(c));
        if (method === 'DELETE') return comments.splice(comments.indexOf(c), 1), send(res, 204);
        return send(res, 405);
      },
    },
  };

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const server_url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: server_url(),
    comments,
    requests,
    fail,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
