import * as z from 'zod';
import { PROVIDERS } from './scenario.js';
import { decimal } from './zod-decimal.js';
import { COMMITMENT_PAYMENTS, COMMITMENT_PLANS, COMMITMENT_TERMS, COMMITTED_PURCHASES } from './purchase.js';

export const CONTINENTS = ['north-america', 'south-america', 'europe', 'asia', 'oceania', 'middle-east', 'africa'] as const;
export type Continent = (typeof CONTINENTS)[number];

export { COMMITMENT_PAYMENTS, COMMITMENT_PLANS, COMMITMENT_TERMS } from './purchase.js';
export const COMMITMENT_PURCHASES = COMMITTED_PURCHASES;

/**
 * The table schemas, built on first use: the CLI reads the bundled tables
 * precompiled (src/pricing/compiled.ts), so most runs never validate a table
 * and need not spend start-up building its schema.
 */
function buildSchemas() {
  const rate = decimal({ min: 0 });
  const isoDate = z
    .string({ error: 'expected a date (YYYY-MM-DD)' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD');
  const url = z.string({ error: 'expected the URL or API the prices were read from' }).min(1);

  /** A band of a tiered price: applies up to `up_to` units of the monthly aggregate (open-ended when omitted). */
  const tierSchema = z.strictObject({
    up_to: decimal({ exclusiveMin: 0 }).optional(),
    rate,
  });
  const tiers = z
    .array(tierSchema, { error: 'expected a list of tiers ({up_to, rate})' })
    .min(1, 'a tier list needs at least one tier')
    .superRefine((list, ctx) => {
      list.forEach((t, i) => {
        const last = i === list.length - 1;
        if (!last && t.up_to === undefined) {
          ctx.addIssue({ code: 'custom', path: [i], message: 'only the last tier may leave out up_to' });
        }
        const prev = list[i - 1]?.up_to;
        if (prev !== undefined && t.up_to !== undefined && t.up_to.lte(prev)) {
          ctx.addIssue({ code: 'custom', path: [i, 'up_to'], message: `up_to must grow: ${t.up_to} follows ${prev}` });
        }
        if (last && t.up_to !== undefined) {
          ctx.addIssue({ code: 'custom', path: [i], message: 'the last tier must be open-ended (no up_to)' });
        }
      });
    });

  const regionRates = z.record(z.string(), rate, { error: 'expected region: rate pairs' });

  /** When a set of prices was read: one date for all its regions, or one per region. */
  const priceDate = z.union([isoDate, z.record(z.string(), isoDate)], { error: 'expected a date (YYYY-MM-DD) or region: date pairs' });
  /** A row's own date (one, or per region), where it is not the table's as_of. */
  const rowAsOf = priceDate.optional().describe("when this row's rates were read (one date or region: date pairs), where it is not the table's as_of");

  /** GB (10^9 bytes) or GiB (2^30 bytes): what a table's volume rates are quoted per. */
  const volumeUnit = z.enum(['GB', 'GiB']);

  /** A provisioned size's unit: `gb:` is taken as this unit as written (the provider sizes and bills it so), not converted. */
  const sizedUnit = volumeUnit
    .optional()
    .describe('the unit the provider sizes and bills this in: the gb: a plan writes is taken in it as written, not converted');


  /**
   * A commitment rate of an instance type: what one instance-hour costs under a
   * 1- or 3-year commitment, upfront payments spread over the term's hours (the
   * effective hourly rate the providers publish), by region.
   */
  const commitmentSchema = z.strictObject({
    purchase: z.enum(COMMITTED_PURCHASES),
    /** AWS Savings Plans: compute or ec2-instance; AWS Reserved Instances: standard or convertible. */
    plan: z.enum(COMMITMENT_PLANS).optional(),
    term: z.enum(COMMITMENT_TERMS),
    payment: z.enum(COMMITMENT_PAYMENTS).optional(),
    rates: regionRates.describe('effective $/hour by region'),
    as_of: isoDate.optional(),
    source: z.string().optional(),
  });

  const instanceSchema = z.strictObject({
    gpu: z
      .strictObject({
        model: z.string(),
        count: decimal({ integer: true, exclusiveMin: 0 }),
        memory_gb: decimal({ exclusiveMin: 0 }).optional(),
      })
      .optional(),
    vcpus: decimal({ integer: true, exclusiveMin: 0 }).optional(),
    memory_gb: decimal({ exclusiveMin: 0 }).optional(),
    on_demand: regionRates.optional().describe('$/hour by region'),
    /** When the on-demand prices were read, where it is not the table's as_of. */
    as_of: priceDate.optional(),
    spot: regionRates.optional().describe('$/hour by region; spot prices move, note the date'),
    /** The date of the spot snapshot (spot moves daily; a table's date is not its spot's). */
    spot_as_of: priceDate.optional(),
    commitments: z.array(commitmentSchema).optional(),
    /** AWS EC2 Capacity Blocks for ML: $/instance-hour of a block by region, where a published rate is known. */
    capacity_block: regionRates.optional().describe('$/instance-hour of a capacity block by region'),
    capacity_block_as_of: priceDate.optional(),
    /** GCP Flex-start (Dynamic Workload Scheduler) $/hour by region. */
    flex_start: regionRates.optional().describe('$/hour under flex-start by region'),
    flex_start_as_of: priceDate.optional(),
    /** Shown when the type cannot be bought as asked (e.g. sold as spot only). */
    note: z.string().optional(),
    source: z.string().optional(),
  });

  const storageClassSchema = z.strictObject({
    description: z.string().optional(),
    service: z
      .enum(['object-storage', 'file-system'])
      .optional()
      .describe('object storage is read by compute in its region without a transfer charge (network.same_region_storage)'),
    rates: z.record(z.string(), z.union([rate, tiers]), { error: 'expected region: rate (or tier list) pairs' }).optional(),
    requests: z
      .strictObject({
        get: regionRates.optional().describe('$ per 1,000 read requests by region'),
        put: regionRates.optional().describe('$ per 1,000 write/list requests by region'),
        assumption: z.string().optional().describe('listed in the assumptions of every estimate these rates price'),
        source: z.string().optional(),
      })
      .optional(),
    unit: sizedUnit,
    as_of: rowAsOf,
    source: z.string().optional(),
  });

  /** A provisioned extra on a disk (IOPS, MB/s): the first `included` are free, each one above costs its monthly rate. */
  const provisioned = z.strictObject({
    included: decimal({ min: 0 }),
    month: regionRates.describe('$ per unit-month above the included amount, by region'),
    required: z
      .boolean()
      .optional()
      .describe('every disk of the class has some provisioned and billed (Hyperdisk Extreme): a plan must say how many, or its disk would be priced on capacity alone'),
  });

  const diskClassSchema = z.strictObject({
    description: z.string().optional(),
    gb_month: regionRates.describe('$ per provisioned GB-month (GiB-month where unit is GiB) by region'),
    unit: sizedUnit,
    iops: provisioned.optional().describe('left out for classes without provisioned IOPS'),
    throughput_mbps: provisioned.optional().describe('left out for classes without provisioned throughput'),
    assumption: z.string().optional().describe('listed in the assumptions of every estimate this class prices'),
    as_of: rowAsOf,
    source: z.string(),
  });

  /** A managed Kubernetes control plane: $ per cluster-hour by tier, then region. */
  const clusterKindSchema = z.strictObject({
    description: z.string().optional(),
    tiers: z.record(z.string(), regionRates),
    default_tier: z.string(),
    as_of: rowAsOf,
    source: z.string(),
  });

  /**
   * A load balancer kind: hours × the hourly fee, plus what it processes. AWS
   * bills capacity units (LCU-hours: the largest of four dimensions each hour,
   * one of them GB processed), so processed GB become unit-hours at
   * `gb_per_unit_hour`; a provider that bills per GB gives `per_gb`.
   */
  const loadBalancerKindSchema = z.strictObject({
    description: z.string().optional(),
    per_hour: regionRates.describe('$ per load-balancer-hour by region'),
    capacity_unit: z
      .strictObject({
        name: z.string(),
        gb_per_unit_hour: decimal({ exclusiveMin: 0 }),
        per_hour: regionRates.describe('$ per capacity-unit-hour by region'),
      })
      .optional(),
    per_gb: regionRates.optional().describe('$ per GB processed by region'),
    assumption: z.string().optional().describe('listed in the assumptions of every estimate this kind prices'),
    as_of: isoDate.optional(),
    source: z.string(),
  });

  const interRegionRuleSchema = z.strictObject({
    from: z.string().describe('a region, a continent, or "any"'),
    to: z.string().describe('a region, a continent, or "any"'),
    rate,
    /** When the rule's rate was read, where it is not the table's as_of, and from where. */
    as_of: isoDate.optional(),
    source: z.string().optional(),
  });

  const networkSchema = z.strictObject({
    ingress: rate.optional(),
    inter_zone: z
      .strictObject({
        rate,
        sides: decimal({ integer: true, min: 1, max: 2 }).describe('2 when both the sending and the receiving side pay'),
      })
      .optional(),
    intra_region: z
      .strictObject({
        assume: z.enum(['same-zone', 'inter-zone']),
        note: z.string(),
      })
      .optional()
      .describe('how a same-region transfer without zones is priced'),
    inter_region: z.array(interRegionRuleSchema).optional(),
    public_ipv4: z
      .strictObject({ per_hour: regionRates, as_of: rowAsOf, source: z.string() })
      .optional()
      .describe('$ per public IPv4 address-hour (public_ipv4: on a node group)'),
    same_region_storage: z
      .strictObject({ rate, source: z.string() })
      .optional()
      .describe('object storage <-> compute in one region (a storage: end of service object-storage)'),
    internet_egress: z
      .strictObject({
        tiers,
        regions: z.record(z.string(), tiers).optional().describe('source regions priced on their own tiers'),
        unpriced: z.array(z.string()).optional().describe('source regions whose tiers are not known: a lookup error, not the default tiers'),
        note: z.string().optional(),
        assumption: z.string().optional().describe('listed in the assumptions of every estimate these tiers price'),
      })
      .optional(),
    // --- paths a transfer takes (`via:` on a transfer, src/engine/price-via.ts) ---
    gateway_endpoint: z
      .strictObject({ rate, as_of: isoDate.optional(), source: z.string() })
      .optional()
      .describe('a gateway VPC endpoint to S3 or DynamoDB in its region: via: gateway-endpoint, instead of NAT'),
    interface_endpoint: z
      .strictObject({
        name: z.string().optional(),
        per_az_hour: regionRates.describe('$ per endpoint per Availability Zone per hour, by region'),
        per_gb: z.record(z.string(), tiers, { error: 'expected region: tier list pairs' }).describe('$ per unit processed, tiers on the region total'),
        as_of: isoDate.optional().describe('when these rates were read, where it is not the table\'s as_of'),
        source: z.string(),
      })
      .optional()
      .describe('interface VPC endpoints (PrivateLink): via: vpc-endpoint'),
    cdn: z
      .strictObject({
        name: z.string(),
        tiers: tiers.describe('$ per unit delivered, on the provider-wide monthly total of via: cdn flows'),
        origin_fetch: rate.describe('$ per unit from an origin in this cloud to the CDN'),
        requests: z
          .strictObject({
            per: decimal({ integer: true, exclusiveMin: 0 }).describe('requests the rate is quoted per (e.g. 10000)'),
            tiers: tiers.describe('up_to in units of `per` requests'),
          })
          .optional(),
        edge: z.string().optional().describe('the viewers `tiers` and `requests` are for, as a transfer\'s `viewers:` names them (e.g. us); the default'),
        edge_name: z.string().optional().describe('where those viewers are, as the price page says it'),
        edges: z
          .record(
            z.string(),
            z.strictObject({
              name: z.string().describe('where the viewers are, as the price page says it'),
              tiers: tiers.describe('$ per unit delivered from these edges, their own monthly total (the free allowance, if any, as a first tier at 0)'),
              request_tiers: tiers.optional().describe('up_to in units of `requests.per` requests'),
            }),
          )
          .optional()
          .describe('the other viewer regions, each on its own schedule: via: cdn with viewers: KEY'),
        assumption: z.string().optional().describe('listed in the assumptions of every estimate these rates price'),
        as_of: isoDate.optional().describe('when these rates were read, where it is not the table\'s as_of'),
        source: z.string(),
      })
      .optional()
      .describe('CDN delivery in front of internet egress: via: cdn'),
    interconnect: z
      .strictObject({
        name: z.string(),
        ports: z.record(z.string(), regionRates).describe('$ per port-hour (or per port-month, see port_unit) by port speed, then region'),
        /** ExpressRoute publishes a circuit's price per month, not per hour: kept as published rather than divided into inexact hours. */
        port_unit: z.enum(['hour', 'month']).optional().describe('what a ports rate is per: hour (default) or month'),
        default_port: z.string(),
        per_gb: regionRates.describe('$ per unit sent out over the connection, by region'),
        assumption: z.string().optional().describe('listed in the assumptions of every estimate these rates price'),
        as_of: isoDate.optional().describe('when these rates were read, where it is not the table\'s as_of'),
        source: z.string(),
      })
      .optional()
      .describe('private connectivity to on-prem: via: interconnect'),
    nat: z
      .strictObject({
        per_gb: regionRates,
        per_hour: regionRates.optional(),
        /** Region: date, for rates read earlier than the table's as_of. */
        as_of: z.record(z.string(), isoDate).optional(),
        note: z.string().optional(),
      })
      .optional(),
    source: z.string().optional(),
  });

  const pricingTableSchema = z.strictObject({
    provider: z.enum(PROVIDERS, { error: (i) => `unknown provider ${JSON.stringify(i.input)}` }),
    as_of: isoDate,
    source: url,
    currency: z.literal('USD', { error: 'only USD tables are supported' }).optional(),
    units: z
      .strictObject({
        transfer: volumeUnit,
        storage: volumeUnit,
      })
      .optional()
      .describe('the unit rates are quoted per; scenario volumes are GB (10^9 bytes) and converted'),
    regions: z
      .record(
        z.string(),
        z.strictObject({
          continent: z.enum(CONTINENTS),
          name: z.string().optional(),
        }),
      )
      .optional(),
    instances: z.record(z.string(), instanceSchema).optional(),
    storage: z.record(z.string(), storageClassSchema).optional(),
    disks: z.record(z.string(), diskClassSchema).optional().describe('block storage on nodes (disk: on a node group)'),
    clusters: z.record(z.string(), clusterKindSchema).optional().describe('managed Kubernetes control planes (clusters: items)'),
    load_balancers: z.record(z.string(), loadBalancerKindSchema).optional().describe('load balancers (load_balancers: items)'),
    network: networkSchema.optional(),
  });

  return { tierSchema, commitmentSchema, instanceSchema, storageClassSchema, diskClassSchema, clusterKindSchema, loadBalancerKindSchema, interRegionRuleSchema, networkSchema, pricingTableSchema, priceDate, volumeUnit };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** A pricing table file (pricing/*.yaml, an override, the cached catalog). */
export function pricingTableSchema(): Schemas['pricingTableSchema'] {
  return (schemas ??= buildSchemas()).pricingTableSchema;
}

export type Tier = z.infer<Schemas['tierSchema']>;
export type VolumeUnit = z.infer<Schemas['volumeUnit']>;
export type PricingTableInput = z.infer<Schemas['pricingTableSchema']>;
export type InstancePrice = z.infer<Schemas['instanceSchema']>;
export type Commitment = z.infer<Schemas['commitmentSchema']>;
export type PriceDate = z.infer<Schemas['priceDate']>;
export type StorageClass = z.infer<Schemas['storageClassSchema']>;
export type DiskClass = z.infer<Schemas['diskClassSchema']>;
export type ClusterKind = z.infer<Schemas['clusterKindSchema']>;
export type LoadBalancerKind = z.infer<Schemas['loadBalancerKindSchema']>;
export type Network = z.infer<Schemas['networkSchema']>;
export type InterRegionRule = z.infer<Schemas['interRegionRuleSchema']>;
