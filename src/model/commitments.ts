import * as z from 'zod';
import { COMMITMENT_PAYMENTS, COMMITMENT_TERMS } from './purchase.js';
import type { Provider } from './scenario.js';
import { decimal } from './zod-decimal.js';

/** What an organisation holds or considers buying, applied to the plan's on-demand usage (src/engine/commitments.ts). */
export const COMMITMENT_KINDS = ['compute-savings-plan', 'ec2-instance-savings-plan', 'reservation', 'cud'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/** Who sells each kind: Savings Plans are AWS's, reservations AWS's and Azure's, CUDs Google's. */
export const KIND_PROVIDERS: Record<CommitmentKind, readonly Provider[]> = {
  'compute-savings-plan': ['aws'],
  'ec2-instance-savings-plan': ['aws'],
  reservation: ['aws', 'azure'],
  cud: ['gcp'],
};

export function isSavingsPlan(kind: CommitmentKind): boolean {
  return kind === 'compute-savings-plan' || kind === 'ec2-instance-savings-plan';
}

export function commitmentSchemaWith(provider: z.ZodType<Provider>, name: z.ZodType<string>) {
  return z
    .strictObject({
      name,
      provider,
      kind: z.enum(COMMITMENT_KINDS, { error: (i) => `unknown commitment kind ${JSON.stringify(i.input)}; kinds: ${COMMITMENT_KINDS.join(', ')}` }),
      term: z.enum(COMMITMENT_TERMS, { error: (i) => `unknown term ${JSON.stringify(i.input)}; terms: ${COMMITMENT_TERMS.join(', ')}` }),
      payment: z.enum(COMMITMENT_PAYMENTS, { error: (i) => `unknown payment ${JSON.stringify(i.input)}; payments: ${COMMITMENT_PAYMENTS.join(', ')}` }).optional(),
      hourly_commitment: decimal({ exclusiveMin: 0 }).optional().describe('savings plans: $ per hour committed, spent at the plan\'s rates'),
      units: decimal({ integer: true, exclusiveMin: 0 }).optional().describe('reservations and CUDs: instances of scope.instance committed'),
      scope: z
        .strictObject({
          region: z.string().min(1).optional(),
          instance: z.string().min(1).optional().describe('reservations and CUDs: the instance (machine) type'),
          family: z.string().min(1).optional().describe('EC2 Instance Savings Plans: the instance family, e.g. p4d'),
        })
        .optional(),
    })
    .superRefine((c, ctx) => {
      if (!KIND_PROVIDERS[c.kind].includes(c.provider)) {
        const sold = COMMITMENT_KINDS.filter((k) => KIND_PROVIDERS[k].includes(c.provider));
        ctx.addIssue({ code: 'custom', path: ['kind'], message: `${c.provider} does not sell a ${c.kind}; ${c.provider} commitments: ${sold.join(', ') || 'none'}` });
        return;
      }
      const plan = isSavingsPlan(c.kind);
      if (plan && c.hourly_commitment === undefined) {
        ctx.addIssue({ code: 'custom', path: ['kind'], message: `a ${c.kind} needs hourly_commitment: the $ per hour committed` });
      }
      if (plan && c.units !== undefined) ctx.addIssue({ code: 'custom', path: ['units'], message: `units go with reservations and CUDs; a ${c.kind} takes hourly_commitment` });
      if (!plan && c.units === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: `a ${c.kind} needs units: how many instances of scope.instance it commits to` });
      if (!plan && c.hourly_commitment !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['hourly_commitment'], message: `hourly_commitment goes with savings plans; a ${c.kind} takes units` });
      }
      const need = c.kind === 'ec2-instance-savings-plan' ? (['family', 'region'] as const) : plan ? [] : (['instance', 'region'] as const);
      const missing = need.filter((f) => c.scope?.[f] === undefined);
      if (missing.length > 0) ctx.addIssue({ code: 'custom', path: c.scope ? ['scope'] : ['kind'], message: `a ${c.kind} needs scope.${missing.join(' and scope.')}` });
      if (c.scope?.family !== undefined && c.kind !== 'ec2-instance-savings-plan') {
        ctx.addIssue({ code: 'custom', path: ['scope', 'family'], message: `scope.family goes with ec2-instance-savings-plan; a ${c.kind} is scoped by ${plan ? 'nothing (every region and family)' : 'instance and region'}` });
      }
      if (c.scope?.instance !== undefined && plan) {
        ctx.addIssue({ code: 'custom', path: ['scope', 'instance'], message: `a ${c.kind} is not scoped to one instance type${c.kind === 'ec2-instance-savings-plan' ? '; give scope.family' : ''}` });
      }
    });
}
