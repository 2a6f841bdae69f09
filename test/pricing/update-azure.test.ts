import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPricingFile } from '../../src/pricing/load.js';
import { FROZEN_PRICING } from '../helpers.js';
import { mapAzureItems } from '../../src/providers/azure/prices.js';
import { fetchAzureItems, parseExact } from '../../src/providers/azure/fetch-prices.js';
import type { FetchProgress } from '../../src/providers/progress.js';
import { azureRetailServer } from './api-servers.js';

describe('Azure Retail Prices API over fetch', () => {
  let server: Awaited<ReturnType<typeof azureRetailServer>>;
  beforeAll(async () => {
    server = await azureRetailServer();
  });
  afterAll(() => server.close());
  const table = readPricingFile(join(FROZEN_PRICING, 'azure.yaml')).table;

  it('follows NextPageLink per instance type and for bandwidth, and honours Retry-After on a 429', async () => {
    const progress: FetchProgress[] = [];
    const started = Date.now();
    const items = await fetchAzureItems(table, { baseUrl: `${server.url}/api/retail/prices`, onProgress: (p) => progress.push(p) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // 10 VM items + 6 internet egress bands in each of eastus and westeurope (westus3 is not listed).
    expect(items).toHaveLength(22);
    expect(progress[0]).toEqual({ query: 'Standard_NC24ads_A100_v4', pages: 0, seen: 0, waitingMs: 1000 });
    expect(progress.filter((p) => p.query === 'Standard_NC24ads_A100_v4' && !p.waitingMs).map((p) => p.pages)).toEqual([1, 2, 3]);
    expect(decodeURIComponent(server.requests[1]!.url)).toContain("$filter=serviceName eq 'Virtual Machines' and (priceType eq 'Consumption' or priceType eq 'Reservation') and armSkuName eq 'Standard_NC24ads_A100_v4'");
    expect(server.requests[2]!.url).toContain('$skip=2');
    // 12 bandwidth items, 2 a page.
    expect(progress.filter((p) => p.query === 'Bandwidth').map((p) => p.pages)).toEqual([1, 2, 3, 4, 5, 6]);
    const bandwidth = decodeURIComponent(server.requests.find((r) => r.url.includes('Bandwidth'))!.url);
    expect(bandwidth).toContain(
      "$filter=serviceName eq 'Bandwidth' and productName eq 'Rtn Preference: MGN' and meterName eq 'Standard Data Transfer Out' and priceType eq 'Consumption' and (armRegionName eq 'eastus' or armRegionName eq 'eastus2' or armRegionName eq 'westus2' or armRegionName eq 'westeurope' or armRegionName eq 'northeurope')",
    );

    const fetched = mapAzureItems(items, table);
    expect(fetched.instances['Standard_ND96isr_H100_v5']!.on_demand.eastus!.toFixed()).toBe('98.32');
    expect(fetched.internet_egress.westeurope!.map((t) => t.rate.toFixed())).toEqual(['0', '0.087', '0.083', '0.07', '0.05', '0.05']);
  });
});

describe('parseExact', () => {
  it('reads prices as the decimal text the API sent, not through a double', () => {
    const page = parseExact('{"Items":[{"retailPrice":0.1000000000000000055511151231257827,"unitPrice":3.673,"tierMinimumUnits":0.0}],"NextPageLink":null}');
    expect(page.Items![0]!.retailPrice).toBe('0.1000000000000000055511151231257827');
    expect((page.Items![0] as unknown as { unitPrice: string }).unitPrice).toBe('3.673');
  });
});
