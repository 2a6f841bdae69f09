import type { Readable } from 'node:stream';
import chain from 'stream-chain';
import { pick } from 'stream-json/filters/pick.js';
import { parser } from 'stream-json/parser.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { Decimal } from '../../model/decimal.js';
import type { PricingTableInput } from '../../model/pricing.js';
import { readCommitments, setCommitmentRate, type FetchedPrices } from '../fetched.js';
import type { OnProgress } from '../progress.js';
import { NotAnOffer } from './offer-file.js';

/** The Savings Plans offer: Compute and EC2 Instance Savings Plans, one file per region (savingsPlan/v1.0/aws/…). */
export const SAVINGS_PLAN_OFFER = 'AWSComputeSavingsPlan';

/** A Savings Plan product of the offer (`products[]`), as the file gives it. */
interface PlanProduct {
  sku: string;
  productFamily?: string;
  attributes?: { purchaseOption?: string; purchaseTerm?: string };
}

/** One discounted usage of a plan (`terms.savingsPlan[].rates[]`). */
interface PlanRate {
  discountedSku?: string;
  discountedUsageType?: string;
  discountedOperation?: string;
  discountedServiceCode?: string;
  discountedRegionCode?: string;
  discountedInstanceType?: string;
  unit?: string;
  discountedRate?: { price?: string; currency?: string };
}

interface PlanTerm {
  sku: string;
  effectiveDate?: string;
  leaseContractLength?: { duration?: number | string; unit?: string };
  rates?: PlanRate[];
}

/** A plan's product and its term, the rates cut to the instance types a table prices: one cached item. */
export interface SavingsPlanItem {
  savingsPlan: { product: PlanProduct; term: PlanTerm };
}

export const isSavingsPlanItem = (x: unknown): x is SavingsPlanItem => typeof x === 'object' && x !== null && 'savingsPlan' in x;

const PLANS: Record<string, 'compute' | 'ec2-instance'> = { ComputeSavingsPlans: 'compute', EC2InstanceSavingsPlans: 'ec2-instance' };

/** "BoxUsage:p5.48xlarge", "USE2-BoxUsage:p5.48xlarge": shared-tenancy instance hours, the type after the colon. */
const BOX_USAGE = /^(?:[A-Z0-9]+-)?BoxUsage:(.+)$/;

/** A rate the table's on-demand Linux price compares with: EC2 instance hours, Linux (RunInstances), shared tenancy, USD. */
function instanceOf(rate: PlanRate): string | undefined {
  if (rate.discountedServiceCode !== 'AmazonEC2' || rate.discountedOperation !== 'RunInstances' || rate.unit !== 'Hrs') return undefined;
  if (rate.discountedRate?.currency !== 'USD' || rate.discountedRate.price === undefined) return undefined;
  return BOX_USAGE.exec(rate.discountedUsageType ?? '')?.[1];
}

const WANTED = (stack: readonly (string | number | null)[]) =>
  (stack.length === 2 && stack[0] === 'products') || (stack.length === 3 && stack[0] === 'terms' && stack[1] === 'savingsPlan');

export interface PlanStreamOptions {
  total: number;
  query: string;
  instances: ReadonlySet<string>;
  onProgress?: OnProgress;
}

/**
 * A region's Savings Plans file read as a stream (the us-east-1 one is large):
 * only no-upfront plans are held, each with the rates of the instance types
 * the table prices (Linux, shared tenancy). Products and terms are joined at
 * the end, whichever comes first in the file.
 */
export async function readSavingsPlanStream(source: Readable, o: PlanStreamOptions): Promise<SavingsPlanItem[]> {
  let read = 0;
  let lastReport = 0;
  const products = new Map<string, PlanProduct>();
  const terms: PlanTerm[] = [];
  source.on('data', (chunk: Buffer | string) => {
    read += chunk.length;
    // A report per ~1% of the file, as for the on-demand offers.
    if (o.onProgress && o.total > 0 && read - lastReport >= o.total / 100) {
      lastReport = read;
      o.onProgress({ query: o.query, pages: 0, seen: terms.length, bytes: { read, total: o.total } });
    }
  });
  try {
    for await (const { value } of chain([source, parser(), pick({ filter: WANTED }), streamValues()]) as AsyncIterable<{ value: unknown }>) {
      if (!value || typeof value !== 'object') continue;
      if ('rates' in value) {
        const term = value as PlanTerm;
        const rates = (term.rates ?? []).filter((r) => o.instances.has(instanceOf(r) ?? ''));
        if (rates.length) terms.push({ ...term, rates });
      } else if ('productFamily' in value) {
        const product = value as PlanProduct;
        if (product.attributes?.purchaseOption === 'No Upfront') products.set(product.sku, product);
      }
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    throw new NotAnOffer(`not a readable AWS Savings Plans file: ${(e as Error).message.split('\n')[0]}`);
  }
  o.onProgress?.({ query: o.query, pages: 0, seen: terms.length, bytes: { read, total: Math.max(read, o.total) } });
  return terms.flatMap((term) => {
    const product = products.get(term.sku);
    return product ? [{ savingsPlan: { product, term } }] : [];
  });
}

/**
 * Savings Plans rates → commitments of the table's instance types in its
 * regions: Compute and EC2 Instance plans, 1 and 3 years, no upfront; the
 * rate is the plan's $/hour for the type (`discountedRate`).
 */
export function mapSavingsPlans(items: readonly SavingsPlanItem[], table: PricingTableInput, out: FetchedPrices): void {
  if (!items.length) return;
  readCommitments(out, 'savings-plan');
  const regions = new Set(Object.keys(table.regions ?? {}));
  const instances = new Set(Object.keys(table.instances ?? {}));
  for (const { savingsPlan: { product, term } } of items) {
    const plan = PLANS[product.productFamily ?? ''];
    const years = Number(term.leaseContractLength?.duration);
    const length = years === 1 ? '1y' : years === 3 ? '3y' : undefined;
    if (!plan || !length || term.leaseContractLength?.unit !== 'year' || product.attributes?.purchaseOption !== 'No Upfront') continue;
    for (const rate of term.rates ?? []) {
      const instance = instanceOf(rate);
      const region = rate.discountedRegionCode ?? '';
      if (!instance || !instances.has(instance) || !regions.has(region)) continue;
      setCommitmentRate(out, instance, { purchase: 'savings-plan', plan, term: length, payment: 'no-upfront' }, region, new Decimal(rate.discountedRate!.price!));
    }
  }
}
