import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import chain from 'stream-chain';
import { pick } from 'stream-json/filters/pick.js';
import { parser } from 'stream-json/parser.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { displayPath, InputError } from '../../model/diagnostics.js';
import { notRegular } from '../../model/read-text-file.js';
import type { OnProgress } from '../progress.js';
import { isReservedTerms, type AwsProduct } from './prices.js';

type Product = AwsProduct['product'];
type Terms = NonNullable<AwsProduct['terms']['OnDemand']>;

/** The parts of an offer file the mapping reads: its code and date, each product, each product's on-demand and reserved terms. */
const WANTED = (stack: readonly (string | number | null)[]) =>
  (stack.length === 1 && (stack[0] === 'offerCode' || stack[0] === 'publicationDate')) ||
  (stack.length === 2 && stack[0] === 'products') ||
  (stack.length === 3 && stack[0] === 'terms' && (stack[1] === 'OnDemand' || stack[1] === 'Reserved'));

const REFUSED = 'not an AWS offer file: it needs offerCode, products and terms';
const HINT = 'download one from https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json';

/** An offer stream that is not an offer: what is wrong with it, for the caller to name the file or URL. */
export class NotAnOffer extends Error {
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

export interface OfferStreamOptions {
  /** Bytes in all, for progress (a file's size, a response's Content-Length); 0 when unknown. */
  total: number;
  /** What progress names ("offer file index.json", "AmazonEC2 eu-north-1"). */
  query: string;
  keep: (p: Product) => boolean;
  onProgress?: OnProgress;
}

/**
 * A bulk offer (offers/v1.0/aws/<offer>/current/…/index.json) read as a
 * stream: the AmazonEC2 offer is ~450 MB, more than V8 will hold as one
 * string. Only products `keep` accepts are held, with their on-demand and reserved terms,
 * in the shape GetProducts returns them; progress reports bytes read.
 */
export async function readOfferStream(source: Readable, o: OfferStreamOptions): Promise<{ items: AwsProduct[]; products: number; terms: number }> {
  let read = 0;
  let lastReport = 0;
  source.on('data', (chunk: Buffer | string) => {
    read += chunk.length;
    // A report per ~1% of the file, not per chunk: a 450 MB file is ~7,000 chunks.
    if (o.onProgress && o.total > 0 && read - lastReport >= o.total / 100) {
      lastReport = read;
      o.onProgress({ query: o.query, pages: 0, seen: kept.size, bytes: { read, total: o.total } });
    }
  });
  let offerCode: string | undefined;
  const kept = new Map<string, AwsProduct>();
  let products = 0;
  let terms = 0;
  try {
    for await (const { value } of chain([source, parser(), pick({ filter: WANTED }), streamValues()]) as AsyncIterable<{ value: unknown }>) {
      if (typeof value === 'string') {
        // offerCode or publicationDate (a date, not needed by the mapping).
        if (!/^\d{4}-/.test(value)) offerCode ??= value;
      } else if (value && typeof value === 'object' && 'attributes' in value) {
        products++;
        const product = value as Product;
        if (o.keep(product)) kept.set(product.sku, { product, serviceCode: offerCode, terms: { OnDemand: {} } });
      } else if (value && typeof value === 'object') {
        // One product's terms, keyed by "<sku>.<offerTermCode>"; each term names its sku.
        const byCode = value as Terms;
        const reserved = isReservedTerms(byCode);
        if (!reserved) terms++;
        const sku = (Object.values(byCode)[0] as { sku?: string } | undefined)?.sku;
        const item = sku ? kept.get(sku) : undefined;
        if (item) item.terms[reserved ? 'Reserved' : 'OnDemand'] = byCode;
      }
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    throw new NotAnOffer(`not a readable AWS offer file: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!offerCode || (products > 0 && terms === 0)) throw new NotAnOffer(REFUSED, HINT);
  o.onProgress?.({ query: o.query, pages: 0, seen: kept.size, bytes: { read, total: Math.max(read, o.total) } });
  return { items: [...kept.values()], products, terms };
}

/** A bulk offer file on disk (`pricing update --input`), read as readOfferStream reads one. */
export async function readOfferFile(file: string, keep: (p: Product) => boolean, onProgress?: OnProgress): Promise<AwsProduct[]> {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new InputError([{ file: displayPath(file), message: 'AWS offer file not found or not readable' }]);
  }
  // A device or FIFO (a symlink to /dev/zero) would never end, or block: only regular files are read.
  if (!stat.isFile()) throw new InputError([{ file: displayPath(file), ...notRegular(stat) }]);
  try {
    const { items, products } = await readOfferStream(createReadStream(file), { total: stat.size, query: `offer file ${basename(file)}`, keep, onProgress });
    // A file given by hand with no products is the wrong file, not an empty region.
    if (products === 0) throw new NotAnOffer(REFUSED, HINT);
    return items;
  } catch (e) {
    if (e instanceof NotAnOffer) throw new InputError([{ file: displayPath(file), message: e.message, suggestion: e.suggestion }]);
    throw e;
  }
}
