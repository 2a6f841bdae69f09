import type { Verb } from './verb.js';

const FORMAT_OPTION = { format: { type: 'string' } } as const;
const PRICING_OPTION = { pricing: { type: 'string', multiple: true } } as const;

/** Every verb, in the order `--help` lists them. Implementations load lazily. */
export const VERBS: Verb[] = [
  {
    name: 'open',
    summary: 'interactive session (the default verb; a table when not on a terminal)',
    usage: `usage: tollgate [open] [SCENARIO...] [--pricing FILE]...

Opens the scenario for interactive what-if editing. Without a terminal (pipes,
CI) it prints the estimate table instead and exits 0.
With no SCENARIO, opens the bundled example scenarios/recsys-feature-store.yaml.
`,
    options: { ...PRICING_OPTION },
    load: () => import('../commands/open.js'),
  },
  {
    name: 'estimate',
    summary: 'priced monthly projection: compute, storage, egress, ingress, network',
    usage: `usage: tollgate estimate SCENARIO... [--format table|json|csv|markdown] [--pricing FILE]...

Prices each scenario's node groups, storage and transfers against the bundled
pricing tables (pricing/*.yaml) and any override files, and prints the monthly
projection: compute, storage, egress, ingress and network, with every
assumption made.

options:
  --format FORMAT   table (default), json, csv or markdown
  --pricing FILE    a pricing override file (negotiated rates); may repeat;
                    applied after the scenario's own pricing: list
`,
    options: { ...FORMAT_OPTION, ...PRICING_OPTION },
    load: () => import('../commands/estimate.js'),
  },
];
