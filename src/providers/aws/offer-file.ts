import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import chain from 'stream-chain';
import { pick } from 'stream-json/filters/pick.js';
import { parser } from 'stream-json/parser.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { displayPath, InputError } from '../../model/diagnostics.js';
import type { OnProgress } from '../progress.js';
import type { AwsProduct } from './prices.js';

type Product = AwsProduct['product'];
type OnDemandTerms = NonNullable<AwsProduct['terms']['OnDemand']>;

/** The parts of an offer file the mapping reads: its code and date, each product, each product's on-demand terms. */
const WANTED = (stack: readonly (string | number | null)[]) =>
  (stack.length === 1 && (stack[0] === 'offerCode' || stack[0] === 'publicationDate')) ||
  (stack.length === 2 && stack[0] === 'products') ||
  (stack.length === 3 && stack[0] === 'terms' && stack[1] === 'OnDemand');

const REFUSED = 'not an AWS offer file: it needs offerCode, products and terms';
const HINT = 'download one from https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json';

/**
 * A bulk offer file (offers/v1.0/aws/<offer>/current/…/index.json) read as a
 * stream: the AmazonEC2 offer is ~450 MB, more than V8 will hold as one string.
 * Only products `keep` accepts are held, with their on-demand terms, in the
 * shape GetProducts returns them; progress reports bytes read of the file.
 */
export async function readOfferFile(file: string, keep: (p: Product) => boolean, onProgress?: OnProgress): Promise<AwsProduct[]> {
  let total: number;
  try {
    total = statSync(file).size;
  } catch {
    throw new InputError([{ file: displayPath(file), message: 'AWS offer file not found or not readable' }]);
  }
  const source = createReadStream(file);
  const query = `offer file ${basename(file)}`;
  let lastReport = 0;
  source.on('data', () => {
    // A report per ~1% of the file, not per chunk: a 450 MB file is ~7,000 chunks.
    if (onProgress && source.bytesRead - lastReport >= total / 100) {
      lastReport = source.bytesRead;
      onProgress({ query, pages: 0, seen: kept.size, bytes: { read: source.bytesRead, total } });
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
        if (keep(product)) kept.set(product.sku, { product, serviceCode: offerCode, terms: { OnDemand: {} } });
      } else if (value && typeof value === 'object') {
        terms++;
        // One product's terms, keyed by "<sku>.<offerTermCode>"; each term names its sku.
        const byCode = value as OnDemandTerms;
        const sku = (Object.values(byCode)[0] as { sku?: string } | undefined)?.sku;
        const item = sku ? kept.get(sku) : undefined;
        if (item) item.terms.OnDemand = byCode;
      }
    }
  } catch (e) {
    throw new InputError([{ file: displayPath(file), message: `not a readable AWS offer file: ${(e as Error).message.split('\n')[0]}` }]);
  }
  if (!offerCode || products === 0 || terms === 0) throw new InputError([{ file: displayPath(file), message: REFUSED, suggestion: HINT }]);
  onProgress?.({ query, pages: 0, seen: kept.size, bytes: { read: total, total } });
  return [...kept.values()];
}
