import { describe, expect, it } from 'vitest';
import { azureRegionId } from '../../src/providers/azure/regions.js';
import { classify } from '../../src/actuals/categorize.js';
import { lineKey, recordKey } from '../../src/actuals/line-keys.js';
import type { LineItem } from '../../src/model/estimate.js';
import type { Scenario } from '../../src/model/scenario.js';
import { record } from './records.js';

/**
 * Meters as Microsoft bills them: x_SkuMeterCategory / x_SkuMeterSubcategory / x_SkuMeterName in the
 * FOCUS export are the Retail Prices API's serviceName (meterCategory) / meterSubCategory / meterName.
 * VM meters "NC24ads A100 v4", "… Spot", "… Low Priority" and "ND96asr v4" (armSkuName
 * Standard_ND96asr_v4) are the API's; "D2 v3/D2s v3" is the shared Dv3/DSv3 meter. Bandwidth:
 * "Standard Data Transfer Out" / "Standard Inter-Region Data Transfer" (product "Rtn Preference: MGN"),
 * "Intra Continent …" / "Inter Continent Data Transfer Out - NAM or EU To Any" (subcategory
 * "Inter-Region"), "Standard Inter-Availability Zone Data Transfer Out". NAT Gateway: "Standard
 * Gateway", "Standard Data Processed" (Load Balancer bills a meter of that name too). Storage:
 * "<tier> <redundancy> Data Stored" under "General Block Blob v2" / "Blob Storage", and the same
 * names under "Files v2" and Data Lake.
 */
const AZURE: [category: string, subcategory: string, meter: string, vmSize: string, expected: object][] = [
  ['Virtual Machines', 'NCadsA100v4 Series', 'NC24ads A100 v4', 'Standard_NC24ads_A100_v4', { category: 'compute', detail: { kind: 'node', instance: 'Standard_NC24ads_A100_v4', purchase: 'on-demand' } }],
  ['Virtual Machines', 'NCadsA100v4 Series', 'NC24ads A100 v4 Spot', 'Standard_NC24ads_A100_v4', { category: 'compute', detail: { kind: 'node', instance: 'Standard_NC24ads_A100_v4', purchase: 'spot' } }],
  ['Virtual Machines', 'NCadsA100v4 Series', 'NC24ads A100 v4 Low Priority', '', { category: 'compute', detail: { kind: 'node', instance: 'Standard_NC24ads_A100_v4', purchase: 'spot' } }],
  ['Virtual Machines', 'NDsrH100v5 Series', 'ND96isr H100 v5', '', { category: 'compute', detail: { kind: 'node', instance: 'Standard_ND96isr_H100_v5', purchase: 'on-demand' } }],
  ['Virtual Machines', 'NDasrA100v4 Series', 'ND96asr v4', '', { category: 'compute', detail: { kind: 'node', instance: 'Standard_ND96asr_v4', purchase: 'on-demand' } }],
  ['Virtual Machines', 'Dv3/DSv3 Series', 'D2 v3/D2s v3', 'Standard_D2s_v3', { category: 'compute', detail: { kind: 'node', instance: 'Standard_D2s_v3', purchase: 'on-demand' } }],
  ['Virtual Machines', 'Dv3/DSv3 Series', 'D2 v3/D2s v3', '', { category: 'compute' }],
  ['Bandwidth', '', 'Standard Data Transfer Out', '', { category: 'egress', detail: { kind: 'transfer', path: 'internet' } }],
  ['Bandwidth', '', 'Standard Data Transfer In', '', { category: 'ingress', detail: { kind: 'transfer', path: 'ingress' } }],
  ['Bandwidth', '', 'Standard Inter-Region Data Transfer', '', { category: 'egress', detail: { kind: 'transfer', path: 'inter-region' } }],
  ['Bandwidth', 'Inter-Region', 'Intra Continent Data Transfer Out', '', { category: 'egress', detail: { kind: 'transfer', path: 'inter-region' } }],
  ['Bandwidth', 'Inter-Region', 'Inter Continent Data Transfer Out - NAM or EU To Any', '', { category: 'egress', detail: { kind: 'transfer', path: 'inter-region' } }],
  ['Bandwidth', '', 'Standard Inter-Availability Zone Data Transfer Out', '', { category: 'egress', detail: { kind: 'transfer', path: 'inter-zone' } }],
  ['NAT Gateway', '', 'Standard Data Processed', '', { category: 'network', detail: { kind: 'nat-processing' } }],
  ['NAT Gateway', '', 'Standard Gateway', '', { category: 'network', detail: { kind: 'nat-gateway' } }],
  ['Load Balancer', '', 'Standard Data Processed', '', { category: 'network', detail: { kind: 'lb-processing' } }],
  ['Storage', 'General Block Blob v2', 'Hot LRS Data Stored', '', { category: 'storage', detail: { kind: 'storage', class: 'blob-hot-lrs' } }],
  ['Storage', 'Blob Storage', 'Cool RA-GRS Data Stored', '', { category: 'storage', detail: { kind: 'storage', class: 'blob-cool-ra-grs' } }],
  ['Storage', 'General Block Blob v2', 'Hot LRS Write Operations', '', { category: 'storage' }],
  ['Storage', 'Files v2', 'Hot LRS Data Stored', '', { category: 'storage' }],
  ['Azure Monitor', 'Log Analytics', 'Analytics Logs Data Ingestion', '', { category: 'other' }],
];

