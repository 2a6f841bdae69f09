import * as z from 'zod';
import { actualsSelectorSchema } from './actuals-selector.js';
import type { Decimal } from './decimal.js';
import { highOf, quantity, type Quantity } from './quantity.js';
import { decimal, type DecimalRule } from './zod-decimal.js';
import { commitmentSchemaWith } from './commitments.js';
import { COMMITMENT_PAYMENTS, COMMITMENT_PLANS, COMMITMENT_TERMS, PURCHASES, purchaseChecks } from './purchase.js';

/** The month length cloud calculators use: 365 × 24 / 12. */
export const DEFAULT_HOURS_PER_MONTH = 730;

export const PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type Provider = (typeof PROVIDERS)[number];

const name = z
  .string({ error: 'expected a name (text)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'names use letters, digits, ".", "_" and "-" (no spaces)');
const provider = z.enum(PROVIDERS, { error: (i) => `unknown provider ${JSON.stringify(i.input)}` });
const text = (what: string) => z.string({ error: `expected ${what} (text)` }).min(1, `${what} is empty`);

/** A UTC instant as a date or a date and time: `2026-10-29`, `2026-10-29T12:00:00Z`. */
const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z)?$/;
export function isUtcInstant(v: string): boolean {
  const m = UTC_INSTANT.exec(v);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1).map((x) => x ?? '0');
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)));
  // Date.UTC rolls 2026-02-30 over into March: a real instant reads back the same.
  return t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(mo) - 1 && t.getUTCDate() === Number(d) && t.getUTCHours() === Number(h) && t.getUTCMinutes() === Number(mi) && t.getUTCSeconds() === Number(sec);
}
const utcInstant = z
  .string({ error: 'expected a UTC date or date-time (text), e.g. 2026-10-29T00:00:00Z' })
  .refine(isUtcInstant, { error: (i) => `${JSON.stringify(i.input)} is not a UTC date or date-time; write it as 2026-10-29 or 2026-10-29T00:00:00Z` });

/**
 * How a transfer travels, where that changes its bill (docs/transfer-paths.md):
 * nat-gateway adds NAT processing and gateway hours; gateway-endpoint reaches
 * object storage in its region free and without NAT; vpc-endpoint (an
 * interface endpoint, PrivateLink) adds endpoint-AZ hours and per-GB
 * processing; cdn delivers to the internet on the CDN's tiers and request fee
 * instead of direct egress; interconnect (Direct Connect …) sends to on-prem
 * at the private per-GB rate and adds port hours.
 */
export const VIAS = ['nat-gateway', 'gateway-endpoint', 'vpc-endpoint', 'cdn', 'interconnect'] as const;
export type Via = (typeof VIAS)[number];
/** Transfer fields that only mean something on one path. */
const VIA_FIELDS = [
  ['endpoint_azs', 'vpc-endpoint'],
  ['requests_per_month', 'cdn'],
  ['viewers', 'cdn'],
  ['port', 'interconnect'],
] as const;

type QuantitySchema = (rule: DecimalRule) => z.ZodType<Quantity>;

/**
 * The scenario schema, built once per kind of quantity: with `quantity` every
 * quantity of uncertain.ts's QUANTITY_FIELDS may be a range (the file as
 * written); with `decimal` they are plain numbers (what the engine prices).
 */
