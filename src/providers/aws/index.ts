import type { CloudProvider } from '../provider.js';
import { namedAfterRegion } from '../zones.js';
import { classifyAws } from './bill.js';
import { AWS_REGION_CODES } from './regions.js';

const API = 'the AWS Price List Query API';

export const aws: CloudProvider = {
  id: 'aws',
  zoneProblem: namedAfterRegion('aws', 'a'),
  bill: {
    isProviderName: (n) => n === 'aws' || n.startsWith('amazon'),
    providerNameSql: (p) => `${p} LIKE 'aws%' OR ${p} LIKE 'amazon%'`,
    classify: classifyAws,
    fileSelector: (s) => ({ tags: s?.aws?.tags, accounts: s?.aws?.linked_accounts, what: 'actuals.aws.tags' }),
  },
  lineKeys: {
    billedInstance: (instance) => instance,
    joinInstance: (instance) => instance,
    billedStorageClass: (cls) => cls,
    // Usage types name both ends of an inter-region transfer (USE1-USW2-AWS-Out-Bytes).
    namesInterRegionDestination: true,
    // CloudFront's usage types name the edge (bill.ts); a transfer without viewers: is priced at the table's default edge, us.
    cdnEdge: (viewers) => viewers ?? 'us',
  },
  prices: {
    api: API,
    seen: 'products',
    offerFiles: true,
    regions: new Set(Object.values(AWS_REGION_CODES)),
    fetch: async (req) => (await import('./fetch-prices.js')).fetchAwsPrices(req),
    bulk: async () => (await import('./bulk.js')).awsBulk,
    describeError: ({ name, message }) => {
      if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
        return 'no AWS credentials found: set AWS_PROFILE (or use `aws sso login` / the default credential chain); the credentials need the pricing:GetProducts permission';
      }
      if (name === 'AccessDeniedException') return 'access denied: the AWS credentials need the pricing:GetProducts permission';
      if (name === 'ThrottlingException') return `${API} is still throttling after repeated retries; try again in a few minutes`;
      return undefined;
    },
  },
};
