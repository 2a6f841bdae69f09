import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsBulk } from '../../src/providers/aws/bulk.js';
import { continentOf as azureContinent } from '../../src/providers/azure/bulk.js';
import { continentOf as gcpContinent } from '../../src/providers/gcp/bulk.js';
import { bundledPricingDir, readPricingFile } from '../../src/pricing/load.js';
import { Deadline } from '../../src/remote/discipline.js';
import { REPO } from '../helpers.js';
import { localServer } from './local-server.js';

/**
 * The full-catalog build's AWS path on real captures (../shared/api-captures):
 * a real AmazonEC2 region index and a real us-east-1 offer holding a $0
 * Capacity Block SKU, both served over HTTP from 127.0.0.1 as the bulk host
 * serves them. Skipped, and said, without the folder.
 */
const CAPTURES = join(REPO, '..', 'shared', 'api-captures');
const present = existsSync(CAPTURES);
if (!present) console.warn(`skipping the real-capture catalog tests: ${CAPTURES} not found`);
const INDEX = 'aws-offer-files/docker-commits-AmazonEC2-region_index-20250523.json';
const P4D_OFFER = 'aws-offer-files/opencost-AmazonEC2-us-east-1-20240528-p4d-capacityblock.json';

describe.skipIf(!present)('real captures through the bulk build', () => {
  it('a real region index becomes one part per public region; the real us-east-1 offer streams to the on-demand p4d price, not the $0 Capacity Block', async () => {
    const index = JSON.parse(readFileSync(join(CAPTURES, INDEX), 'utf8')) as { regions: Record<string, unknown> };
    const offer = readFileSync(join(CAPTURES, P4D_OFFER));
    const server = await localServer((req, res) => {
      if (req.url.endsWith('/current/region_index.json')) {
        // Every offer gets the captured EC2 index; the parts of AmazonS3 and AWSDataTransfer are not fetched here.
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(readFileSync(join(CAPTURES, INDEX)));
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(offer.length) });
      res.end(offer);
    });
    try {
      const table = readPricingFile(join(bundledPricingDir(), 'aws.yaml')).table;
      const ctx = { env: { TOLLGATE_AWS_OFFERS_URL: server.url }, deadline: new Deadline(20_000), table };
      const parts = (await awsBulk.parts(ctx)).filter((p) => p.id.startsWith('AmazonEC2-'));
      const regions = Object.keys(index.regions);
      const sovereign = regions.filter((r) => /^(us-gov-|cn-)/.test(r));
      expect(parts.map((p) => p.region).sort()).toEqual(regions.filter((r) => !sovereign.includes(r)).sort());
      // Each part's URL is the index's currentVersionUrl on the same host.
      expect(parts.find((p) => p.region === 'us-east-1')!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/offers\/v1\.0\/aws\/AmazonEC2\/\d+\/us-east-1\/index\.json$/);
      // Every public region of the capture has a continent, so none is dropped from a catalog.
      expect(parts.filter((p) => !awsBulk.continentOf(p.region!)).map((p) => p.region)).toEqual([]);

      const items = await awsBulk.fetchPart(parts.find((p) => p.region === 'us-east-1')!, ctx);
      expect(items).toHaveLength(1);
      const fetched = awsBulk.map(items, table);
      expect(fetched.instances['p4d.24xlarge']!.on_demand['us-east-1']!.gt(0)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('region names → continents for regions the bundled tables do not list', () => {
  it.each([
    ['italynorth', 'europe'],
    ['swedencentral', 'europe'],
    ['southeastasia', 'asia'],
    ['australiaeast', 'oceania'],
    ['southafricanorth', 'africa'],
    ['uaenorth', 'middle-east'],
    ['westus3', 'north-america'],
    ['canadacentral', 'north-america'],
    ['brazilsouth', 'south-america'],
    ['japaneast', 'asia'],
    ['usgovvirginia', undefined],
    ['eastus2euap', undefined],
  ])('azure %s → %s', (region, continent) => expect(azureContinent(region)).toBe(continent));

  it.each([
    ['europe-west4', 'europe'],
    ['australia-southeast1', 'oceania'],
    ['northamerica-south1', 'north-america'],
    ['me-central2', 'middle-east'],
    ['us', undefined],
    ['global', undefined],
  ])('gcp %s → %s', (region, continent) => expect(gcpContinent(region)).toBe(continent));

  it.each([
    ['ap-southeast-2', 'oceania'],
    ['ap-southeast-7', 'asia'],
    ['mx-central-1', 'north-america'],
    ['il-central-1', 'middle-east'],
    ['us-gov-west-1', undefined],
  ])('aws %s → %s', (region, continent) => expect(awsBulk.continentOf(region)).toBe(continent));
});
