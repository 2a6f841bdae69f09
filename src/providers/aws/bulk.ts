import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Continent, PricingTableInput } from '../../model/pricing.js';
import { httpGet, httpGetText, RemoteGaveUp } from '../../remote/discipline.js';
import type { BulkContext, BulkPart, BulkSource } from '../bulk.js';
import { NotAnOffer, readOfferStream } from './offer-file.js';
import { EC2_FILTERS, mapAwsProducts, S3_CLASSES, type AwsProduct } from './prices.js';
import { isSavingsPlanItem, mapSavingsPlans, readSavingsPlanStream, SAVINGS_PLAN_OFFER } from './savings-plans.js';
import { awsCredentialsConfigured, fetchSpotPrices, isSpotPriceRecord, mapSpotPrices } from './spot-history.js';

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

/**
 * `{regions: {code: {regionCode, currentVersionUrl}}}`, the shape of
 * offers/v1.0/aws/<offer>/current/region_index.json, or `{regions: [{regionCode,
 * versionUrl}]}`, the Savings Plans one (savingsPlan/v1.0/aws/<offer>/current/region_index.json).
 */
function regionIndex(text: string, what: string): { region: string; path: string }[] {
  let body: { regions?: Record<string, { regionCode?: string; currentVersionUrl?: string; versionUrl?: string }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new RemoteGaveUp(`${what} is not JSON`);
  }
  if (!body.regions || typeof body.regions !== 'object') throw new RemoteGaveUp(`${what} lists no regions`);
  return Object.entries(body.regions).flatMap(([code, r]) => {
    const path = r.currentVersionUrl ?? r.versionUrl;
    return path ? [{ region: r.regionCode ?? code, path }] : [];
  });
}

export const awsBulk: BulkSource = {
  source: `${AWS_OFFERS_URL}/offers/v1.0/aws/ (bulk offer files: AmazonEC2, AmazonS3, AWSDataTransfer) and ${AWS_OFFERS_URL}/savingsPlan/v1.0/aws/${SAVINGS_PLAN_OFFER}/`,

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
    // Savings Plans rates: their own offer, a file per region, read for the commitments the catalog lists.
    const what = `the AWS ${SAVINGS_PLAN_OFFER} region index`;
    const text = await httpGetText(`${base}/savingsPlan/v1.0/aws/${SAVINGS_PLAN_OFFER}/current/region_index.json`, { what, deadline: ctx.deadline, attempts: ATTEMPTS });
    for (const { region, path } of regionIndex(text, what)) {
      if (NOT_PUBLIC.test(region)) continue;
      parts.push({ id: `${SAVINGS_PLAN_OFFER}-${region}`, what: `Savings Plans ${region}`, url: new URL(path, `${base}/`).href, region });
    }
    // Spot prices need credentials (the offer files do not): read only when the standard chain has some.
    if (awsCredentialsConfigured(ctx.env)) {
      for (const region of Object.keys(spotTypesByRegion(ctx.table)).sort()) {
        parts.push({ id: `${SPOT}-${region}`, what: `spot prices ${region}`, url: `DescribeSpotPriceHistory in ${region}`, region });
      }
    }
    return parts;
  },

  async fetchPart(part, ctx) {
    if (part.id.startsWith(`${SPOT}-`)) {
      const region = part.region!;
      return fetchSpotPrices(region, spotTypesByRegion(ctx.table)[region] ?? [], { deadline: ctx.deadline, onProgress: ctx.onProgress, endpoint: ctx.env.AWS_ENDPOINT_URL_EC2 || undefined });
    }
    const what = `the AWS ${part.what} offer (${part.url})`;
    const onWait = (ms: number) => ctx.onProgress?.({ query: part.what, pages: 0, seen: 0, waitingMs: ms });
    const res = await httpGet(part.url, { what, deadline: ctx.deadline, attempts: ATTEMPTS, onWait });
    if (!res.body) throw new RemoteGaveUp(`${what} sent no body`);
    const total = Number(res.headers.get('content-length') ?? 0) || 0;
    const offer = part.id.slice(0, part.id.indexOf('-'));
    const instances = new Set(Object.keys(ctx.table.instances ?? {}));
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    try {
      if (offer === SAVINGS_PLAN_OFFER) return await readSavingsPlanStream(body, { total, query: part.what, instances, onProgress: ctx.onProgress });
      const { items } = await readOfferStream(body, { total, query: part.what, keep: keeper(offer, instances), onProgress: ctx.onProgress });
      return items;
    } catch (e) {
      if (ctx.deadline.remaining() === 0) throw ctx.deadline.expired(what);
      if (e instanceof NotAnOffer) throw new RemoteGaveUp(`${what}: ${e.message}`);
      throw e;
    }
  },

  regionsOf(items) {
    const regions = new Set<string>();
    for (const item of items) {
      if (isSpotPriceRecord(item) || isSavingsPlanItem(item)) continue;
      const a = (item as AwsProduct).product.attributes;
      for (const r of [a.regionCode, a.fromRegionCode]) if (r && !NOT_PUBLIC.test(r)) regions.add(r);
    }
    return [...regions].sort();
  },

  continentOf,

  map(items, table) {
    const spot = items.filter(isSpotPriceRecord);
    const plans = items.filter(isSavingsPlanItem);
    const out = mapAwsProducts(items.filter((i) => !isSpotPriceRecord(i) && !isSavingsPlanItem(i)) as AwsProduct[], table);
    mapSpotPrices(spot, out);
    mapSavingsPlans(plans, table, out);
    return out;
  },

  notes(ctx) {
    return awsCredentialsConfigured(ctx.env)
      ? ['spot prices: DescribeSpotPriceHistory in every region the table prices an instance type, each zone\'s current Linux price averaged over the region\'s zones, dated today (spot_as_of)']
      : ["spot prices not read: DescribeSpotPriceHistory needs AWS credentials, and none were found in the environment, a profile or SSO (an instance role alone is not looked for); spot rates stay the bundled table's, each with its own spot_as_of"];
  },
};

/** The part id prefix of a region's spot prices. */
const SPOT = 'EC2SpotPrices';

/** The instance types the table prices on demand, by region: where spot prices are asked for. */
function spotTypesByRegion(table: PricingTableInput): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, entry] of Object.entries(table.instances ?? {})) {
    for (const region of Object.keys(entry.on_demand ?? {})) if (!NOT_PUBLIC.test(region)) (out[region] ??= []).push(name);
  }
  return out;
}

/** Sydney, Melbourne and Auckland are in "Asia Pacific" by name, in Oceania by place. */
const OCEANIA = new Set(['ap-southeast-2', 'ap-southeast-4', 'ap-southeast-6']);

/** The continent an AWS region code names: its prefix (eu-, ap-, …). */
export function continentOf(region: string): Continent | undefined {
  if (OCEANIA.has(region)) return 'oceania';
  const prefix = region.split('-')[0]!;
  const byPrefix: Record<string, Continent> = { us: 'north-america', ca: 'north-america', mx: 'north-america', sa: 'south-america', eu: 'europe', ap: 'asia', me: 'middle-east', il: 'middle-east', af: 'africa' };
  return NOT_PUBLIC.test(region) ? undefined : byPrefix[prefix];
}
