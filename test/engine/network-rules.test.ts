import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { GIB_PER_GB } from '../../src/engine/units.js';
import { estimateBundled, inputFailure, line } from '../helpers.js';

/** One transfer of `gb` GB between two ends, priced on the bundled tables. */
const transfer = (from: string, to: string, gb: number, extra = '') =>
  estimateBundled(`
name: t
transfers:
  - {name: t, from: "${from}", to: "${to}", gb_per_month: ${gb}${extra}}
`);

/** The bundled GCP table prices per GiB: the scenario's GB converted exactly, times the rule's rate. */
const gcpCost = (gb: number, rate: string) => new Decimal(gb).times(GIB_PER_GB).times(rate).toFixed();

describe('GCP inter-region rules by continent pair (sourced rates, sender pays)', () => {
  // [IC-GCP]: Infracost's compute_vpn_gateway golden (e9ce629, 2024-07-01); [NA26]: a 2026-06-05 SKU export.
  it.each([
    ['Europe -> Europe', 'gcp:europe-west4', 'gcp:europe-west1', '0.02', '2024-07-01'],
    ['Asia -> Asia', 'gcp:asia-southeast1', 'gcp:asia-northeast1', '0.08', '2024-07-01'],
    ['Europe -> Asia', 'gcp:europe-west4', 'gcp:asia-southeast1', '0.08', '2024-07-01'],
    ['Asia -> Europe', 'gcp:asia-southeast1', 'gcp:europe-west4', '0.08', '2024-07-01'],
    ['South America -> South America', 'gcp:southamerica-east1', 'gcp:southamerica-west1', '0.14', '2024-07-01'],
    ['Sydney -> Jakarta', 'gcp:australia-southeast1', 'gcp:asia-southeast2', '0.10', '2024-07-01'],
    ['North America -> North America', 'gcp:us-central1', 'gcp:us-east4', '0.02', '2026-06-05'],
  ])('%s prices at the sourced rate and carries its date', (_pair, from, to, rate, asOf) => {
    const t = line(transfer(from, to, 1000), 't');
    expect(t.rate.toFixed()).toBe(new Decimal(rate).toFixed());
    expect(t.cost.toFixed()).toBe(gcpCost(1000, rate));
    expect(t.as_of).toBe(asOf);
  });

  it('the region pair beats its continents: Sydney -> Jakarta is $0.10, not an Oceania -> Asia miss', () => {
    expect(line(transfer('gcp:australia-southeast1', 'gcp:asia-southeast2', 1000), 't').cost.toFixed()).toBe('93.1322574615478515625');
  });

  it('a pair no source confirmed stays a located lookup error (Sydney -> Singapore)', () => {
    const d = inputFailure(
      `
name: t
transfers:
  - {name: t, from: "gcp:australia-southeast1", to: "gcp:asia-southeast1", gb_per_month: 10}
`,
      estimateBundled,
    );
    expect(d.message).toBe('no gcp inter-region rate from australia-southeast1 to asia-southeast1');
  });
});

describe('AWS Direct Connect ports', () => {
  it('a 100G dedicated port bills $22.50 per port-hour for the month, with the private per-GB rate', () => {
    const e = transfer('aws:us-east-1', 'on-prem', 50000, ', via: interconnect, port: 100g');
    const port = e.lines.find((l) => l.kind === 'interconnect-port')!;
    expect([port.quantity.toFixed(), port.rate.toFixed(), port.cost.toFixed()]).toEqual(['730', '22.5', '16425']);
    expect(line(e, 't').cost.toFixed()).toBe('1000'); // 50,000 GB × $0.02 DataXfer-Out
  });
});

describe('Azure ExpressRoute circuits (priced per month, as Azure publishes them)', () => {
  it('a 10G Standard Metered circuit is one circuit-month at $3,400, outbound data $0.025/GB, inbound free', () => {
    const e = estimateBundled(`
name: t
transfers:
  - {name: backup, from: "azure:westeurope", to: on-prem, gb_per_month: 20000, via: interconnect, port: 10g}
  - {name: restore, from: on-prem, to: "azure:westeurope", gb_per_month: 500, via: interconnect, port: 10g}
`);
    const port = e.lines.find((l) => l.kind === 'interconnect-port')!;
    expect([port.quantity.toFixed(), port.unit, port.rate.toFixed(), port.cost.toFixed(), port.as_of]).toEqual(['1', 'port-month', '3400', '3400', '2026-07-21']);
    expect(line(e, 'backup').cost.toFixed()).toBe('500'); // 20,000 GB × $0.025, no internet egress
    expect(line(e, 'restore').cost.toFixed()).toBe('0');
    expect(e.assumptions.join('\n')).toMatch(/one ExpressRoute 10g circuit for the month/);
  });

  it('a monthly circuit is one month whatever hours_per_month says; an hourly port follows it', () => {
    const at = (provider: string, region: string) =>
      estimateBundled(`
name: t
hours_per_month: 744
transfers:
  - {name: b, from: "${provider}:${region}", to: on-prem, gb_per_month: 1, via: interconnect}
`).lines.find((l) => l.kind === 'interconnect-port')!;
    expect(at('azure', 'eastus').cost.toFixed()).toBe('436');
    expect(at('aws', 'us-east-1').cost.toFixed()).toBe('223.2'); // 744 h × $0.30
  });
});
