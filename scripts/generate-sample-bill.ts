// Writes scenarios/actuals/recsys-feature-store-2026-10.focus.csv: a synthetic
// but realistic FOCUS 1.2 billing export for the recommender example, so that
// `tollgate actuals ... --source sample` runs offline. Deterministic: same
// output every run. Run with `npx tsx scripts/generate-sample-bill.ts`.
//
// Rates are the bundled list prices (pricing/*.yaml). The bill differs from the
// plan the way real bills do:
// - the nightly pull to GCP goes out through a NAT gateway nobody planned for;
// - trainer checkpoints cross Availability Zones once the feature-api group
//   spread into us-east-1b (inter-AZ, billed on both sides);
// - two trainer nodes ran on spot for two weeks; interrupted nights were
//   re-run on demand (the spot price here is illustrative: spot moves daily);
// - serving scaled to 7 nodes for a three-day traffic spike, and predictions
//   egress ran above plan;
// - an AWS promotional credit; S3 request charges; CloudWatch; and spend of
//   another team in the same accounts, which the scenario's tag selector drops.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { Decimal } from '../src/model/decimal.js';

export const SAMPLE_BILL = fileURLToPath(new URL('../scenarios/actuals/recsys-feature-store-2026-10.focus.csv', import.meta.url));
const DAYS = 31;
const GIB = new Decimal(2).pow(30).div(new Decimal(10).pow(9)); // GB per GiB

