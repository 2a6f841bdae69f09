import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledPricingDir, readPricingFile } from '../../src/pricing/load.js';
import { awsOfferServer, EXTRA_RATE, EXTRA_REGION } from './offer-server.js';
import { azureRetailServer, gcpCatalogServer } from './api-servers.js';
import { ec2SpotServer } from './ec2-server.js';
import { runMain } from './run-main.js';

const bundledAws = readPricingFile(join(bundledPricingDir(), 'aws.yaml')).table;

function scenario(dir: string, region: string): string {
  const file = join(dir, 'plan.yaml');
  writeFileSync(file, `name: plan\nnodes:\n  - name: trainers\n    provider: aws\n    region: ${region}\n    instance: p4d.24xlarge\n    count: 1\n    hours: 100\n`);
  return file;
}

describe('pricing update --all: the full catalog from the bulk sources, into the cache', () => {
  const saved = { ...process.env };
  let cache: string;
  let servers: { close: () => Promise<void> }[] = [];
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'tollgate-catalog-'));
    process.env.XDG_CACHE_HOME = cache;
    // No AWS credentials from the machine running the tests: spot prices are read only where a test says so.
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_ENDPOINT_URL_EC2']) delete process.env[k];
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(cache, 'no-aws-credentials');
    process.env.AWS_CONFIG_FILE = join(cache, 'no-aws-config');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  afterEach(async () => {
    process.env = { ...saved };
    for (const s of servers) await s.close();
    servers = [];
  });

  it('streams the AWS region index and regional offers (429 waited out), resumes after an outage, and the verbs then price from it and say so', async () => {
    const aws = await awsOfferServer({ failing: (path) => path.includes('/AmazonS3/20261120183402/') });
    servers.push(aws);
    process.env.TOLLGATE_AWS_OFFERS_URL = aws.url;

    // An outage on the S3 offers: the EC2 parts already read are kept, nothing is written.
    const first = await runMain(['pricing', 'update', '--all', 'aws']);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^aws: not built: the AWS AmazonS3 \S+ offer \(.*\) answered 500 Internal Server Error; the \d+ finished parts are kept, run again to continue$/m);
    const parts = join(cache, 'tollgate', 'pricing', 'parts', 'aws');
    const kept = readdirSync(parts).filter((f) => f.startsWith('AmazonEC2-'));
    expect(kept.length).toBe(6);
    expect(existsSync(join(cache, 'tollgate', 'pricing', 'catalog', 'aws.yaml'))).toBe(false);
    const ec2Fetched = aws.offerRequests().filter((u) => u.includes('/AmazonEC2/'));
    // The throttled region was asked twice (429, then after Retry-After), every other once.
    expect(ec2Fetched.filter((u) => u.includes(`/${EXTRA_REGION}/`))).toHaveLength(2);

    aws.heal();
    const before = aws.offerRequests().length;
    const second = await runMain(['pricing', 'update', '--all', 'aws', '--format', 'json']);
    expect(second.code).toBe(0);
    const body = JSON.parse(second.stdout);
    expect(body.failed).toEqual([]);
    const [built] = body.built;
    expect(built.parts).toEqual({ fetched: expect.any(Number), kept_from_earlier_run: 6 });
    // The resumed run fetched no EC2 offer again.
    expect(aws.offerRequests().slice(before).filter((u) => u.includes('/AmazonEC2/'))).toEqual([]);
    expect(built.notes.join('\n')).toContain("spot prices not read: DescribeSpotPriceHistory needs AWS credentials, and none were found in the environment, a profile or SSO");
    expect(existsSync(parts)).toBe(false);

    const file = join(cache, 'tollgate', 'pricing', 'catalog', 'aws.yaml');
    const catalog = parse(readFileSync(file, 'utf8'));
    expect(catalog.source).toMatch(/bulk offer files/);
    expect(String(catalog.instances['p4d.24xlarge'].on_demand[EXTRA_REGION])).toBe(EXTRA_RATE);
    // The $0 Capacity Block SKU beside it was never taken; the bundled comments are still there.
    expect(readFileSync(file, 'utf8')).toContain('# AWS list prices');
    // Savings Plans rates from their own offer: the bundled [TERM] entries set and dated, a kind it lacked added.
    const p5 = catalog.instances['p5.48xlarge'].commitments as { purchase: string; plan?: string; term: string; as_of?: string; rates: Record<string, number> }[];
    const sp = (plan: string, term: string) => p5.find((c) => c.purchase === 'savings-plan' && c.plan === plan && c.term === term);
    expect(sp('ec2-instance', '1y')).toMatchObject({ as_of: catalog.as_of, rates: { 'us-east-1': 34.6752 } });
    expect(sp('compute', '1y')).toMatchObject({ as_of: catalog.as_of, rates: { 'us-east-1': 40.1234 } });
    // The plans the test file does not carry are said to be missing, and kept; the test offers carry no
    // Reserved terms, so nothing is said about reservations.
    const notes = built.notes.join('\n');
    expect(notes).toMatch(/commitment rates the source did not state, kept as they were \(with their own as_of\): .*p5en\.48xlarge savings-plan ec2-instance 1y no-upfront: us-east-1/);
    expect(notes).not.toMatch(/ reserved /);
    expect(existsSync(join(cache, 'tollgate', 'pricing', 'catalog', 'aws.json'))).toBe(true);
    if (!(EXTRA_REGION in (bundledAws.regions ?? {}))) {
      expect(built.added_regions).toContain(EXTRA_REGION);
      expect(catalog.regions[EXTRA_REGION]).toEqual({ continent: 'europe' });
      // No transfer offer for it: marked unpriced, never given another region's tiers, and said.
      expect(catalog.network.internet_egress.unpriced).toContain(EXTRA_REGION);
      expect(built.notes.join('\n')).toMatch(new RegExp(`internet egress: no price found for [^\\n]*${EXTRA_REGION}`));
    }

    const dir = mkdtempSync(join(tmpdir(), 'tollgate-catalog-plan-'));
    const plan = scenario(dir, EXTRA_REGION);
    const est = await runMain(['estimate', plan, '--format', 'json']);
    expect(est.code).toBe(0);
    const e = JSON.parse(est.stdout);
    expect(e.lines[0].rate).toBe(EXTRA_RATE);
    expect(e.pricing).toEqual([expect.objectContaining({ provider: 'aws', role: 'cache', source: catalog.source })]);
    expect(e.assumptions.join('\n')).toMatch(/aws prices are from the cached full catalog .*aws\.yaml \(as_of \d{4}-\d\d-\d\d, source .*\), built by `tollgate pricing update --all`, not the bundled pricing\/aws\.yaml; --prices bundled uses the bundled table/);

    // --prices bundled: the cache is not read at all.
    const bundled = await runMain(['estimate', plan, '--format', 'json', '--prices', 'bundled']);
    if (bundled.code === 0) {
      expect(JSON.parse(bundled.stdout).pricing[0].role).toBe('bundled');
      expect(bundled.stdout).not.toContain('cached full catalog');
    } else expect(bundled.stderr).toContain(EXTRA_REGION);
    expect((await runMain(['estimate', plan, '--prices', 'cached'])).stderr).toContain('--prices takes cache or bundled, not "cached"');
    // advise and place read the same tables estimate does, and take --prices the same way.
    for (const verb of [['advise', plan], ['place', plan, '--vary', 'nodes.trainers', '--top', '1']]) {
      const cached = await runMain([...verb, '--format', 'json']);
      expect(cached.code, verb[0]).toBe(0);
      expect(JSON.parse(cached.stdout).pricing, verb[0]).toContainEqual(expect.objectContaining({ provider: 'aws', role: 'cache' }));
      const own = await runMain([...verb, '--format', 'json', '--prices', 'bundled']);
      if (own.code === 0) expect(JSON.parse(own.stdout).pricing, verb[0]).not.toContainEqual(expect.objectContaining({ role: 'cache' }));
      else expect(own.stderr, verb[0]).toContain(EXTRA_REGION);
    }

    const show = await runMain(['pricing', 'show', 'p4d.24xlarge', '--format', 'json']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`"region": "${EXTRA_REGION}"`);
    expect(JSON.parse(show.stdout).pricing).toContainEqual(expect.objectContaining({ provider: 'aws', role: 'cache', as_of: catalog.as_of }));
    const listed = await runMain(['pricing', 'show', 'p4d.24xlarge']);
    expect(listed.stdout.replace(/\s+/g, ' ')).toMatch(/prices: aws from the cached catalog \S+aws\.yaml \(as_of \d{4}-\d\d-\d\d, source .*\); --prices bundled lists the bundled tables/);
    expect((await runMain(['pricing', 'show', 'p4d.24xlarge', '--prices', 'bundled'])).stdout).not.toContain('cached catalog');
  }, 60_000);

  it('reads each region\'s spot prices with DescribeSpotPriceHistory when credentials are set, zone-averaged and dated that day', async () => {
    const aws = await awsOfferServer();
    const ts = (d: string) => `2026-11-${d}T10:00:00.000Z`;
    const ec2 = await ec2SpotServer(
      {
        'us-east-1': [
          { zone: 'us-east-1a', type: 'p4d.24xlarge', price: '10.000000', timestamp: ts('28') },
          { zone: 'us-east-1a', type: 'p4d.24xlarge', price: '99.000000', timestamp: ts('02') },
          { zone: 'us-east-1b', type: 'p4d.24xlarge', price: '12.000000', timestamp: ts('27') },
          { zone: 'us-east-1c', type: 'p4d.24xlarge', price: '11.000000', timestamp: ts('20') },
        ],
      },
      { throttleFirst: true },
    );
    servers.push(aws, ec2);
    process.env.TOLLGATE_AWS_OFFERS_URL = aws.url;
    process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTONLY';
    process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
    const run = await runMain(['pricing', 'update', '--all', 'aws', '--format', 'json']);
    expect(run.code).toBe(0);
    const [built] = JSON.parse(run.stdout).built;
    expect(built.notes.join('\n')).toContain('spot prices: DescribeSpotPriceHistory in every region the table prices an instance type');
    const catalog = parse(readFileSync(join(cache, 'tollgate', 'pricing', 'catalog', 'aws.yaml'), 'utf8'));
    const p4d = catalog.instances['p4d.24xlarge'];
    // Each zone's newest price (zone a's older 99 is not), averaged: (10 + 12 + 11) / 3.
    expect(String(p4d.spot['us-east-1'])).toBe('11');
    // The snapshot is dated the day it was read, region by region; the bundled snapshot keeps its date elsewhere.
    expect(p4d.spot_as_of['us-east-1']).toBe(catalog.as_of);
    expect(p4d.spot_as_of['eu-west-1']).toBe(bundledAws.instances!['p4d.24xlarge']!.spot_as_of);
    // Signed per region, Linux only, the table's types for that region, the first answer throttled and retried.
    const asked = ec2.requests.map((r) => new URLSearchParams(r.body));
    expect(asked.every((f) => f.get('Action') === 'DescribeSpotPriceHistory' && f.get('ProductDescription.1') === 'Linux/UNIX')).toBe(true);
    const east = ec2.requests.filter((r) => String(r.headers.authorization).includes('/us-east-1/ec2/'));
    expect(east.length).toBeGreaterThanOrEqual(2);
    expect(new URLSearchParams(east.at(-1)!.body).get('NextToken')).toBe('2');
    const regions = new Set(ec2.requests.map((r) => /\/\d{8}\/([^/]+)\/ec2\//.exec(String(r.headers.authorization))?.[1]));
    // One request per region, one more for us-east-1's second page, one more for the throttled first answer.
    expect(ec2.requests.length).toBe(regions.size + 2);
  }, 60_000);

  it('Azure: every region the paged Retail Prices answer names (NextPageLink, a 429 first); Google: the Catalog listing page by page', async () => {
    const azure = await azureRetailServer();
    const gcp = await gcpCatalogServer();
    servers.push(azure, gcp);
    process.env.TOLLGATE_AZURE_PRICES_URL = `${azure.url}/api/retail/prices`;
    process.env.TOLLGATE_GCP_CATALOG_URL = gcp.url;
    process.env.TOLLGATE_GCP_API_KEY = 'test-api-key';
    const r = await runMain(['pricing', 'update', '--all', 'azure', 'gcp', '--format', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.built.map((b: { provider: string }) => b.provider)).toEqual(['azure', 'gcp']);
    const azureCatalog = parse(readFileSync(join(cache, 'tollgate', 'pricing', 'catalog', 'azure.yaml'), 'utf8'));
    // The bandwidth query is no longer narrowed to the listed regions.
    const bandwidth = decodeURIComponent(azure.requests.find((q) => q.url.includes('Bandwidth'))!.url);
    expect(bandwidth).not.toContain('armRegionName');
    expect(String(azureCatalog.instances.Standard_ND96isr_H100_v5.on_demand.eastus)).toBe('98.32');
    // The fixture's westus3 items (a region the bundled table does not list) are in the catalog.
    expect(azureCatalog.regions.westus3).toEqual({ continent: 'north-america' });
    expect(body.built[1].source).toBe('https://cloudbilling.googleapis.com/v1/services');
    expect(gcp.requests.some((q) => q.url.includes('pageToken=10'))).toBe(true);
    // Two servers each waiting out a 429 (1 s each) and the Google client's first load: slow on a busy machine.
  }, 60_000);
});
