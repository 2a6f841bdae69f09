import { describe, expect, it } from 'vitest';
import { tollgate } from './cli-run.js';
import { scenarioFiles } from './commands/scenario-files.js';

// Component rates the bundled pricing/gcp.yaml and pricing/azure.yaml gained from dated sources.
const files = scenarioFiles({
  lustre: `name: gcp-lustre
storage:
  - {name: train-500, provider: gcp, region: us-central1, class: gcp-managed-lustre-500, gb: 18000}
  - {name: train-125, provider: gcp, region: us-central1, class: gcp-managed-lustre-125, gb: 72000}
  - {name: train-250, provider: gcp, region: us-central1, class: gcp-managed-lustre-250, gb: 36000}
  - {name: train-1000, provider: gcp, region: us-central1, class: gcp-managed-lustre-1000, gb: 9000}
  - {name: archive, provider: gcp, region: us-central1, class: gcp-managed-lustre-dynamic, gb: 472000}
`,
  lustreElsewhere: `name: gcp-lustre-eu
storage:
  - {name: train, provider: gcp, region: europe-west4, class: gcp-managed-lustre-500, gb: 18000}
`,
  gcpLb: `name: gcp-lb
load_balancers:
  - {name: web, provider: gcp, region: us-central1, kind: global-external, processed_gb: 1000}
`,
  azureLb: `name: azure-lb
load_balancers:
  - {name: api-lb, provider: azure, region: eastus, kind: standard, processed_gb: 2000, hours: 365}
`,
});

type Line = { name: string; kind: string; rate: string; cost: string; quantity: string; unit: string; as_of?: string };

describe('Google Cloud and Azure component rates', () => {
  it('prices Managed Lustre per provisioned GiB-month by tier in us-central1, sizes taken as GiB, dated 2026-06-05', async () => {
    const { code, stdout } = await tollgate(['estimate', files.lustre!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = (name: string) => out.lines.find((l: Line) => l.name === name && l.kind === 'storage') as Line;
    // The billing export's Iowa SKUs: 18,000 GiB × $0.34 (the tier's minimum size), not converted from GB
    expect(line('train-500')).toMatchObject({ rate: '0.34', quantity: '18000', unit: 'GiB-month', cost: '6120', as_of: '2026-06-05' });
    expect(line('train-125')).toMatchObject({ rate: '0.145', cost: '10440' });
    expect(line('train-250')).toMatchObject({ rate: '0.21', cost: '7560' });
    expect(line('train-1000')).toMatchObject({ rate: '0.6', cost: '5400' });
    expect(line('archive')).toMatchObject({ rate: '0.06', cost: '28320' });
    expect(out.totals.storage).toBe('57840');
  });

  it('stops with the region it has no Managed Lustre rate for, never another region\'s', async () => {
    const { code, stderr } = await tollgate(['estimate', files.lustreElsewhere!]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/europe-west4/);
    expect(stderr).toMatch(/us-central1/);
  });

  it('prices an Azure Standard Load Balancer: hours at the fee that includes 5 rules, and GB processed, dated by its 2024 copy', async () => {
    const { code, stdout } = await tollgate(['estimate', files.azureLb!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = (kind: string) => out.lines.find((l: Line) => l.name === 'api-lb' && l.kind === kind) as Line;
    // 365 h × $0.025 and 2,000 GB × $0.005 (Retail Prices meter "Standard Data Processed", eastus, 2024-07-01)
    expect(line('lb-hours')).toMatchObject({ rate: '0.025', cost: '9.125', as_of: '2024-07-01' });
    expect(line('lb-processing')).toMatchObject({ rate: '0.005', unit: 'GB', cost: '10', as_of: '2024-07-01' });
    expect(out.totals.network).toBe('19.125');
    expect(out.assumptions).toContain('azure standard: one hourly fee covers up to 5 load-balancing and outbound rules; each rule beyond 5 ($0.01 per rule-hour) is not priced');
  });

  it('prices a GCP global load balancer: hours at the fee of the first 5 rules, and processed GB converted to GiB', async () => {
    const { code, stdout } = await tollgate(['estimate', files.gcpLb!, '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const line = (kind: string) => out.lines.find((l: Line) => l.name === 'web' && l.kind === kind) as Line;
    // 730 h × $0.025; 1,000 GB = 931.322574615478515625 GiB × $0.008 per GiB
    expect(line('lb-hours')).toMatchObject({ rate: '0.025', cost: '18.25', as_of: '2023-10-20' });
    expect(line('lb-processing')).toMatchObject({ rate: '0.008', unit: 'GiB', quantity: '931.322574615478515625', cost: '7.450580596923828125' });
    expect(out.assumptions.join('\n')).toMatch(/gcp global-external: one hourly fee covers up to 5 global forwarding rules/);
  });
});
