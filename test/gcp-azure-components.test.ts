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
});
