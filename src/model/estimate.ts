import type { Decimal } from './decimal.js';
import type { PathSegment } from './yaml-source.js';
import type { Provider } from './scenario.js';
import type { PricingSource } from './pricing-book.js';
import type { Purchase } from './purchase.js';

export const CATEGORIES = ['compute', 'storage', 'egress', 'ingress', 'network'] as const;
export type Category = (typeof CATEGORIES)[number];

/** How a transfer was priced (DESIGN.md, "Transfer paths"). */
export type TransferPath =
  | 'same-zone'
  | 'inter-zone'
  | 'same-region-storage'
  | 'inter-region'
  | 'cross-cloud'
  | 'internet'
  | 'ingress';

/** One band of a tiered price: the quantity of it used (by the aggregate, or by one line's share). */
export interface TierShare {
  from: Decimal;
  to?: Decimal;
  rate: Decimal;
  quantity: Decimal;
}

/** A tiered line: the aggregate its tiers priced and that aggregate's bands (one object for every line of it; a line's share is its quantity's). */
export interface LineTiers {
  aggregate: Decimal;
  bands: readonly TierShare[];
}

/** How a node line is bought (src/engine/purchase-options.ts). */
export interface LinePurchase {
  option: Purchase;
  /** As the table names it: `reserved standard 1y no-upfront`. */
  label: string;
  /** Node-hours of work (useful hours under the interruption model). */
  usedHours: Decimal;
  /**
   * Node-hours paid, where more than those used: a committed option bills every hour of
   * the month and a capacity block its block, used or not (never spot: its extra hours are
   * interruptions, in `spot`). Paid minus used is the idle part.
   */
  paidHours?: Decimal;
  /** GPU-hours of work, for instances with GPUs. */
  gpuHours?: Decimal;
  /** The line's cost (with its share of any commitment covering it) per GPU-hour of work; for instances with GPUs. */
  gpuHourRate?: Decimal;
  /** Spot under the interruption model, per node: useful, expected billed and 95th-percentile billed hours. */
  spot?: { useful: Decimal; expected: Decimal; p95: Decimal };
}

/** What a plan's `commitments:` cover of a node line, in node-hours (src/engine/commitments.ts). */
export interface LineCoverage {
  usage: Decimal;
  covered: Decimal;
  uncovered: Decimal;
  /** The commitments that cover some of it, in the order they applied. */
  by: string[];
}

/** A commitment line's month: what it costs, how much of it eligible usage used, the rest wasted ($). */
export interface LineCommitment {
  used: Decimal;
  waste: Decimal;
  /** No usage in the plan is eligible for it (so all of it is waste): what it could cover, and why each node group is not that. */
  noEligible?: { couldCover: string; groups: string };
}

export interface LineItem {
  kind:
    | 'node'
    // A commitment's own line: its fee, used and wasted (src/engine/commitments.ts).
    | 'commitment'
    | 'disk'
    | 'public-ipv4'
    | 'cluster'
    | 'storage'
    | 'get-requests'
    | 'put-requests'
    | 'transfer'
    | 'nat-processing'
    | 'nat-gateway'
    // The lines a transfer's via: adds (src/engine/price-via.ts).
    | 'gateway-endpoint'
    | 'endpoint-processing'
    | 'endpoint-hours'
    | 'cdn-delivery'
    | 'cdn-requests'
    | 'interconnect-port'
    | 'lb-hours'
    | 'lb-processing';
  name: string;
  category: Category;
  provider: Provider;
  region: string;
  description: string;
  quantity: Decimal;
  unit: string;
  /** The rate, or for tiered lines the blended rate (cost / quantity). */
  rate: Decimal;
  cost: Decimal;
  /** Where in the scenario this line comes from (for locating errors and edits). */
  ref: PathSegment[];
  path?: TransferPath;
  /** For tiered lines: the aggregate the tiers were applied to and this line's share of each band. */
  tiers?: LineTiers;
  /** The date of the price this line used, when it is not its table's as_of (a spot snapshot, a per-type date). */
  as_of?: string;
  purchase?: LinePurchase;
  coverage?: LineCoverage;
  commitment?: LineCommitment;
}

export type Totals = Record<Category | 'total', Decimal>;

export interface Estimate {
  scenario: string;
  currency: 'USD';
  pricing: PricingSource[];
  lines: LineItem[];
  totals: Totals;
  assumptions: string[];
  budget?: { monthly: Decimal; alert_at?: Decimal };
}

/** A scenario line the pricing tables cannot price, with the scenario path to point at. */
export interface PlanMiss {
  path: PathSegment[];
  message: string;
  suggestion?: string;
}

export class PlanError extends Error {
  constructor(readonly misses: PlanMiss[]) {
    super(misses.map((m) => m.message).join('; '));
    this.name = 'PlanError';
  }
}
