import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FROZEN_PRICING } from '../helpers.js';
import { bundledPricingDir } from '../../src/pricing/load.js';
import { describeFetchError } from '../../src/pricing/update/errors.js';
import { azureRetailServer, azureServerPerTest } from './api-servers.js';
import { runMain } from './run-main.js';
import { API_FIXTURES } from './fixtures.js';
import { bar } from '../../src/commands/pricing-progress.js';

const BUNDLED_AZURE = join(bundledPricingDir(), 'azure.yaml');
/** The Azure table as bundled before its egress bands were corrected: open-ended $0.087 after 100 GB. */
const FROZEN_AZURE = join(FROZEN_PRICING, 'azure.yaml');

describe('tollgate pricing update / diff --live (Azure Retail Prices API on a local server)', () => {
  azureServerPerTest();
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-update-'));

  it('shows progress on a terminal, rewritten in place, and the wait on a 429', async () => {
    const out = join(dir, 'progress.yaml');
    copyFileSync(FROZEN_AZURE, out);
    const { code, stdout, stderr } = await runMain(['pricing', 'update', 'azure', '--out', out], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toContain('\r\x1b[KStandard_NC24ads_A100_v4: 0 pages · 0 seen · throttled, retrying in 1 s');
    expect(stderr).toContain('\r\x1b[KStandard_NC24ads_A100_v4: 3 pages · 6 seen');
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout).toMatch(/^wrote .*progress\.yaml: azure prices as of \d{4}-\d{2}-\d{2} from https:\/\/prices\.azure\.com\/api\/retail\/prices \(22 price items read\)$/m);
    expect(stdout).toMatch(/^added\s+instance Standard_NC24ads_A100_v4\s+eastus spot\s+—\s+\$0\.7346\s+\$\/hour$/m);
  });

  it('never shows progress with --format json, even on a terminal', async () => {
    const { code, stdout, stderr } = await runMain(['pricing', 'update', 'azure', '--out', join(dir, 'quiet.yaml'), '--format', 'json'], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).seen).toBe(22);
  });

  it('refreshes an existing --out table in place, keeping its "# override" entries', async () => {
    const mine = join(dir, 'negotiated.yaml');
    const text = readFileSync(FROZEN_AZURE, 'utf8').replace('  Standard_NC24ads_A100_v4:\n', '  # override: our enterprise agreement\n  Standard_NC24ads_A100_v4:\n');
    writeFileSync(mine, text.replace('on_demand: {eastus: 3.673}', 'on_demand: {eastus: 2.9}'));
    const { code, stdout } = await runMain(['pricing', 'update', 'azure', '--out', mine, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.kept).toEqual(['instances.Standard_NC24ads_A100_v4']);
    const after = readFileSync(mine, 'utf8');
    expect(after).toContain('  # override: our enterprise agreement\n  Standard_NC24ads_A100_v4:\n');
    expect(after).toContain('on_demand: {eastus: 2.9}');
    expect(after).toContain('on_demand: {eastus: 98.32, westeurope: 100.1}');
  });

  it('notes the API\'s egress bands when they do not line up with the table\'s, and leaves its tiers', async () => {
    const out = join(dir, 'egress-note.yaml');
    copyFileSync(FROZEN_AZURE, out);
    const { code, stdout } = await runMain(['pricing', 'update', 'azure', '--out', out, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).notes).toContain(
      "internet egress: the API's tiers for eastus (≤100: 0, ≤10335: 0.087, ≤51295: 0.083, ≤153695: 0.07, ≤512095: 0.05, above: 0.05) do not line up with the table's; not updated",
    );
    expect(readFileSync(out, 'utf8')).toContain('    tiers:\n      - {up_to: 100, rate: 0}\n      - {rate: 0.087}\n');
  });

  it('refreshes egress tiers written with the API\'s bands', async () => {
    const mine = join(dir, 'egress-bands.yaml');
    const bands = ['{up_to: 100, rate: 0}', '{up_to: 10335, rate: 0.09}', '{up_to: 51295, rate: 0.083}', '{up_to: 153695, rate: 0.07}', '{up_to: 512095, rate: 0.05}', '{rate: 0.05}'];
    writeFileSync(mine, readFileSync(FROZEN_AZURE, 'utf8').replace('      - {up_to: 100, rate: 0}\n      - {rate: 0.087}\n', bands.map((b) => `      - ${b}\n`).join('')));
    const { code, stdout } = await runMain(['pricing', 'update', 'azure', '--out', mine, '--format', 'json']);
    expect(code).toBe(0);
    const changes = JSON.parse(stdout).changes as { change: string; item: string; where: string; old?: string; new?: string }[];
    expect(changes.filter((c) => c.item === 'internet egress').map((c) => `${c.change} ${c.where} ${c.old}>${c.new}`)).toEqual(['changed 100–10335 GB 0.09>0.087']);
    expect(readFileSync(mine, 'utf8')).toContain('      - {up_to: 10335, rate: 0.087}\n      - {up_to: 51295, rate: 0.083}\n');
  });

  it('finds the bundled table\'s egress bands in line with the API: nothing to change or note', async () => {
    const mine = join(dir, 'egress-bundled.yaml');
    copyFileSync(BUNDLED_AZURE, mine);
    const { code, stdout } = await runMain(['pricing', 'update', 'azure', '--out', mine, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.changes.filter((c: { item: string }) => c.item === 'internet egress')).toEqual([]);
    expect(report.notes.filter((n: string) => n.startsWith('internet egress'))).toEqual([]);
  });

  it('diff --live compares a table with the API without writing anything', async () => {
    const copy = join(dir, 'live.yaml');
    copyFileSync(FROZEN_AZURE, copy);
    const { code, stdout } = await runMain(['pricing', 'diff', copy, '--live', '--format', 'json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.new.file).toBe('https://prices.azure.com/api/retail/prices');
    expect(out.changes.map((c: { change: string; item: string; where: string }) => `${c.change} ${c.item} ${c.where}`)).toEqual([
      'added instance Standard_NC24ads_A100_v4 eastus spot',
      // Commitments are rates the diff compares too.
      'added instance Standard_NC24ads_A100_v4 eastus savings-plan compute 3y',
      'added instance Standard_NC24ads_A100_v4 eastus savings-plan compute 1y',
      'added instance Standard_NC24ads_A100_v4 eastus reserved 1y',
      'added instance Standard_NC24ads_A100_v4 eastus reserved 3y',
      'added instance Standard_ND96isr_H100_v5 westeurope on-demand',
    ]);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(FROZEN_AZURE, 'utf8'));
  });
});

describe('tollgate pricing update, refusals (exit 2, nothing fetched)', () => {
  it.each([
    [['pricing', 'update', 'aws'], 'say where to write: --out FILE, or --write to overwrite'],
    [['pricing', 'update', 'aws', '--out', join(bundledPricingDir(), 'aws.yaml')], '--out names the bundled table; use --write'],
    [['pricing', 'update', 'aws', '--out', 'x.yaml', '--regions', 'us-east-1,mars-1'], 'mars-1 not listed in'],
    [['pricing', 'update', 'gcp', '--out', 'x.yaml', '--input', 'offer.json'], '--input (a bulk offer file) is only for aws'],
    [['pricing', 'update', 'ibm', '--out', 'x.yaml'], 'unknown provider "ibm"'],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await runMain(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('tollgate pricing update, when the API cannot be read', () => {
  it('says which API failed, exit 1, and writes nothing', async () => {
    const closed = await azureRetailServer();
    await closed.close();
    const saved = process.env.TOLLGATE_AZURE_PRICES_URL;
    process.env.TOLLGATE_AZURE_PRICES_URL = `${closed.url}/api/retail/prices`;
    const out = join(mkdtempSync(join(tmpdir(), 'tollgate-down-')), 'azure.yaml');
    try {
      const { code, stdout, stderr } = await runMain(['pricing', 'update', 'azure', '--out', out]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe('tollgate: pricing update: could not reach the Azure Retail Prices API (ECONNREFUSED)\n');
      expect(existsSync(out)).toBe(false);
    } finally {
      process.env.TOLLGATE_AZURE_PRICES_URL = saved;
    }
  });

  it('reports an unreadable --input offer file as invalid input', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'tollgate-offer-')), 'offer.json');
    writeFileSync(bad, '{"products": {}}');
    const { code, stderr } = await runMain(['pricing', 'update', 'aws', '--input', bad, '--out', join(tmpdir(), 'never.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('not an AWS offer file: it needs offerCode, products and terms');
  });

  it('streams an --input offer file with a progress bar on a terminal, and writes what it read', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tollgate-offer-')), 'aws.yaml');
    const { code, stdout, stderr } = await runMain(['pricing', 'update', 'aws', '--input', join(API_FIXTURES, 'aws-offer-AmazonEC2.json'), '--out', out], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(/\r\x1b\[Koffer file aws-offer-AmazonEC2\.json: \[#{20}\] 100% 0\/0 MB · \d+ kept/);
    expect(stdout).toMatch(/^wrote .*aws\.yaml: aws prices as of \d{4}-\d{2}-\d{2} from https:\/\/pricing\.us-east-1\.amazonaws\.com\/offers\/v1\.0\/aws\/ \(bulk offer files\)/m);
  });
});

describe('the progress bar', () => {
  it('fills in proportion, and never past the end', () => {
    expect(bar(0, 450e6)).toBe('[--------------------] 0% 0/450 MB');
    expect(bar(180e6, 450e6)).toBe('[########------------] 40% 180/450 MB');
    expect(bar(500e6, 450e6)).toBe('[####################] 100% 500/450 MB');
  });
});

describe('describeFetchError', () => {
  it('turns SDK and client errors into what to do, naming the permission needed', () => {
    expect(describeFetchError('aws', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }))).toContain('pricing:GetProducts');
    expect(describeFetchError('aws', Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }))).toBe('access denied: the AWS credentials need the pricing:GetProducts permission');
    expect(describeFetchError('gcp', Object.assign(new Error('API key not valid'), { code: 7 }))).toContain('TOLLGATE_GCP_API_KEY');
    expect(describeFetchError('gcp', Object.assign(new Error('Quota exceeded'), { code: 8 }))).toContain('still throttling');
    expect(describeFetchError('azure', new Error('Azure Retail Prices API answered 500 Internal Server Error for X'))).toBe(
      'the Azure Retail Prices API failed: Azure Retail Prices API answered 500 Internal Server Error for X',
    );
  });
});
