import { describe, expect, it } from 'vitest';
import { BILLING_SOURCES, billingSource, sourceList } from '../../src/actuals/sources/index.js';
import { PROVIDERS } from '../../src/model/scenario.js';
import type { Provider } from '../../src/model/scenario.js';
import { CLOUDS, cloudOf, normalizeProvider } from '../../src/providers/index.js';
import type { CloudProvider } from '../../src/providers/provider.js';

// Checked by `tsc --noEmit` (npm test): a provider id without its module does not compile.
// @ts-expect-error CLOUDS has no 'oci' module, so it does not satisfy a registry that includes it
CLOUDS satisfies Record<Provider | 'oci', CloudProvider>;

describe('the cloud registry', () => {
  it('has one module per provider id, each under its own id', () => {
    expect(Object.keys(CLOUDS).sort()).toEqual([...PROVIDERS].sort());
    for (const id of PROVIDERS) expect(CLOUDS[id].id).toBe(id);
  });

  it('maps FOCUS provider names to tollgate providers and keeps others as written', () => {
    expect(normalizeProvider(' Amazon Web Services ')).toBe('aws');
    expect(normalizeProvider('AWS')).toBe('aws');
    expect(normalizeProvider('Google Cloud')).toBe('gcp');
    expect(normalizeProvider('Microsoft')).toBe('azure');
    expect(normalizeProvider('Oracle')).toBe('oracle');
    expect(cloudOf('oracle')).toBeUndefined();
    expect(cloudOf('toString')).toBeUndefined();
  });

  it('checks zones the way each cloud names them', () => {
    expect(CLOUDS.aws.zoneProblem('us-east-1', 'us-east-1a')).toBeUndefined();
    expect(CLOUDS.aws.zoneProblem('us-east-1', 'us-west-2a')?.suggestion).toBe('aws zones are named after their region, e.g. us-east-1a');
    expect(CLOUDS.gcp.zoneProblem('us-central1', 'us-east1-b')?.suggestion).toBe('gcp zones are named after their region, e.g. us-central1-a');
    expect(CLOUDS.azure.zoneProblem('eastus', '2')).toBeUndefined();
    expect(CLOUDS.azure.zoneProblem('eastus', 'eastus-1')?.message).toBe('Azure availability zone "eastus-1" is not 1, 2 or 3');
  });
});

describe('the billing-source registry', () => {
  it('finds a source by name; anything else is a billing file', () => {
    expect(billingSource('aws').name).toBe('aws');
    expect(billingSource('gcp').supports.scanLimit).toBeDefined();
    expect(billingSource('sample').month).toBe('2026-10');
    expect(billingSource('bills/2026-10.csv').name).toBe('file');
    expect(billingSource('file').name).toBe('file');
  });

  it('says which sources bill their requests and which refuse the effective cost', () => {
    expect(BILLING_SOURCES.filter((s) => s.supports.paidRequests).map((s) => s.name)).toEqual(['aws', 'gcp']);
    expect(BILLING_SOURCES.filter((s) => !s.supports.effectiveCost).map((s) => s.name)).toEqual(['gcp']);
    for (const s of BILLING_SOURCES) expect(s.supports.effectiveCost || s.noEffectiveCost !== undefined).toBe(true);
  });

  it('names the sources in lists as the session always has', () => {
    expect(sourceList((s) => s.spelled, ' or ')).toBe('aws, gcp, sample or a billing file');
    expect(sourceList((s) => s.help, ', or ')).toBe('aws (Cost Explorer, $0.01/request), gcp (BigQuery export), sample, or a billing file');
    expect(billingSource('aws').progress.request?.(1)).toBe('fetching actuals… 1 Cost Explorer request ($0.01)');
    expect(billingSource('gcp').progress.request?.(2)).toBe('querying BigQuery… job 2 of 2 (the query)');
    expect(billingSource('file').progress.request).toBeUndefined();
  });
});
