import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Keys the local server takes (never real ones), for an SDK client pointed at it. */
export const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };
/** October 2026 checked whole: the month the answers below are of. */
export const OCT = { month: '2026-10', elapsedDays: 31, days: 31 };

export interface SeenRequest {
  target: string;
  contentType: string;
  body: Record<string, unknown>;
  authorization: string;
}

/** `hang`: never answer; `trickle`: send the headers, then a byte of the body every 300 ms, forever. */
export type Reply = { status?: number; body?: unknown; raw?: string; hang?: boolean; trickle?: boolean };

/**
 * A local stand-in for Cost Explorer speaking AWS JSON 1.1: POST /, the
 * operation in X-Amz-Target, JSON in and out. Each test scripts the replies.
 * As the real service does, a GetCostAndUsage answer holds only the metrics the
 * request named: the scripted groups carry every metric, the server keeps the asked ones.
 */
export async function startCostExplorer(reply: (req: SeenRequest, index: number) => Reply) {
  const seen: SeenRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const r: SeenRequest = {
        target: String(req.headers['x-amz-target'] ?? ''),
        contentType: String(req.headers['content-type'] ?? ''),
        body: text ? JSON.parse(text) : {},
        authorization: String(req.headers.authorization ?? ''),
      };
      seen.push(r);
      const out = reply(r, seen.length - 1);
      if (out.hang) {
        hanging.push(res);
        return;
      }
      if (out.trickle) {
        hanging.push(res);
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        const timer = setInterval(() => res.write(' '), 300);
        res.on('close', () => clearInterval(timer));
        return;
      }
      res.writeHead(out.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(out.raw ?? JSON.stringify(onlyAsked(out.body ?? {}, r.body.Metrics)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of hanging) h.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the built CLI needs to reach the local server through the SDK's standard chain, with static test credentials. */
export function cliEnv(endpoint: string, cache: string, credentials: Record<string, string> = { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test-secret' }) {
  return {
    ...credentials,
    // The SDK's own endpoint override; nothing but the local server is reachable.
    AWS_ENDPOINT_URL_COST_EXPLORER: endpoint,
    AWS_CONFIG_FILE: `${cache}/no-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${cache}/no-credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_MAX_ATTEMPTS: '1',
    TOLLGATE_CACHE_DIR: cache,
  };
}

function onlyAsked(body: unknown, metrics: unknown): unknown {
  const answer = body as { ResultsByTime?: { Groups?: { Metrics?: Record<string, unknown> }[] }[] };
  if (!Array.isArray(metrics) || !Array.isArray(answer.ResultsByTime)) return body;
  return {
    ...answer,
    ResultsByTime: answer.ResultsByTime.map((period) => ({
      ...period,
      Groups: period.Groups?.map((g) => ({ ...g, Metrics: Object.fromEntries(Object.entries(g.Metrics ?? {}).filter(([m]) => metrics.includes(m))) })),
    })),
  };
}

/** A group: its keys, UnblendedCost, UsageQuantity and NetAmortizedCost (the unblended cost when not given: no commitment). */
export type GroupRow = [string[], string, string?, string?];

/** One MONTHLY result in Cost Explorer's shape. */
export function month(groups: GroupRow[], estimated = false, start = '2026-10-01', end = '2026-11-01') {
  return {
    TimePeriod: { Start: start, End: end },
    Total: {},
    Groups: groups.map(([Keys, cost, qty, amortized]) => ({
      Keys,
      Metrics: {
        UnblendedCost: { Amount: cost, Unit: 'USD' },
        NetAmortizedCost: { Amount: amortized ?? cost, Unit: 'USD' },
        ...(qty ? { UsageQuantity: { Amount: qty, Unit: 'N/A' } } : {}),
      },
    })),
    Estimated: estimated,
  };
}

/** A DAILY answer for October 2026: day n's groups from `rowsOf(n)`; days from `estimatedFrom` on are Estimated, as Cost Explorer marks the latest ones. */
export function october(rowsOf: (n: number) => GroupRow[], estimatedFrom = 32) {
  const day = (n: number) => new Date(Date.UTC(2026, 9, n)).toISOString().slice(0, 10);
  return Array.from({ length: 31 }, (_, i) => month(rowsOf(i + 1), i + 1 >= estimatedFrom, day(i + 1), day(i + 2)));
}
