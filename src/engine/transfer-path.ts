import type { CloudEnd, ResolvedEndpoint } from '../model/endpoint.js';
import { formatEndpoint } from '../model/endpoint.js';
import type { TransferPath } from '../model/estimate.js';
import type { PricingTableInput } from '../model/pricing.js';
import type { Provider } from '../model/scenario.js';
import { cloud } from '../providers/index.js';
import type { PricingBook } from '../model/pricing-book.js';
import { blaming, LookupError, requireRegion, tableFor } from '../pricing/lookup.js';

type Cloud = CloudEnd;

/** Who pays for a transfer, and on which of DESIGN.md's transfer paths. */
export interface ClassifiedPath {
  path: TransferPath;
  /** The side whose prices apply: the source, or for ingress the destination. */
  payer: Cloud;
  table: PricingTableInput;
  /** Set when the path rests on an assumption (zones not given). */
  assumption?: string;
}

export function checkZone(provider: Provider, region: string, zone: string): void {
  const problem = cloud(provider).zoneProblem(region, zone);
  if (problem) throw new LookupError(problem.message, problem.suggestion, 'zone');
}

/** Whether an end is a bucket of a class its table calls object storage. */
function isObjectStorage(table: PricingTableInput, e: Cloud): boolean {
  return e.storageClass !== undefined && table.storage?.[e.storageClass]?.service === 'object-storage';
}

function checkCloud(book: PricingBook, e: Cloud): PricingTableInput {
  const table = tableFor(book, e.provider);
  requireRegion(table, e.region);
  if (e.zone !== undefined) checkZone(e.provider, e.region, e.zone);
  return table;
}

/** Both ends resolved: `storage:`/`nodes:` ends replaced by where their items are (resolveItem). */
export function classifyPath(from: ResolvedEndpoint, to: ResolvedEndpoint, book: PricingBook): ClassifiedPath {
  if (from.kind !== 'cloud') {
    if (to.kind !== 'cloud') {
      throw new LookupError(
        `neither end of ${formatEndpoint(from)} → ${formatEndpoint(to)} is in a cloud, so no provider charges for it`,
        'one end must be provider:region[:zone]',
      );
    }
    return { path: 'ingress', payer: to, table: blaming('to', () => checkCloud(book, to)) };
  }
  const table = blaming('from', () => checkCloud(book, from));
  if (to.kind !== 'cloud') return { path: 'internet', payer: from, table };
  blaming('to', () => checkCloud(book, to));
  if (to.provider !== from.provider) return { path: 'cross-cloud', payer: from, table };
  if (to.region !== from.region) return { path: 'inter-region', payer: from, table };
  // EC2↔S3 and VM↔GCS in one region carry no transfer charge, whatever the zones.
  if ((isObjectStorage(table, from) || isObjectStorage(table, to)) && table.network?.same_region_storage) {
    return { path: 'same-region-storage', payer: from, table };
  }
  if (from.zone !== undefined && to.zone !== undefined) {
    return { path: from.zone === to.zone ? 'same-zone' : 'inter-zone', payer: from, table };
  }
  const rule = table.network?.intra_region;
  const assume = rule?.assume ?? 'inter-zone';
  const why = rule?.note ?? 'the table does not say, so the dearer inter-zone rate is used';
  return {
    path: assume,
    payer: from,
    table,
    assumption: `zones not given on both ends, priced as ${assume} (${why}); give both zones to price it exactly`,
  };
}