function scenarioSchemaWith<Q extends QuantitySchema>(q: Q) {
  const nodeGroup = z.strictObject({
    name,
    provider,
    region: text('a region'),
    zone: text('a zone').optional(),
    instance: text('an instance type'),
    count: q({ integer: true, min: 0 }) as ReturnType<Q>,
    hours: (q({ min: 0 }) as ReturnType<Q>).optional().describe('hours per node per month; default hours_per_month (useful hours when interruptions_per_hour is given)'),
    purchase: z.enum(PURCHASES, { error: (i) => `unknown purchase option ${JSON.stringify(i.input)}; options: ${PURCHASES.join(', ')}` }).optional(),
    // Committed options (src/engine/purchase-options.ts) pick their rate from the table's commitments by these.
    term: z.enum(COMMITMENT_TERMS, { error: (i) => `unknown term ${JSON.stringify(i.input)}; terms: ${COMMITMENT_TERMS.join(', ')}` }).optional().describe('1y or 3y, for savings-plan, reserved and committed-use'),
    payment: z.enum(COMMITMENT_PAYMENTS, { error: (i) => `unknown payment ${JSON.stringify(i.input)}; payments: ${COMMITMENT_PAYMENTS.join(', ')}` }).optional().describe('no-upfront, partial-upfront or all-upfront, where the provider has them'),
    plan: z.enum(COMMITMENT_PLANS, { error: (i) => `unknown plan ${JSON.stringify(i.input)}; plans: ${COMMITMENT_PLANS.join(', ')}` }).optional().describe('compute or ec2-instance (savings plans), standard or convertible (reserved)'),
    block_hours: decimal({ exclusiveMin: 0 }).optional().describe('capacity-block: hours of the block bought; every instance is paid for all of them'),
    // Only the actuals check reads it: the month's share of the fee on the effective basis (src/actuals/capacity-blocks.ts).
    block_start: utcInstant.optional().describe('capacity-block: when the block starts (UTC); the actuals check then counts the part of its fee for the block hours in the month'),
    // Per node, billed for the hours the nodes run; each number may be a range.
    disk: z
      .strictObject({
        class: text('a disk class'),
        gb: (q({ exclusiveMin: 0 }) as ReturnType<Q>).describe('provisioned GB per node'),
        iops: (q({ integer: true, min: 0 }) as ReturnType<Q>).optional().describe('provisioned IOPS per node, on classes that sell them'),
        throughput_mbps: (q({ min: 0 }) as ReturnType<Q>).optional().describe('provisioned MB/s per node, on classes that sell it'),
      })
      .optional()
      .describe('a block-storage volume on each node (EBS gp3/io2, …)'),
    public_ipv4: (q({ integer: true, min: 0 }) as ReturnType<Q>).optional().describe('public IPv4 addresses per node, billed by the hour'),
    // The spot interruption model (src/engine/spot-interruptions.ts): with it, hours are useful hours.
    interruptions_per_hour: (q({ min: 0 }) as ReturnType<Q>).optional().describe('spot interruptions per node-hour, a number or a range (sampled in Monte Carlo)'),
    checkpoint_every_hours: decimal({ exclusiveMin: 0 }).optional().describe('hours between checkpoints'),
    restart_hours: decimal({ min: 0 }).optional().describe('hours from an interruption to work resuming'),
    gang: z.boolean({ error: 'expected true or false' }).optional().describe('one interruption stops every node'),
  }).superRefine((n, ctx) => {
    interruptionChecks(n, ctx);
    purchaseChecks(n, ctx);
  });

  const storage = z.strictObject({
    name,
    provider,
    region: text('a region'),
    class: text('a storage class'),
    gb: (q({ min: 0 }) as ReturnType<Q>).describe('average GB (10^9 bytes) stored over the month'),
    get_requests_per_month: (q({ min: 0 }) as ReturnType<Q>)
      .optional()
      .describe('read requests a month (S3 GET/SELECT, "Tier 2"; Cloud Storage Class B), priced per 1,000'),
    put_requests_per_month: (q({ min: 0 }) as ReturnType<Q>)
      .optional()
      .describe('write and list requests a month (S3 PUT/COPY/POST/LIST, "Tier 1"; Cloud Storage Class A), priced per 1,000'),
  });

  const transfer = z
    .strictObject({
      name,
      from: text('an endpoint'),
      to: text('an endpoint'),
      gb_per_day: (q({ min: 0 }) as ReturnType<Q>).optional(),
      days: (q({ min: 0, max: 31 }) as ReturnType<Q>).optional(),
      gb_per_month: (q({ min: 0 }) as ReturnType<Q>).optional(),
      via: z.enum(VIAS, { error: (i) => `unknown via ${JSON.stringify(i.input)}` }).optional(),
      endpoint_azs: decimal({ integer: true, min: 1 }).optional().describe('via: vpc-endpoint: Availability Zones the interface endpoint is in'),
      requests_per_month: (q({ min: 0 }) as ReturnType<Q>).optional().describe('via: cdn: viewer requests a month, priced per the CDN\'s request unit'),
      viewers: text('a viewer region (e.g. europe)').optional().describe('via: cdn: where the viewers are, the CDN edge region that serves them (us, europe, japan, …); default: the table\'s default edge'),
      port: text('a port speed (e.g. 1g, 10g)').optional().describe('via: interconnect: the dedicated port speed'),
    })
    .superRefine((t, ctx) => {
      const perDay = t.gb_per_day !== undefined;
      const perMonth = t.gb_per_month !== undefined;
      if (perDay && perMonth) {
        ctx.addIssue({
          code: 'custom',
          path: ['gb_per_month'],
          message: 'give either gb_per_day or gb_per_month, not both',
        });
      } else if (!perDay && !perMonth) {
        ctx.addIssue({ code: 'custom', path: [], message: 'a transfer needs a volume: gb_per_day or gb_per_month' });
      } else if (perMonth && t.days !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'days only goes with gb_per_day' });
      }
      for (const [key, via] of VIA_FIELDS) {
        if (t[key] !== undefined && t.via !== via) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${key} only goes with via: ${via}${t.via ? ` (this transfer is via: ${t.via})` : ''}; remove it or set via: ${via}` });
        }
      }
    });

  const cluster = z.strictObject({
    name,
    provider,
    region: text('a region'),
    kind: text('a cluster kind (eks, gke, aks)'),
    tier: text('a support tier').optional(),
    hours: (q({ min: 0 }) as ReturnType<Q>).optional().describe('control-plane hours a month; default hours_per_month'),
  });

  const commitment = commitmentSchemaWith(provider, name);
  const loadBalancer = z.strictObject({
    name,
    provider,
    region: text('a region'),
    kind: text('a load balancer kind (alb, nlb)'),
    hours: (q({ min: 0 }) as ReturnType<Q>).optional().describe('hours the load balancer runs a month; default hours_per_month'),
    processed_gb: (q({ min: 0 }) as ReturnType<Q>).describe('GB (10^9 bytes) the load balancer processes a month'),
  });

  const scenario = z
    .strictObject({
      name,
      description: z.string().optional(),
      currency: z.literal('USD', { error: 'only USD is priced: the bundled tables are in USD' }).optional(),
      hours_per_month: decimal({ exclusiveMin: 0, max: 744 }).optional(),
      pricing: z.array(text('a pricing file path'), { error: 'expected a list of pricing file paths' }).optional(),
      budget: z
        .strictObject({
          monthly: decimal({ exclusiveMin: 0 }),
          alert_at: decimal({ exclusiveMin: 0, max: 1 }).optional(),
        })
        .optional(),
      nodes: z.array(nodeGroup, { error: 'expected a list of node groups' }).optional(),
      storage: z.array(storage, { error: 'expected a list of storage lines' }).optional(),
      transfers: z.array(transfer, { error: 'expected a list of transfers' }).optional(),
      clusters: z.array(cluster, { error: 'expected a list of clusters' }).optional(),
      commitments: z.array(commitment, { error: 'expected a list of commitments' }).optional().describe('savings plans, reservations and CUDs held or considered, applied to the on-demand usage'),
      load_balancers: z.array(loadBalancer, { error: 'expected a list of load balancers' }).optional(),
      actuals: actualsSelectorSchema.optional(),
    })
    .superRefine((s, ctx) => crossChecks(s as CrossChecked, ctx));
  return { nodeGroup, storage, transfer, cluster, commitment, loadBalancer, scenario };
}

/** The spot interruption model's keys: they belong to spot groups alone. */
export const INTERRUPTION_FIELDS = ['interruptions_per_hour', 'checkpoint_every_hours', 'restart_hours', 'gang'] as const;
const INTERRUPTION_NUMBERS = ['interruptions_per_hour', 'checkpoint_every_hours', 'restart_hours'] as const;

/** Interruption fields belong to spot groups, and the model needs all three of its numbers. */
function interruptionChecks(n: Partial<Record<(typeof INTERRUPTION_FIELDS)[number], unknown>> & { purchase?: string }, ctx: z.core.$RefinementCtx) {
  const given = INTERRUPTION_FIELDS.filter((f) => n[f] !== undefined);
  if (given.length === 0) return;
  if ((n.purchase ?? 'on-demand') !== 'spot') {
    ctx.addIssue({
      code: 'custom',
      path: [given[0]!],
      message: `${given[0]} only applies to spot groups (this one is ${n.purchase ?? 'on-demand'}); set purchase: spot or remove ${given.join(', ')}`,
    });
    return;
  }
  const missing = INTERRUPTION_NUMBERS.filter((f) => n[f] === undefined);
  if (missing.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: [given[0]!],
      message: `the spot interruption model needs ${INTERRUPTION_NUMBERS.join(', ')}; missing ${missing.join(', ')}`,
    });
  }
}

interface CrossChecked {
  hours_per_month?: Decimal;
  nodes?: { name: string; hours?: Quantity; block_hours?: Decimal }[];
  storage?: { name: string }[];
  transfers?: { name: string }[];
  commitments?: { name: string }[];
  clusters?: { name: string; hours?: Quantity }[];
  load_balancers?: { name: string; hours?: Quantity }[];
}

function crossChecks(s: CrossChecked, ctx: z.core.$RefinementCtx) {
  // Names address items (break-even's --vary, the session): two of a name would be one target.
  for (const section of ['nodes', 'storage', 'transfers', 'commitments', 'clusters', 'load_balancers'] as const) {
    const seen = new Set<string>();
    (s[section] ?? []).forEach((item, i) => {
      if (seen.has(item.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [section, i, 'name'],
          message: `${section} name ${JSON.stringify(item.name)} is used twice`,
        });
      }
      seen.add(item.name);
    });
  }
  const hoursPerMonth = s.hours_per_month ?? DEFAULT_HOURS_PER_MONTH;
  for (const section of ['clusters', 'load_balancers'] as const) {
    (s[section] ?? []).forEach((item, i) => {
      if (item.hours !== undefined && highOf(item.hours).gt(hoursPerMonth)) {
        ctx.addIssue({
          code: 'custom',
          path: [section, i, 'hours'],
          message: `hours ${highOf(item.hours)} is more than the ${hoursPerMonth} hours in the month (hours_per_month)`,
        });
      }
    });
  }
  (s.nodes ?? []).forEach((n, i) => {
    if (n.hours !== undefined && highOf(n.hours).gt(hoursPerMonth)) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', i, 'hours'],
        message: `hours ${highOf(n.hours)} is more than the ${hoursPerMonth} hours in the month (hours_per_month)`,
      });
    }
    if (n.block_hours !== undefined && n.block_hours.gt(hoursPerMonth)) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', i, 'block_hours'],
        message: `a capacity block of ${n.block_hours} h is longer than the ${hoursPerMonth} hours in the month; price the month's part of it (block_hours at most ${hoursPerMonth})`,
      });
    } else if (n.block_hours !== undefined && n.hours !== undefined && highOf(n.hours).gt(n.block_hours)) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', i, 'hours'],
        message: `hours ${highOf(n.hours)} is more than the capacity block's ${n.block_hours} h (block_hours); a block's instances run only within it`,
      });
    }
  });
}

/** The point schemas are only ever types: the engine's scenario is the input with its ranges resolved (load-scenario.ts). */
type PointSchemas = ReturnType<typeof scenarioSchemaWith<typeof decimal>>;
type InputSchemas = ReturnType<typeof scenarioSchemaWith<typeof quantity>>;

let input: InputSchemas | undefined;
/**
 * The scenario file as written: any quantity may be a range (see quantity.ts).
 * Built on first use: building it is a few milliseconds of every start-up,
 * and verbs that read no scenario (`pricing show`) never need it.
 */
export function scenarioInputSchema(): InputSchemas['scenario'] {
  return (input ??= scenarioSchemaWith(quantity)).scenario;
}

export type Scenario = z.infer<PointSchemas['scenario']>;
export type NodeGroup = z.infer<PointSchemas['nodeGroup']>;
export type StorageLine = z.infer<PointSchemas['storage']>;
export type Transfer = z.infer<PointSchemas['transfer']>;
export type Cluster = z.infer<PointSchemas['cluster']>;
export type ScenarioCommitment = z.infer<PointSchemas['commitment']>;
export type LoadBalancer = z.infer<PointSchemas['loadBalancer']>;
export type ScenarioInput = z.infer<InputSchemas['scenario']>;
