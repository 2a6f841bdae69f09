export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

const GENERAL = `tollgate: what will this ML plan cost per month, egress included?

usage:
  tollgate [open] [SCENARIO...]      interactive session (a table when not on a terminal)
  tollgate estimate SCENARIO...      priced monthly projection

options for every verb:
  -h, --help                          help for the verb
  --version                           print the version

exit codes: 0 ok · 1 internal error · 2 invalid input · 3 budget exceeded ·
            4 actuals variance over threshold · 130 interrupted

Run 'tollgate VERB --help' for a verb's options.
`;

const VERBS: Record<string, string> = {
  estimate: `usage: tollgate estimate SCENARIO... [--format table|json|csv|markdown] [--pricing FILE]...

Prices each scenario's node groups, storage and transfers against the bundled
pricing tables (pricing/*.yaml) and any override files, and prints the monthly
projection: compute, storage, egress, ingress and network, with every
assumption made.

options:
  --format FORMAT   table (default), json, csv or markdown
  --pricing FILE    a pricing override file (negotiated rates); may repeat;
                    applied after the scenario's own pricing: list
`,
  open: `usage: tollgate [open] [SCENARIO...] [--pricing FILE]...

Opens the scenario for interactive what-if editing. Without a terminal (pipes,
CI) it prints the estimate table instead and exits 0.
With no SCENARIO, opens the bundled example scenarios/recsys-feature-store.yaml.
`,
};

export function helpFor(verb?: string): string {
  return (verb && VERBS[verb]) || GENERAL;
}

export const KNOWN_VERBS = Object.keys(VERBS);
