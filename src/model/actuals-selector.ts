import * as z from 'zod';

const tags = z.record(z.string().min(1, 'a tag key is empty'), z.string({ error: 'tag values are text' }), {
  error: 'expected tags as key: value pairs',
});

/**
 * Which part of a bill belongs to this scenario (`actuals:` in the scenario
 * file). Everything is optional: without a selector the whole account's spend
 * is compared with the plan.
 */
export const actualsSelectorSchema = z.strictObject({
  aws: z
    .strictObject({
      tags: tags.optional().describe('cost-allocation tags every charge must carry, e.g. {team: recsys}'),
      linked_accounts: z
        .array(z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits'), { error: 'expected a list of account ids' })
        .optional(),
    })
    .optional(),
  gcp: z
    .strictObject({
      billing_export: z
        .string()
        .regex(
          /^[a-z][a-z0-9-]{4,61}[a-z0-9]\.\w+(\.\w+)?$/,
          'write the BigQuery billing export as project.dataset or project.dataset.table',
        )
        .optional()
        .describe('project.dataset[.table] of the detailed or standard billing export; without .table, gcp_billing_export_v1_<ACCOUNT> is looked up'),
      projects: z.array(z.string().min(1), { error: 'expected a list of project ids' }).optional(),
      labels: tags.optional(),
    })
    .optional(),
  azure: z
    .strictObject({
      subscriptions: z
        .array(z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'an Azure subscription id is a GUID'), {
          error: 'expected a list of subscription ids',
        })
        .optional()
        .describe("subscription GUIDs; a FOCUS export's SubAccountId may carry them as /subscriptions/<GUID>"),
      tags: tags.optional(),
    })
    .optional(),
});

export type ActualsSelector = z.infer<typeof actualsSelectorSchema>;
