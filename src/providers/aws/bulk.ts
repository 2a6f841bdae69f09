import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Continent } from '../../model/pricing.js';
import { httpGet, httpGetText, RemoteGaveUp } from '../../remote/discipline.js';
import type { BulkContext, BulkPart, BulkSource } from '../bulk.js';
import { NotAnOffer, readOfferStream } from './offer-file.js';
import { EC2_FILTERS, mapAwsProducts, S3_CLASSES, type AwsProduct } from './prices.js';

/** The public bulk offer files: no credentials, no per-request charge. */
export const AWS_OFFERS_URL = 'https://pricing.us-east-1.amazonaws.com';

/** The offers a catalog reads: instances and NAT (AmazonEC2), storage (AmazonS3), transfer (AWSDataTransfer). */
const OFFERS = ['AmazonEC2', 'AmazonS3', 'AWSDataTransfer'] as const;

/** Tries per file when the host answers 429 or 503. */
const ATTEMPTS = 6;

/** GovCloud, the China partition and the ISO regions are sold apart from the public price list. */
const NOT_PUBLIC = /^(us-gov-|cn-|us-iso|eu-isoe-)/;

/** The products of an offer the mapping reads; the rest of a ~450 MB EC2 offer is dropped while streaming. */
function keeper(offer: string, instances: ReadonlySet<string>) {
  if (offer === 'AmazonEC2') {
    return (p: AwsProduct['product']) =>
      p.productFamily === 'NAT Gateway' ||
      (p.attributes.instanceType !== undefined && instances.has(p.attributes.instanceType) && Object.entries(EC2_FILTERS).every(([k, v]) => p.attributes[k] === v));
  }
  if (offer === 'AmazonS3') return (p: AwsProduct['product']) => p.productFamily === 'Storage' && S3_CLASSES.some((c) => c.volumeType === p.attributes.volumeType);
  return () => true;
}

function baseUrl(ctx: BulkContext): string {
  return (ctx.env.TOLLGATE_AWS_OFFERS_URL || AWS_OFFERS_URL).replace(/\/+$/, '');
}

/** `{regions: {code: {regionCode, currentVersionUrl}}}`, the shape of offers/v1.0/aws/<offer>/current/region_index.json. */
function regionIndex(text: string, what: string): { region: string; path: string }[] {
  let body: { regions?: Record<string, { regionCode?: string; currentVersionUrl?: string }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new RemoteGaveUp(`${what} is not JSON`);
  }
  if (!body.regions || typeof body.regions !== 'object') throw new RemoteGaveUp(`${what} lists no regions`);
  return Object.entries(body.regions).flatMap(([code, r]) => (r.currentVersionUrl ? [{ region: r.regionCode ?? code, path: r.currentVersionUrl }] : []));
}

export const awsBulk: BulkSource = {
  source: `${AWS_OFFERS_URL}/offers/v1.0/aws/ (bulk offer files: AmazonEC2, AmazonS3, AWSDataTransfer)`,

  async parts(ctx) {
    const base = baseUrl(ctx);
    const parts: BulkPart[] = [];
    for (const offer of OFFERS) {
      const what = `the AWS ${offer} region index`;
      const text = await httpGetText(`${base}/offers/v1.0/aws/${offer}/current/region_index.json`, { what, deadline: ctx.deadline, attempts: ATTEMPTS });
      for (const { region, path } of regionIndex(text, what)) {
        if (NOT_PUBLIC.test(region)) continue;
        parts.push({ id: `${offer}-${region}`, what: `${offer} ${region}`, url: new URL(path, `${base}/`).href, region });
      }
    }
    return parts;
  },

  async fetchPart(part, ctx) {
    const what = `the AWS ${part.what} offer (${part.url})`;
    const onWait = (ms: number) => ctx.onProgress?.({ query: part.what, pages: 0, seen: 0, waitingMs: ms });
    const res = await httpGet(part.url, { what, deadline: ctx.deadline, attempts: ATTEMPTS, onWait });
    if (!res.body) throw new RemoteGaveUp(`${what} sent no body`);
    const total = Number(res.headers.get('content-length') ?? 0) || 0;
    const offer = part.id.slice(0, part.id.indexOf('-'));
    try {
      const { items } = await readOfferStream(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), {
        total,
        query: part.what,
        keep: keeper(offer, new Set(Object.keys(ctx.table.instances ?? {}))),
        onProgress: ctx.onProgress,
      });
      return items;
    } catch (e) {
      if (ctx.deadline.remaining() === 0) throw ctx.deadline.expired(what);
      if (e instanceof NotAnOffer) throw new RemoteGaveUp(`${what}: ${e.message}`);
      throw e;
    }
  },

  regionsOf(items) {
    const regions = new Set<string>();
    for (const item of items as readonly AwsProduct[]) {
      const a = item.product.attributes;
      for (const r of [a.regionCode, a.fromRegionCode]) if (r && !NOT_PUBLIC.test(r)) regions.add(r);
    }
    return [...regions].sort();
  },

  continentOf,

  map: (items, table) => mapAwsProducts(items as readonly AwsProduct[], table),
};

/** Sydney, Melbourne and Auckland are in "Asia Pacific" by name, in Oceania by place. */
const OCEANIA = new Set(['ap-southeast-2', 'ap-southeast-4', 'ap-southeast-6']);

/** The continent an AWS region code names: its prefix (eu-, ap-, …). */
export function continentOf(region: string): Continent | undefined {
  if (OCEANIA.has(region)) return 'oceania';
  const prefix = region.split('-')[0]!;
  const byPrefix: Record<string, Continent> = { us: 'north-america', ca: 'north-america', mx: 'north-america', sa: 'south-america', eu: 'europe', ap: 'asia', me: 'middle-east', il: 'middle-east', af: 'africa' };
  return NOT_PUBLIC.test(region) ? undefined : byPrefix[prefix];
}
