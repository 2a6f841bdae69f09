import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentRatesTable, networkComponentRates, storageRates } from '../../src/format/component-rates.js';
import { readPricingFile } from '../../src/pricing/load.js';
import { REPO } from '../helpers.js';
import { runMain as tollgate } from './run-main.js';

const aws = readPricingFile(join(REPO, 'pricing', 'aws.yaml')).table;

describe('pricing show --storage / --network', () => {
  it('lists the bundled network components with their rates and units', () => {
    const rows = networkComponentRates(aws).map((r) => `${r.section} ${r.item} ${r.region} ${r.rate} ${r.unit}`);
    expect(rows).toContain('vpc-endpoint endpoint us-east-1 $0.01 endpoint-AZ-hour');
    expect(rows).toContain('interconnect Direct Connect 10g port us-east-1 $2.25 port-hour');
    expect(rows).toContain('cdn CloudFront requests (viewers: us) all $0 to 1000, $0.01 10000 requests');
    expect(rows).toContain('load-balancer alb LCU us-east-1 $0.008 LCU-hour (1 GB)');
  });

  it('lists storage classes, requests, disks and clusters', () => {
    const rows = storageRates(aws).map((r) => `${r.section} ${r.item} ${r.region} ${r.rate}`);
    expect(rows).toContain('requests s3-standard get us-east-1 $0.0004');
    expect(rows).toContain('disk io2 iops above 0 us-east-1 $0.065');
    expect(rows).toContain('cluster eks extended eu-west-1 $0.6');
    expect(rows).toContain('file-system fsx-lustre-persistent-2-125 us-east-1 $0.145');
  });

  it('says so when a selection has none', () => {
    expect(componentRatesTable('network components', [])).toBe('network components: none priced for this selection\n');
  });

  it('the CLI filters by provider and region, and refuses machine filters beside them', async () => {
    const { code, stdout } = await tollgate(['pricing', 'show', '--network', '--provider', 'aws', '--region', 'us-west-2']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^network components\n/);
    expect(stdout).toMatch(/vpc-endpoint +endpoint +us-west-2/);
    expect(stdout).not.toMatch(/us-east-1/);
    const bad = await tollgate(['pricing', 'show', '--storage', '--gpu', 'H100']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--storage and --network list component rates/);
  });
});