describe('categorize: Azure meters', () => {
  it.each(AZURE)('%s / %s / %s (%s)', (category, subcategory, usageType, vmSize, expected) => {
    // Meters of other categories keep the export's ServiceCategory: Load Balancer's Networking → network.
    const serviceCategory = category === 'Azure Monitor' ? 'Management and Governance' : 'Networking';
    const r = record({ provider: 'azure', usageType, serviceCategory, regionId: 'eastus', meter: { category, subcategory, vmSize } });
    expect(classify(r)).toEqual({ kind: 'usage', region: 'eastus', ...expected });
  });

  it('reads the region from display and meter-region names', () => {
    const r = record({ provider: 'azure', usageType: 'Standard Data Transfer Out', regionId: 'US East 2', meter: { category: 'Bandwidth', subcategory: '', vmSize: '' } });
    expect(classify(r)).toMatchObject({ region: 'eastus2' });
  });
});

describe('Azure region names → region ids', () => {
  it.each([
    ['eastus', 'eastus'],
    ['East US', 'eastus'],
    ['East US 2', 'eastus2'],
    ['US East', 'eastus'],
    ['US West 2', 'westus2'],
    ['US North Central', 'northcentralus'],
    ['EU West', 'westeurope'],
    ['North Europe', 'northeurope'],
    ['AP Southeast', 'southeastasia'],
    ['JA East', 'japaneast'],
    ['UK South', 'uksouth'],
    ['IN Central', 'centralindia'],
    ['DE West Central', 'germanywestcentral'],
  ])('%s → %s', (name, id) => {
    expect(azureRegionId(name)).toBe(id);
  });
});

describe("a pricing table's blob class meets the bill's capacity meter", () => {
  const hotLrs = classify(record({ provider: 'azure', usageType: 'Hot LRS Data Stored', regionId: 'eastus', meter: { category: 'Storage', subcategory: 'General Block Blob v2', vmSize: '' } }));
  // A class without redundancy is the LRS rate; one that names its redundancy meets only that meter.
  it.each([
    ['blob-hot', true],
    ['blob-hot-lrs', true],
    ['blob-hot-grs', false],
    ['blob-cool', false],
  ])('%s meets "Hot LRS Data Stored": %s', (tableClass, meets) => {
    const scenario = { storage: [{ name: 'data', provider: 'azure', region: 'eastus', class: tableClass }] } as unknown as Scenario;
    const line = { kind: 'storage', provider: 'azure', region: 'eastus', ref: ['storage', 0] } as unknown as LineItem;
    if (hotLrs.kind !== 'usage' || !hotLrs.detail) throw new Error('Hot LRS Data Stored is not a storage class');
    expect(lineKey(line, scenario) === recordKey('azure', hotLrs.region, hotLrs.detail)).toBe(meets);
  });
});

describe('a node group meets its VM size whatever the casing of the export', () => {
  it.each(['Standard_NC24ads_A100_v4', 'standard_nc24ads_a100_v4'])('%s', (vmSize) => {
    const billed = classify(record({ provider: 'azure', usageType: 'NC24ads A100 v4', regionId: 'eastus', meter: { category: 'Virtual Machines', subcategory: 'NCadsA100v4 Series', vmSize } }));
    const scenario = { nodes: [{ name: 'eval', provider: 'azure', region: 'eastus', instance: 'Standard_NC24ads_A100_v4' }] } as unknown as Scenario;
    const line = { kind: 'node', provider: 'azure', region: 'eastus', ref: ['nodes', 0] } as unknown as LineItem;
    if (billed.kind !== 'usage' || !billed.detail) throw new Error('a VM meter is not a node');
    expect(recordKey('azure', billed.region, billed.detail)).toBe(lineKey(line, scenario));
  });
});
