import { usageIn, type ActualCategory, type BillingRecord, type Classified } from '../../model/billing-record.js';
import { AWS_REGION_CODES, splitRegionPrefix } from './regions.js';

/** S3 storage-class usage types → the pricing tables' class names. */
const S3_CLASSES: Readonly<Record<string, string>> = {
  'TimedStorage-ByteHrs': 's3-standard',
  'TimedStorage-SIA-ByteHrs': 's3-standard-ia',
  'TimedStorage-ZIA-ByteHrs': 's3-onezone-ia',
  'TimedStorage-INT-FA-ByteHrs': 's3-intelligent-tiering',
  'TimedStorage-GlacierByteHrs': 's3-glacier-flexible-retrieval',
  'TimedStorage-GIR-ByteHrs': 's3-glacier-instant-retrieval',
  'TimedStorage-GDA-ByteHrs': 's3-glacier-deep-archive',
};

export function classifyAws(r: BillingRecord, fallback: ActualCategory): Classified {
  const usage = r.usageType.trim();
  // Inter-region transfer names both ends: [SRC-]DST-AWS-Out-Bytes, the source omitted for us-east-1.
  const pair = /^(?:([A-Z]{2,4}\d?)-)?([A-Z]{2,4}\d?)-AWS-(Out|In)-Bytes$/.exec(usage);
  if (pair) {
    const src = pair[1] ? AWS_REGION_CODES[pair[1]] : 'us-east-1';
    const dst = AWS_REGION_CODES[pair[2]!];
    if (src && dst) {
      return pair[3] === 'Out'
        ? { kind: 'usage', category: 'egress', region: src, detail: { kind: 'transfer', path: 'inter-region', to: dst } }
        : { kind: 'usage', category: 'ingress', region: src, detail: { kind: 'transfer', path: 'ingress' } };
    }
  }
  const { region: prefixed, rest } = splitRegionPrefix(usage);
  const region = prefixed ?? (r.regionId || 'us-east-1');
  const usageOf = usageIn(region);

  const box = /^(?:BoxUsage|DedicatedUsage|HostUsage|UnusedBox|ReservedHostUsage):(.+)$/.exec(rest);
  if (box) return usageOf('compute', { kind: 'node', instance: box[1]!, purchase: 'on-demand' });
  const spot = /^SpotUsage:(.+)$/.exec(rest);
  if (spot) return usageOf('compute', { kind: 'node', instance: spot[1]!, purchase: 'spot' });
  const s3 = S3_CLASSES[rest];
  if (s3) return usageOf('storage', { kind: 'storage', class: s3 });
  // S3 Standard's requests; the other classes' (Requests-SIA-Tier1, …) stay plain storage.
  const tier = /^Requests-Tier([12])$/.exec(rest);
  if (tier) return usageOf('storage', { kind: 'requests', op: tier[1] === '1' ? 'put' : 'get', class: 's3-standard' });
  const ebs = /^EBS:Volume(?:Usage|P-IOPS|P-Throughput)\.(.+)$/.exec(rest);
  if (ebs) return usageOf('storage', { kind: 'disk', class: ebs[1]! });
  if (rest === 'PublicIPv4:InUseAddress') return usageOf('network', { kind: 'public-ipv4' });
  if (/^AmazonEKS-Hours:perCluster$/.test(rest)) return usageOf('compute', { kind: 'cluster', cluster: 'eks' });
  if (/^(TimedStorage-|EBS:|EarlyDelete-|Requests-|Retrieval-|TagStorage)/.test(rest)) return usageOf('storage');
  if (rest === 'DataTransfer-Out-Bytes') return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (rest === 'DataTransfer-In-Bytes') return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  // Inter-AZ traffic: billed on both sides under one usage type.
  if (rest === 'DataTransfer-Regional-Bytes') return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
  if (/^CloudFront-Out-Bytes$|-Out-Bytes-Internet$/.test(rest)) return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (rest === 'NatGateway-Bytes') return usageOf('network', { kind: 'nat-processing' });
  if (rest === 'NatGateway-Hours') return usageOf('network', { kind: 'nat-gateway' });
  if (/^(VpcEndpoint-|LoadBalancerUsage|LCUUsage|PublicIPv4:|ElasticIP:|TransitGateway-|VPN-)/.test(rest)) return usageOf('network');
  return usageOf(fallback);
}