/** The sample bill as CSV text; the same text on every call. */
export function sampleBillCsv(): string {
  // mulberry32: a tiny seeded generator so the jitter is the same every run.
  let seed = 20261001;
  function random(): number {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const jitter = (base: number, spread: number) => new Decimal(base).times(new Decimal(1 - spread + 2 * spread * random()).toDecimalPlaces(4));

  const COLUMNS = [
    'BillingAccountId', 'SubAccountId', 'ProviderName', 'ServiceName', 'ServiceCategory', 'ChargeCategory', 'ChargeDescription',
    'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'BilledCost', 'EffectiveCost', 'ListCost',
    'ConsumedQuantity', 'ConsumedUnit', 'RegionId', 'SkuId', 'ResourceId', 'Tags', 'x_UsageType',
  ] as const;
  type Row = Record<(typeof COLUMNS)[number], string>;
  const rows: Row[] = [];

  interface Charge {
    day: number;
    provider: 'aws' | 'gcp';
    service: string;
    category: string;
    description: string;
    usageType?: string;
    quantity: Decimal;
    unit: string;
    rate: Decimal;
    region: string;
    resource?: string;
    team?: string;
    chargeCategory?: string;
    sku?: string;
  }

  function iso(day: number): string {
    return new Date(Date.UTC(2026, 9, day)).toISOString().replace('.000Z', 'Z');
  }

  function add(c: Charge): void {
    const cost = c.quantity.times(c.rate);
    const aws = c.provider === 'aws';
    rows.push({
      BillingAccountId: aws ? '210987654321' : '01A2B3-C4D5E6-F7A8B9',
      SubAccountId: aws ? '123456789012' : 'recsys-serving-prod',
      ProviderName: aws ? 'AWS' : 'Google Cloud',
      ServiceName: c.service,
      ServiceCategory: c.category,
      ChargeCategory: c.chargeCategory ?? 'Usage',
      ChargeDescription: c.description,
      ChargePeriodStart: iso(c.day),
      ChargePeriodEnd: iso(c.chargeCategory === 'Credit' ? DAYS + 1 : c.day + 1),
      BillingCurrency: 'USD',
      BilledCost: cost.toFixed(),
      EffectiveCost: cost.toFixed(),
      ListCost: cost.toFixed(),
      ConsumedQuantity: c.chargeCategory === 'Credit' ? '' : c.quantity.toFixed(),
      ConsumedUnit: c.chargeCategory === 'Credit' ? '' : c.unit,
      RegionId: c.region,
      SkuId: c.sku ?? '',
      ResourceId: c.resource ?? '',
      Tags: JSON.stringify({ team: c.team ?? 'recsys' }),
      x_UsageType: c.usageType ?? '',
    });
  }

  const EC2 = 'Amazon Elastic Compute Cloud';
  const P4D = new Decimal('21.957642');
  const P4D_SPOT = new Decimal('9.8811'); // illustrative
  const M7I = new Decimal('0.2016');

  for (let day = 1; day <= DAYS; day++) {
    // Trainers: ~6.5 h a night on 4 nodes; Oct 12–25 two of them on spot.
    const spotWeeks = day >= 12 && day <= 25;
    const interrupted = spotWeeks && [14, 17, 18, 22, 24].includes(day);
    const nightly = jitter(6.5, 0.08).toDecimalPlaces(3);
    const onDemandNodes = spotWeeks ? 2 : 4;
    add({ day, provider: 'aws', service: EC2, category: 'Compute', description: 'p4d.24xlarge On Demand Linux', usageType: 'BoxUsage:p4d.24xlarge',
      quantity: nightly.times(onDemandNodes).plus(interrupted ? nightly.times(2) : 0), unit: 'Hrs', rate: P4D, region: 'us-east-1', resource: 'trainers-asg' });
    if (spotWeeks) {
      add({ day, provider: 'aws', service: EC2, category: 'Compute', description: 'p4d.24xlarge Spot Linux', usageType: 'SpotUsage:p4d.24xlarge',
        quantity: interrupted ? nightly.times(0.6).toDecimalPlaces(3) : nightly.times(2), unit: 'Hrs', rate: P4D_SPOT, region: 'us-east-1', resource: 'trainers-spot' });
    }
    // Feature API: 3 nodes all day, every day (October has 744 hours, the plan 730).
    add({ day, provider: 'aws', service: EC2, category: 'Compute', description: 'm7i.xlarge On Demand Linux', usageType: 'BoxUsage:m7i.xlarge',
      quantity: new Decimal(72), unit: 'Hrs', rate: M7I, region: 'us-east-1', resource: 'feature-api-asg' });

    // S3 feature store, growing from ~19,000 to ~21,500 GB over the month; one day's share of a GB-month.
    const storedGB = new Decimal(19000).plus(new Decimal(2500).times(day - 1).div(DAYS - 1)).toDecimalPlaces(3);
    add({ day, provider: 'aws', service: 'Amazon Simple Storage Service', category: 'Storage', description: 'Storage, S3 Standard', usageType: 'TimedStorage-ByteHrs',
      quantity: storedGB.div(DAYS).toDecimalPlaces(6), unit: 'GB-Mo', rate: new Decimal('0.023'), region: 'us-east-1', resource: 'recsys-feature-store' });
    add({ day, provider: 'aws', service: 'Amazon Simple Storage Service', category: 'Storage', description: 'PUT, COPY, POST or LIST requests', usageType: 'Requests-Tier1',
      quantity: jitter(210000, 0.2).round(), unit: 'Requests', rate: new Decimal('0.000005'), region: 'us-east-1', resource: 'recsys-feature-store' });
    add({ day, provider: 'aws', service: 'Amazon Simple Storage Service', category: 'Storage', description: 'GET and all other requests', usageType: 'Requests-Tier2',
      quantity: jitter(2400000, 0.2).round(), unit: 'Requests', rate: new Decimal('0.0000004'), region: 'us-east-1', resource: 'recsys-feature-store' });

    // Nightly feature pull + model artifacts out to GCP: internet egress, first 100 GB of the month free.
    const outGB = jitter(300, 0.05).plus(5).toDecimalPlaces(3);
    const free = day === 1 ? new Decimal(100) : new Decimal(0);
    if (day === 1) add({ day, provider: 'aws', service: EC2, category: 'Networking', description: 'data transfer out, free tier', usageType: 'DataTransfer-Out-Bytes', quantity: free, unit: 'GB', rate: new Decimal(0), region: 'us-east-1' });
    add({ day, provider: 'aws', service: EC2, category: 'Networking', description: '$0.09 per GB - first 10 TB / month data transfer out beyond the global free tier', usageType: 'DataTransfer-Out-Bytes',
      quantity: outGB.minus(free), unit: 'GB', rate: new Decimal('0.09'), region: 'us-east-1' });
    // ...through a NAT gateway the plan does not have.
    add({ day, provider: 'aws', service: EC2, category: 'Networking', description: '$0.045 per GB Data Processed by NAT Gateways', usageType: 'NatGateway-Bytes',
      quantity: outGB, unit: 'GB', rate: new Decimal('0.045'), region: 'us-east-1', resource: 'nat-0a1b2c3d4e5f67890' });
    add({ day, provider: 'aws', service: EC2, category: 'Networking', description: '$0.045 per NAT Gateway Hour', usageType: 'NatGateway-Hours',
      quantity: new Decimal(24), unit: 'Hrs', rate: new Decimal('0.045'), region: 'us-east-1', resource: 'nat-0a1b2c3d4e5f67890' });
    // Checkpoints crossing AZs from Oct 8: $0.01/GB on each side, so each GB appears twice.
    if (day >= 8) {
      add({ day, provider: 'aws', service: EC2, category: 'Networking', description: '$0.010 per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB',
        usageType: 'DataTransfer-Regional-Bytes', quantity: jitter(130, 0.1).times(2).toDecimalPlaces(3), unit: 'GB', rate: new Decimal('0.01'), region: 'us-east-1' });
    }
    add({ day, provider: 'aws', service: 'Amazon CloudWatch', category: 'Management and Governance', description: '$0.30 per metric-month', usageType: 'CW:MetricMonitorUsage',
      quantity: new Decimal(60).div(DAYS).toDecimalPlaces(6), unit: 'Metrics', rate: new Decimal('0.30'), region: 'us-east-1' });
    // Click events coming in: free, still on the bill.
    add({ day, provider: 'aws', service: EC2, category: 'Networking', description: '$0.00 per GB - data transfer in', usageType: 'DataTransfer-In-Bytes',
      quantity: jitter(40, 0.1).toDecimalPlaces(3), unit: 'GB', rate: new Decimal(0), region: 'us-east-1' });
    // Another team's experiment in the same account: dropped by the selector {team: recsys}.
    if (day >= 20 && day <= 23) {
      add({ day, provider: 'aws', service: EC2, category: 'Compute', description: 'p5.48xlarge On Demand Linux', usageType: 'BoxUsage:p5.48xlarge',
        quantity: new Decimal(12), unit: 'Hrs', rate: new Decimal('55.04'), region: 'us-east-1', team: 'search', resource: 'search-rerank-exp' });
    }

    // Serving: 6 × g2-standard-8 (7 during the Oct 20–22 spike). Google bills cores, RAM and the L4 separately;
    // per-SKU rates split the bundled $0.853624312/h: L4 $0.56004, 8 cores × $0.02498846, 32 GB × $0.00292739475.
    const nodeHours = new Decimal(day >= 20 && day <= 22 ? 7 : 6).times(24);
    const sku = (description: string, quantity: Decimal, unit: string, rate: string, id: string) =>
      add({ day, provider: 'gcp', service: 'Compute Engine', category: 'Compute', description, quantity, unit, rate: new Decimal(rate), region: 'us-central1', sku: id, resource: 'serving-mig' });
    sku('G2 Instance Core running in Americas', nodeHours.times(8), 'hour', '0.02498846', 'B0E8-1B1C-3C1F');
    sku('G2 Instance Ram running in Americas', nodeHours.times(32), 'gibibyte hour', '0.00292739475', 'F8C4-5D2A-9E0B');
    sku('Nvidia L4 GPU running in Americas', nodeHours, 'hour', '0.56004', '7C2A-4B8F-1D3E');
    // Serving features copy in GCS: 2,500 GB ≈ 2,328.3 GiB.
    add({ day, provider: 'gcp', service: 'Cloud Storage', category: 'Storage', description: 'Standard Storage US Regional', quantity: new Decimal(2500).div(GIB).div(DAYS).toDecimalPlaces(6),
      unit: 'gibibyte month', rate: new Decimal('0.02'), region: 'us-central1', sku: 'E5F0-6A5B-7C0D', resource: 'recsys-serving-features' });
    // Predictions to users: above plan (~2,600 GB instead of 1,800); $0.12/GiB until the month's total passes 1 TiB
    // (around Oct 12 at this rate), $0.11 after.
    const egressGiB = jitter(2600, 0.1).div(DAYS).div(GIB).toDecimalPlaces(3);
    add({ day, provider: 'gcp', service: 'Networking', category: 'Networking', description: 'Network Internet Data Transfer Out from Americas to Americas',
      quantity: egressGiB, unit: 'gibibyte', rate: new Decimal(day <= 11 ? '0.12' : '0.11'), region: 'us-central1', sku: '9DE9-9092-B3BC' });
  }

  // A promotional credit, applied once for the month.
  add({ day: 1, provider: 'aws', service: EC2, category: 'Compute', description: 'AWS Activate promotional credit', chargeCategory: 'Credit',
    quantity: new Decimal(1), unit: '', rate: new Decimal(-1000), region: 'us-east-1' });

  return stringify([COLUMNS as unknown as string[], ...rows.map((r) => COLUMNS.map((c) => r[c]))]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SAMPLE_BILL, sampleBillCsv());
  console.log(`wrote ${SAMPLE_BILL}`);
}
