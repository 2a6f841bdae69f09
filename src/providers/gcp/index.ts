import type { CloudProvider } from '../provider.js';
import { namedAfterRegion } from '../zones.js';
import { classifyGcp } from './bill.js';

const API = 'the Google Cloud Billing Catalog API';

export const gcp: CloudProvider = {
  id: 'gcp',
  zoneProblem: namedAfterRegion('gcp', '-a'),
  bill: {
    isProviderName: (n) => n === 'gcp' || n.startsWith('google'),
    providerNameSql: (p) => `${p} LIKE 'google%' OR ${p} = 'gcp'`,
    classify: classifyGcp,
    fileSelector: (s) => ({ tags: s?.gcp?.labels, accounts: s?.gcp?.projects, what: 'actuals.gcp.labels' }),
  },
  lineKeys: {
    // Google bills a machine family's cores, RAM and GPUs as separate SKUs: a2-highgpu-8g is billed as a2.
    billedInstance: (instance) => instance.split('-')[0]!.toLowerCase(),
    joinInstance: (instance) => instance,
    billedStorageClass: (cls) => cls,
    // SKUs name the destination's continent at most.
    namesInterRegionDestination: false,
  },
  prices: {
    api: API,
    seen: 'SKUs',
    offerFiles: false,
    fetch: async (req) => (await import('./fetch-prices.js')).fetchGcpPrices(req),
    bulk: async () => (await import('./bulk.js')).gcpBulk,
    describeError: ({ code, message }) => {
      // google-gax status codes: 7 PERMISSION_DENIED, 16 UNAUTHENTICATED, 8 RESOURCE_EXHAUSTED.
      if (code === 7 || code === 16 || /Could not load the default credentials/.test(message)) {
        return 'the Catalog API refused the request: set TOLLGATE_GCP_API_KEY to an API key of a project with the Cloud Billing API enabled, or sign in with `gcloud auth application-default login`';
      }
      if (code === 8) return `${API} is still throttling after repeated retries; try again in a few minutes`;
      return undefined;
    },
  },
};
