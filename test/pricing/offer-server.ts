import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { AwsProduct } from '../../src/providers/aws/prices.js';
import { API_FIXTURES, awsDataTransfer, awsNat, awsS3 } from './fixtures.js';
import { json, localServer } from './local-server.js';

type Terms = NonNullable<AwsProduct['terms']['OnDemand']>;

/** The products of the hand-written AmazonEC2 offer file, in GetProducts shape. */
function ec2Products(): AwsProduct[] {
  const offer = JSON.parse(readFileSync(join(API_FIXTURES, 'aws-offer-AmazonEC2.json'), 'utf8')) as { products: Record<string, AwsProduct['product']>; terms: { OnDemand: Record<string, Terms> } };
  return Object.entries(offer.products).map(([sku, product]) => ({ product, serviceCode: 'AmazonEC2', terms: { OnDemand: offer.terms.OnDemand[sku] } }));
}

/**
 * A region the test adds to the catalog: p4d.24xlarge at a TEST price (not a
 * real one), with the Capacity Block twin a real us-east-1 offer carries
 * (marketoption CapacityBlock, operation RunInstances:CB, priced 0), which
 * must never become the on-demand price.
 */
export const EXTRA_REGION = 'eu-south-1';
export const EXTRA_RATE = '27.1234';

function extraRegion(): AwsProduct[] {
  const base = ec2Products().find((p) => p.product.attributes.instanceType === 'p4d.24xlarge' && p.product.attributes.regionCode === 'us-east-1' && p.product.attributes.capacitystatus === 'Used' && p.product.attributes.operatingSystem === 'Linux')!;
  const copy = (sku: string, attrs: Record<string, string>, usd: string): AwsProduct => ({
    product: { ...base.product, sku, attributes: { ...base.product.attributes, regionCode: EXTRA_REGION, location: 'Europe (Milan)', usagetype: 'EUS1-BoxUsage:p4d.24xlarge', ...attrs } },
    serviceCode: 'AmazonEC2',
    terms: { OnDemand: { [`${sku}.JRTCKXETXF`]: { priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit: 'Hrs', beginRange: '0', endRange: 'Inf', pricePerUnit: { USD: usd }, description: 'test' } } } } },
  });
  // The Capacity Block SKU first: a mapper keeping the last one seen would still be wrong with this order reversed.
  return [copy('TESTEUS1P4DBLOCK', { marketoption: 'CapacityBlock', operation: 'RunInstances:CB' }, '0.0000000000'), copy('TESTEUS1P4DONDMD', {}, EXTRA_RATE)];
}

/** Each term's `sku` field, as the bulk files carry it (GetProducts items may leave it out). */
function withSkus(sku: string, terms: Terms | undefined): Terms {
  return Object.fromEntries(Object.entries(terms ?? {}).map(([code, t]) => [code, { ...t, sku, offerTermCode: code.split('.')[1] }])) as Terms;
}

function offerBody(offerCode: string, items: readonly AwsProduct[]): string {
  return JSON.stringify({
    formatVersion: 'v1.0',
    disclaimer: 'TEST DATA in the shape of an AWS bulk offer file.',
    offerCode,
    version: '20261120183402',
    publicationDate: '2026-11-20T18:34:02Z',
    products: Object.fromEntries(items.map((i) => [i.product.sku, i.product])),
    terms: { OnDemand: Object.fromEntries(items.map((i) => [i.product.sku, withSkus(i.product.sku, i.terms.OnDemand)])) },
  });
}

function byRegion(items: readonly AwsProduct[]): Record<string, AwsProduct[]> {
  const out: Record<string, AwsProduct[]> = {};
  for (const i of items) {
    const region = i.product.attributes.regionCode ?? i.product.attributes.fromRegionCode;
    if (region) (out[region] ??= []).push(i);
  }
  return out;
}

export interface OfferServerOptions {
  /** Answer 500 to these paths (an outage mid-build) until `heal()` is called. */
  failing?: (path: string) => boolean;
}

/**
 * The AWS bulk offer host: region_index.json per offer, then each region's
 * offer file, sent in several chunks with a Content-Length (as S3 serves
 * them). The first request for the extra region's EC2 offer is throttled
 * (429, Retry-After: 1).
 */
export async function awsOfferServer(o: OfferServerOptions = {}) {
  const offers: Record<string, Record<string, AwsProduct[]>> = {
    AmazonEC2: byRegion([...ec2Products(), ...awsNat(), ...extraRegion()]),
    AmazonS3: byRegion(awsS3()),
    AWSDataTransfer: byRegion(awsDataTransfer()),
  };
  let throttled = false;
  let failing = o.failing;
  const send = (res: ServerResponse, body: string) => {
    const bytes = Buffer.from(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
    const third = Math.ceil(bytes.length / 3);
    for (let i = 0; i < bytes.length; i += third) res.write(bytes.subarray(i, i + third));
    res.end();
  };
  const server = await localServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (failing?.(path)) return json(res, 500, { message: 'internal error' });
    const index = /^\/offers\/v1\.0\/aws\/(\w+)\/current\/region_index\.json$/.exec(path);
    if (index) {
      const regions = offers[index[1]!];
      if (!regions) return json(res, 404, { message: 'no such offer' });
      return json(res, 200, {
        formatVersion: 'v1.0',
        publicationDate: '2026-11-20T18:34:02Z',
        regions: Object.fromEntries(Object.keys(regions).map((r) => [r, { regionCode: r, currentVersionUrl: `/offers/v1.0/aws/${index[1]}/20261120183402/${r}/index.json` }])),
      });
    }
    // The Savings Plans offer: its index lists regions as an array with versionUrl; one region has a file.
    if (path === '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json') {
      return json(res, 200, { disclaimer: 'TEST DATA', publicationDate: '2026-11-20T00:00:00Z', regions: [{ regionCode: 'us-east-1', versionUrl: '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20261120000000/us-east-1/index.json' }] });
    }
    if (path === '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20261120000000/us-east-1/index.json') return send(res, readFileSync(join(API_FIXTURES, 'aws-savingsplan-us-east-1.json'), 'utf8'));
    const offer = /^\/offers\/v1\.0\/aws\/(\w+)\/\d+\/([a-z0-9-]+)\/index\.json$/.exec(path);
    const items = offer ? offers[offer[1]!]?.[offer[2]!] : undefined;
    if (!offer || !items) return json(res, 404, { message: 'not found' });
    if (offer[1] === 'AmazonEC2' && offer[2] === EXTRA_REGION && !throttled) {
      throttled = true;
      return json(res, 429, { message: 'SlowDown' }, { 'retry-after': '1' });
    }
    send(res, offerBody(offer[1]!, items));
  });
  return { ...server, heal: () => (failing = undefined), offerRequests: () => server.requests.filter((r) => /\/\d+\/[a-z0-9-]+\/index\.json$/.test(r.url)).map((r) => r.url) };
}
