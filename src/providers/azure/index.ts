import type { CloudProvider } from '../provider.js';
import { azureStorageClass, classifyAzure } from './bill.js';

// Microsoft writes SubAccountId as the subscription's resource id, /subscriptions/<GUID>.
const subscription = (sql: string) => `lower(regexp_replace(${sql}, '^/subscriptions/', '', 'i'))`;

export const azure: CloudProvider = {
  id: 'azure',
  // Azure numbers its zones within each region.
  zoneProblem: (_region, zone) => (/^[1-3]$/.test(zone) ? undefined : { message: `Azure availability zone ${JSON.stringify(zone)} is not 1, 2 or 3` }),
  bill: {
    isProviderName: (n) => n === 'azure' || n.startsWith('microsoft'),
    providerNameSql: (p) => `${p} LIKE 'microsoft%' OR ${p} = 'azure'`,
    classify: classifyAzure,
    fileSelector: (s) => ({
      tags: s?.azure?.tags,
      accounts: s?.azure?.subscriptions?.map((id) => id.toLowerCase()),
      what: 'actuals.azure.tags',
      account: subscription,
    }),
  },
  lineKeys: {
    billedInstance: (instance) => instance,
    // Azure Resource Manager treats size names case-insensitively, so the join does too.
    joinInstance: (instance) => instance.toLowerCase(),
    billedStorageClass: azureStorageClass,
    // Meters name the destination's continent at most.
    namesInterRegionDestination: false,
  },
  prices: {
    api: 'the Azure Retail Prices API',
    seen: 'price items',
    offerFiles: false,
    fetch: async (req) => (await import('./fetch-prices.js')).fetchAzurePrices(req),
    bulk: async () => (await import('./bulk.js')).azureBulk,
    describeError: () => undefined,
  },
};
