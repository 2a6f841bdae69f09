import type { Decimal } from '../model/decimal.js';
import type { Provider } from '../model/scenario.js';
import type { Tier } from '../model/pricing.js';
import type { COMMITMENT_PAYMENTS, COMMITMENT_PLANS, COMMITMENT_TERMS, CommittedPurchase } from '../model/purchase.js';

/** Which commitment a rate is for, in the table's terms (a `commitments:` entry without its rates). */
export interface CommitmentKey {
  purchase: CommittedPurchase;
  plan?: (typeof COMMITMENT_PLANS)[number];
  term: (typeof COMMITMENT_TERMS)[number];
  payment?: (typeof COMMITMENT_PAYMENTS)[number];
}

/** One commitment's effective $/hour by region, as a pricing source states it. */
export interface FetchedCommitment extends CommitmentKey {
  rates: Record<string, Decimal>;
}

/**
 * Rates read from a provider's pricing API, already in the table's terms
 * (instance names, region codes, $/hour, $/unit per the table's units). The
 * mappings produce it; write-table merges it into the YAML.
 */
export interface FetchedPrices {
  provider: Provider;
  instances: Record<string, { on_demand: Record<string, Decimal>; spot: Record<string, Decimal> }>;
  storage: Record<string, Record<string, Decimal | Tier[]>>;
  /** Internet egress tiers by source region. */
  internet_egress: Record<string, Tier[]>;
  /** Per GB (or GiB) on each billed side. */
  inter_zone?: Decimal;
  /** Region-to-region rates, sender side. */
  inter_region: { from: string; to: string; rate: Decimal }[];
  /** NAT gateway data processing (per GB or GiB) and hourly charge, by region. */
  nat: { per_gb: Record<string, Decimal>; per_hour: Record<string, Decimal> };
  /** Commitment rates (reservations, savings plans, CUDs) by instance type. */
  commitments: Record<string, FetchedCommitment[]>;
  /**
   * The kinds of commitment the source was read for: a table's commitment of
   * such a kind that the source did not price is reported as not found (a
   * source never asked for, say, savings plans says nothing about them).
   */
  commitmentsRead: CommittedPurchase[];
  /** What the mapping saw and left aside, for the user (unknown regions, skipped instance types…). */
  notes: string[];
}

export function emptyFetched(provider: Provider): FetchedPrices {
  return { provider, instances: {}, storage: {}, internet_egress: {}, inter_region: [], nat: { per_gb: {}, per_hour: {} }, commitments: {}, commitmentsRead: [], notes: [] };
}

export function setInstanceRate(out: FetchedPrices, instance: string, purchase: 'on_demand' | 'spot', region: string, rate: Decimal): void {
  const entry = (out.instances[instance] ??= { on_demand: {}, spot: {} });
  entry[purchase][region] = rate;
}

export const sameCommitment = (a: CommitmentKey, b: CommitmentKey) => a.purchase === b.purchase && a.plan === b.plan && a.term === b.term && a.payment === b.payment;

export function setCommitmentRate(out: FetchedPrices, instance: string, key: CommitmentKey, region: string, rate: Decimal): void {
  const list = (out.commitments[instance] ??= []);
  let entry = list.find((c) => sameCommitment(c, key));
  if (!entry) list.push((entry = { ...key, rates: {} }));
  entry.rates[region] = rate;
}

export function readCommitments(out: FetchedPrices, ...kinds: CommittedPurchase[]): void {
  for (const k of kinds) if (!out.commitmentsRead.includes(k)) out.commitmentsRead.push(k);
}

/**
 * Tiers from price bands given by their lower bounds (how both AWS and Google
 * publish them): each band runs up to where the next begins, the last is open.
 */
export function tiersFromBands(bands: readonly { from: Decimal; rate: Decimal }[]): Tier[] {
  const sorted = [...bands].sort((a, b) => a.from.cmp(b.from));
  return sorted.map((b, i) => {
    const next = sorted[i + 1];
    return next ? { up_to: next.from, rate: b.rate } : { rate: b.rate };
  });
}
