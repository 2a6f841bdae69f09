import { describe, expect, it } from 'vitest';
import { tollgate } from './cli-run.js';
import { scenarioFiles } from './commands/scenario-files.js';

// The trainers moved west and the feature store to Europe: every rate here is one the
// bundled pricing/aws.yaml gained outside us-east-1.
const files = scenarioFiles({
  moved: `name: moved
nodes:
  - {name: trainers, provider: aws, region: us-west-2, instance: p4d.24xlarge, count: 4, hours: 200}
  - {name: eu-trainers, provider: aws, region: eu-west-1, instance: p4d.24xlarge, count: 2, hours: 100}
storage:
  - {name: features, provider: aws, region: eu-west-1, class: s3-standard, gb: 60000}
  - {name: frankfurt-copy, provider: aws, region: eu-central-1, class: s3-standard, gb: 1000}
transfers:
  - {name: replicate, from: "aws:us-west-2", to: "aws:eu-west-1", gb_per_month: 5000}
  - {name: exports, from: "aws:eu-west-1", to: internet, gb_per_month: 2000, via: nat-gateway}
`,
  azureServing: `name: azure-serving
nodes:
  - {name: api, provider: azure, region: eastus2, instance: Standard_D8s_v5, count: 3}
`,
});

describe('tollgate estimate on what the bundled tables gained', () => {
  it('prices P4 in us-west-2 and eu-west-1, S3 tiers in Europe, inter-region and NAT outside us-east-1', async () => {
    const { code, stdout, stderr } = await tollgate(['estimate', files.moved!, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const cost = (name: string, kind: string) => out.lines.find((l: { name: string; kind: string }) => l.name === name && l.kind === kind)?.cost;
    // 4 × 200 h × 21.95764 (us-west-2 is published as 21.95764, not us-east-1's 21.957642)
    expect(cost('trainers', 'node')).toBe('17566.112');
    // 2 × 100 h × 23.71569
    expect(cost('eu-trainers', 'node')).toBe('4743.138');
    // eu-west-1: 51,200 GB × 0.023 + 8,800 GB × 0.022 = 1,177.6 + 193.6
    expect(cost('features', 'storage')).toBe('1371.2');
    // eu-central-1: 1,000 GB × 0.0245
    expect(cost('frankfurt-copy', 'storage')).toBe('24.5');
    // us-west-2 → eu-west-1: 5,000 GB × 0.02
    expect(cost('replicate', 'transfer')).toBe('100');
    // internet egress: 100 GB free, then 1,900 GB × 0.09
    expect(cost('exports', 'transfer')).toBe('171');
    expect(out.totals).toMatchObject({
      compute: '22309.25',
      storage: '1395.7',
      egress: '271',
      // NAT in eu-west-1: 730 h × 0.048 + 2,000 GB × 0.048 = 35.04 + 96
      network: '131.04',
      // 22,309.25 + 1,395.7 + 271 + 131.04
      total: '24106.99',
    });
  });

  it('prices an Azure D8s_v5 serving node', async () => {
    const { code, stdout } = await tollgate(['estimate', files.azureServing!, '--format', 'json']);
    expect(code).toBe(0);
    // 3 × 730 h (the whole month) × 0.384
    expect(JSON.parse(stdout).totals.compute).toBe('840.96');
  });
});
