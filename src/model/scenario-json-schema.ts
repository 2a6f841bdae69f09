import { scenarioInputSchema } from './scenario.js';
import { toJsonSchema } from './zod-decimal.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...toJsonSchema(scenarioInputSchema),
    title: 'tollgate scenario',
    description: 'An ML infrastructure plan priced by tollgate: node groups, storage and transfers. See README.md.',
  };
}
