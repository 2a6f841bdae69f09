import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '../../model/decimal.js';
import { allPages, type Deadline } from '../../remote/discipline.js';
import { setInstanceRate, type FetchedPrices } from '../fetched.js';
import type { OnProgress } from '../progress.js';

/**
 * One spot price of DescribeSpotPriceHistory (the SDK's and the CLI's shape),
 * with the region it was asked in: a part of `pricing update --all` keeps these.
 */
export interface SpotPriceRecord {
  kind: 'spot-price';
  region: string;
  InstanceType: string;
  AvailabilityZone: string;
  SpotPrice: string;
  Timestamp: string;
}

export function isSpotPriceRecord(item: unknown): item is SpotPriceRecord {
  return typeof item === 'object' && item !== null && (item as { kind?: unknown }).kind === 'spot-price';
}

/** Pages of up to 1,000 prices per region before it is taken for a loop. */
const MAX_PAGES = 100;

export interface SpotHistoryOptions {
  /** Only for tests and private endpoints; otherwise the SDK's (AWS_ENDPOINT_URL_EC2 is honoured). */
  endpoint?: string;
  /** Static credentials (tests); otherwise the SDK's standard chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  deadline: Deadline;
  onProgress?: OnProgress;
  /** The moment the prices are asked for; now when absent. */
  at?: Date;
}

/**
 * The spot price in effect now in every Availability Zone of `region`, for
 * the instance types asked (Linux/UNIX): DescribeSpotPriceHistory with
 * StartTime = EndTime = now answers with each zone's current price.
 */
export async function fetchSpotPrices(region: string, instanceTypes: readonly string[], opts: SpotHistoryOptions): Promise<SpotPriceRecord[]> {
  // Loaded here only: the EC2 client is large and only this path needs it.
  const { EC2Client, DescribeSpotPriceHistoryCommand } = await import('@aws-sdk/client-ec2');
  const client = new EC2Client({ region, endpoint: opts.endpoint, credentials: opts.credentials, maxAttempts: 8, retryMode: 'standard' });
  const at = opts.at ?? new Date();
  const out: SpotPriceRecord[] = [];
  const what = `the EC2 API in ${region} (DescribeSpotPriceHistory)`;
  try {
    await allPages({ what, maxPages: MAX_PAGES, deadline: opts.deadline, onPage: (pages) => opts.onProgress?.({ query: `spot prices ${region}`, pages, seen: out.length }) }, async (NextToken) => {
      const page = await client.send(
        new DescribeSpotPriceHistoryCommand({
          InstanceTypes: [...instanceTypes] as never,
          ProductDescriptions: ['Linux/UNIX'],
          StartTime: at,
          EndTime: at,
          MaxResults: 1000,
          NextToken,
        }),
        { abortSignal: opts.deadline.signal },
      );
      for (const p of page.SpotPriceHistory ?? []) {
        if (!p.InstanceType || !p.AvailabilityZone || !p.SpotPrice) continue;
        out.push({ kind: 'spot-price', region, InstanceType: p.InstanceType, AvailabilityZone: p.AvailabilityZone, SpotPrice: p.SpotPrice, Timestamp: p.Timestamp?.toISOString() ?? at.toISOString() });
      }
      return { items: [], next: page.NextToken || undefined };
    });
  } finally {
    client.destroy();
  }
  return out;
}

/**
 * Spot $/hour per instance type and region: the mean over the region's zones
 * of each zone's latest price (the zone-average the bundled snapshots use).
 * A zone listed twice counts with its newest price only.
 */
export function mapSpotPrices(records: readonly SpotPriceRecord[], out: FetchedPrices): void {
  const latest = new Map<string, SpotPriceRecord>();
  for (const r of records) {
    const key = `${r.InstanceType}\u0000${r.region}\u0000${r.AvailabilityZone}`;
    const was = latest.get(key);
    if (!was || was.Timestamp < r.Timestamp) latest.set(key, r);
  }
  const byTypeRegion = new Map<string, { type: string; region: string; prices: Decimal[] }>();
  for (const r of latest.values()) {
    const key = `${r.InstanceType}\u0000${r.region}`;
    const group = byTypeRegion.get(key) ?? { type: r.InstanceType, region: r.region, prices: [] };
    group.prices.push(new Decimal(r.SpotPrice));
    byTypeRegion.set(key, group);
  }
  for (const { type, region, prices } of byTypeRegion.values()) {
    const mean = prices.reduce((a, b) => a.plus(b), new Decimal(0)).div(prices.length);
    setInstanceRate(out, type, 'spot', region, mean.toDecimalPlaces(6));
  }
}

/**
 * Whether the standard chain has somewhere to find credentials without a
 * network call: the environment, a profile or SSO file, a web identity token,
 * a container endpoint. The instance metadata service is not asked (a network
 * call, and a one-second wait everywhere else), so an instance role alone is
 * not found; say AWS_PROFILE or export the keys.
 */
export function awsCredentialsConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return true;
  const home = env.HOME || homedir();
  const files = [env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE || join(home, '.aws', 'config')];
  return files.some((f) => existsSync(f));
}
