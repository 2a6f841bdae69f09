import * as z from 'zod';
import { parseThreshold } from '../actuals/period.js';
import { FORMATS } from '../cli/verb.js';
import { decimal } from '../model/zod-decimal.js';
import { PRICES } from '../pricing/cache/files.js';

/** tollgate.yml (project) and $XDG_CONFIG_HOME/tollgate/config.yml (user): the same keys. */
export const configSchema = z.strictObject({
  pricing: z.array(z.string().min(1), { error: 'expected a list of pricing override files' }).optional().describe('override files applied to every estimate, relative to this file'),
  prices: z.enum(PRICES, { error: (i) => `unknown prices ${JSON.stringify(i.input)} (cache: the catalog \`pricing update --all\` built, when there is one; bundled: always the bundled tables)` }).optional().describe('cache (default): the catalog `pricing update --all` built, when there is one; bundled: always the bundled tables'),
  max_age: decimal({ integer: true, min: 0 }).optional().describe('days before a pricing table gets a staleness warning'),
  format: z.enum(FORMATS, { error: (i) => `unknown format ${JSON.stringify(i.input)} (one of ${FORMATS.join(', ')})` }).optional(),
  actuals: z
    .strictObject({
      source: z.string().min(1).optional().describe('aws, gcp, sample or a billing file (relative to this file)'),
      threshold: z
        .string({ error: 'expected a percentage such as 10%' })
        .refine((t) => {
          try {
            parseThreshold(t);
            return true;
          } catch {
            return false;
          }
        }, 'expected a percentage such as 10%')
        .optional(),
    })
    .optional(),
  scenarios: z.array(z.string().min(1), { error: 'expected a list of globs' }).optional().describe('the scenarios a verb reads when given none, relative to this file'),
});
export type ConfigFile = z.infer<typeof configSchema>;
