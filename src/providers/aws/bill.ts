import { usageIn, type ActualCategory, type BillingRecord, type Classified } from '../../model/billing-record.js';
import { AWS_REGION_CODES, AWS_REGION_NAMES, splitRegionPrefix } from './regions.js';

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

/** S3's own service names: Cost Explorer and FOCUS write the first, CUR its product code. */
const S3_SERVICE = /^(Amazon Simple Storage Service|AmazonS3)$/i;
const CLOUDFRONT_SERVICE = /^(Amazon CloudFront|AmazonCloudFront)$/i;

/**
 * The category of AWS usage no usage type told, by service, so that Cost Explorer (which has no
 * service category), CUR and FOCUS put the same rows in the same category.
 */
const AWS_SERVICE_CATEGORY: readonly [RegExp, ActualCategory][] = [
  [/Simple Storage Service|^AmazonS3|Elastic File System|^AmazonEFS|FSx|Glacier|^AWS Backup|Elastic Block Store/i, 'storage'],
  [/Elastic Compute Cloud|^AmazonEC2$|^EC2 - Other$|Lambda|Fargate|Elastic Container Service$|^AmazonECS$|Kubernetes|^AmazonEKS$|^AWS Batch|Lightsail/i, 'compute'],
  [/Load Balancing|^AWSELB$|Virtual Private Cloud|^AmazonVPC$|CloudFront|Route 53|^AmazonRoute53$|Direct Connect|Global Accelerator|Transit Gateway/i, 'network'],
];

/** What a usage type or description leaves open, FOCUS ResourceType may tell: an EBS volume or snapshot is storage, under EC2. */
function resourceCategory(r: BillingRecord): ActualCategory | undefined {
  return /^(volume|snapshot)$/i.test(r.resourceType?.trim() ?? '') ? 'storage' : undefined;
}

function awsServiceCategory(service: string): ActualCategory {
  return AWS_SERVICE_CATEGORY.find(([re]) => re.test(service))?.[1] ?? 'other';
}

/**
 * AWS usage by its usage type, or by its charge description when a FOCUS file has no x_UsageType.
 * FOCUS ServiceCategory is not used: Cost Explorer has none, so what the usage type leaves open is
 * told by service, the same for every source.
 */
export function classifyAws(r: BillingRecord): Classified {
  const usage = r.usageType.trim();
  // CloudFront prefixes its usage types with edge locations (EU-, US-, JP-, AP-…), which are no regions.
  if (CLOUDFRONT_SERVICE.test(r.serviceName.trim())) return classifyCloudFront(usage);
  // A FOCUS file without x_UsageType gives the charge description in its place.
  if (/ per |^Amazon EKS cluster usage in /.test(usage)) return classifyAwsDescription(r, usage);
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
  // Other services bill their own storage as TimedStorage-ByteHrs too (CloudWatch logs, ECR, DynamoDB):
  // only S3's is an S3 class. A record that names no service is taken at its usage type.
  const s3 = r.serviceName.trim() === '' || S3_SERVICE.test(r.serviceName.trim());

  const box = /^(?:BoxUsage|DedicatedUsage|HostUsage|UnusedBox|ReservedHostUsage):(.+)$/.exec(rest);
  if (box) return usageOf('compute', { kind: 'node', instance: box[1]!, purchase: 'on-demand' });
  const spot = /^SpotUsage:(.+)$/.exec(rest);
  if (spot) return usageOf('compute', { kind: 'node', instance: spot[1]!, purchase: 'spot' });
  const s3Class = S3_CLASSES[rest];
  if (s3Class && s3) return usageOf('storage', { kind: 'storage', class: s3Class });
  // S3 Standard's requests; the other classes' (Requests-SIA-Tier1, …) stay plain storage.
  const tier = /^Requests-Tier([12])$/.exec(rest);
  if (tier && s3) return usageOf('storage', { kind: 'requests', op: tier[1] === '1' ? 'put' : 'get', class: 's3-standard' });
  const ebs = /^EBS:Volume(?:Usage|P-IOPS|P-Throughput)\.(.+)$/.exec(rest);
  if (ebs) return usageOf('storage', { kind: 'disk', class: ebs[1]! });
  if (rest === 'PublicIPv4:InUseAddress') return usageOf('network', { kind: 'public-ipv4' });
  if (/^AmazonEKS-Hours:perCluster$/.test(rest)) return usageOf('compute', { kind: 'cluster', cluster: 'eks' });
  if (/^(TimedStorage-|EBS:|EarlyDelete-|Requests-|Retrieval-|TagStorage)/.test(rest)) return usageOf('storage');
  if (rest === 'DataTransfer-Out-Bytes') return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (rest === 'DataTransfer-In-Bytes') return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  // Inter-AZ traffic: billed on both sides under one usage type.
  if (rest === 'DataTransfer-Regional-Bytes') return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
  if (/-Out-Bytes-Internet$/.test(rest)) return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (rest === 'NatGateway-Bytes') return usageOf('network', { kind: 'nat-processing' });
  if (rest === 'NatGateway-Hours') return usageOf('network', { kind: 'nat-gateway' });
  if (rest === 'VpcEndpoint-Hours') return usageOf('network', { kind: 'endpoint-hours' });
  if (rest === 'VpcEndpoint-Bytes') return usageOf('network', { kind: 'endpoint-processing' });
  // From an AWS origin to CloudFront (EC2's or S3's CloudFront-Out-Bytes, billed at $0): the origin fetch of a via: cdn transfer.
  if (rest === 'CloudFront-Out-Bytes') return usageOf('egress', { kind: 'cdn-origin' });
  // Direct Connect names its location after the region: USE1-EQNY5-DataXfer-Out, USE1-EQNY5-PortUsage:1G.
  if (DIRECT_CONNECT_SERVICE.test(r.serviceName.trim()) || /-(DataXfer-(Out|In)|PortUsage:)/.test(rest)) {
    if (/DataXfer-Out/.test(rest)) return usageOf('egress', { kind: 'interconnect-transfer' });
    if (/DataXfer-In/.test(rest)) return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
    if (/PortUsage/.test(rest)) return usageOf('network', { kind: 'interconnect-port' });
  }
  // ALB and NLB: LoadBalancerUsage hours and LCUUsage capacity-unit hours; a Classic ELB's DataProcessing-Bytes.
  if (rest === 'LoadBalancerUsage') return usageOf('network', { kind: 'lb-hours' });
  if (rest === 'LCUUsage' || (rest === 'DataProcessing-Bytes' && ELB_SERVICE.test(r.serviceName.trim()))) return usageOf('network', { kind: 'lb-processing' });
  if (/^(VpcEndpoint-|LoadBalancerUsage|LCUUsage|PublicIPv4:|ElasticIP:|TransitGateway-|VPN-)/.test(rest)) return usageOf('network');
  return usageOf(resourceCategory(r) ?? awsServiceCategory(r.serviceName.trim()));
}

/**
 * CloudFront is billed at edge locations (US-, EU-, CA-, JP-, AP-…), not in a region, whatever
 * RegionId a FOCUS row carries: its delivery to viewers (<edge>-DataTransfer-Out-Bytes) and its
 * requests (<edge>-Requests-Tier1, -Tier2-HTTPS, …) meet the plan's CDN lines across the provider.
 * Out-OBytes (CloudFront to the origin) and In-Bytes are other traffic, as are Lambda@Edge and
 * functions.
 */
function classifyCloudFront(usage: string): Classified {
  const usageOf = usageIn('');
  const edge = CLOUDFRONT_EDGES[/^([A-Z]{2})-/.exec(usage)?.[1] ?? ''];
  const at = edge ? { edge } : {};
  if (/(^|-)DataTransfer-Out-Bytes$|data transfer out to internet|^\$.* per GB .*data transfer out\b(?! to origin)/i.test(usage)) return usageOf('egress', { kind: 'cdn-delivery', ...at });
  if (/(^|-)Requests-(Tier\d|HTTP|HTTPS)|\bper [\d,]+ HTTPS? requests\b|\bper request - HTTP/i.test(usage)) return usageOf('network', { kind: 'cdn-requests', ...at });
  if (/Out-O?Bytes$|data transfer out/i.test(usage)) return usageOf('egress');
  if (/In-Bytes$|data transfer in/i.test(usage)) return usageOf('ingress');
  return usageOf('network');
}

/**
 * CloudFront's usage-type prefixes → the AWS table's CDN edge regions (network.cdn.edges, a
 * transfer's viewers:), as the price page groups its columns: Canada and the US are one, as are
 * South Africa and the Middle East. A prefix not here (or a row named by its description) has no
 * edge: it meets the plan's CDN line when the plan delivers to one edge only.
 */
const CLOUDFRONT_EDGES: Readonly<Record<string, string>> = {
  US: 'us',
  CA: 'us',
  EU: 'europe',
  JP: 'japan',
  AP: 'asia-pacific',
  AU: 'australia',
  IN: 'india',
  SA: 'south-america',
  ZA: 'south-africa-middle-east',
  ME: 'south-africa-middle-east',
};

const DIRECT_CONNECT_SERVICE = /^(AWS Direct Connect|AWSDirectConnect)$/i;
const ELB_SERVICE = /^(Elastic Load Balancing|AWSELB)$/i;

/** S3 storage classes as charge descriptions name them ("per GB-Month of storage used in Standard-Infrequent Access"). */
const S3_DESCRIBED: readonly [RegExp, string][] = [
  [/Glacier Deep Archive/i, 's3-glacier-deep-archive'],
  [/Glacier Instant Retrieval/i, 's3-glacier-instant-retrieval'],
  [/Glacier/i, 's3-glacier-flexible-retrieval'],
  [/One Zone/i, 's3-onezone-ia'],
  [/Infrequent Access/i, 's3-standard-ia'],
  [/Intelligent-Tiering/i, 's3-intelligent-tiering'],
];

/**
 * AWS usage read from its charge description, for FOCUS files without x_UsageType: "$0.34 per On
 * Demand Linux c5.2xlarge Instance Hour", "… per GB - first 10 TB / month data transfer out …",
 * "… US West (Oregon) data transfer to EU (Ireland)". The region is the row's RegionId.
 */
function classifyAwsDescription(r: BillingRecord, text: string): Classified {
  const region = r.regionId || 'us-east-1';
  const usageOf = usageIn(region);
  const service = r.serviceName.trim();
  const onDemand = /per On Demand .*?\b([a-z][a-z0-9-]*\.[0-9a-z]+) Instance Hour/i.exec(text);
  if (onDemand) return usageOf('compute', { kind: 'node', instance: onDemand[1]!, purchase: 'on-demand' });
  const spot = /\b([a-z][a-z0-9-]*\.[0-9a-z]+) Spot Instance/i.exec(text);
  if (spot) return usageOf('compute', { kind: 'node', instance: spot[1]!, purchase: 'spot' });
  // EBS: "per GB-month of General Purpose SSD (gp3) provisioned storage", "per provisioned IOPS-month of io2",
  // "per provisioned MiBps-month of gp3": the volume, IOPS and throughput of a disk class, as CUR's EBS:Volume*.
  const disk = /\((gp2|gp3|io1|io2|st1|sc1)\) provisioned storage|provisioned (?:IOPS|MiBps)-month of (gp3|io1|io2)\b/i.exec(text);
  if (disk) return usageOf('storage', { kind: 'disk', class: (disk[1] ?? disk[2])!.toLowerCase() });
  if (S3_SERVICE.test(service) && !/Infrequent|Glacier|One Zone|Intelligent|Express/i.test(text)) {
    // S3 Standard's requests: Tier 1 (PUT, COPY, POST, LIST) and Tier 2 (GET and all other), as CUR's Requests-Tier1/2.
    if (/per [\d,]+ PUT, COPY, POST,? or LIST requests/i.test(text)) return usageOf('storage', { kind: 'requests', op: 'put', class: 's3-standard' });
    if (/per [\d,]+ GET and all other requests/i.test(text)) return usageOf('storage', { kind: 'requests', op: 'get', class: 's3-standard' });
  }
  // Only an address in use is a node's (public_ipv4); an idle one is nobody's line.
  if (/per In-use public IPv4 address per hour/i.test(text)) return usageOf('network', { kind: 'public-ipv4' });
  if (/^Amazon EKS cluster usage in /i.test(text)) return usageOf('compute', { kind: 'cluster', cluster: 'eks' });
  if (/per NAT Gateway Hour/i.test(text)) return usageOf('network', { kind: 'nat-gateway' });
  // "$0.0225 per Application LoadBalancer-hour", "$0.008 per used Application load balancer capacity unit-hour".
  if (/per (?:Application |Network |Gateway )?LoadBalancer-hour/i.test(text)) return usageOf('network', { kind: 'lb-hours' });
  if (/load balancer capacity unit-hour|per (?:N?LCU|GLCU)-hour/i.test(text)) return usageOf('network', { kind: 'lb-processing' });
  if (/per VPC Endpoint Hour|per VPC endpoint per AZ/i.test(text)) return usageOf('network', { kind: 'endpoint-hours' });
  if (/Data Processed by VPC Endpoint|processed by (?:the )?VPC endpoint/i.test(text)) return usageOf('network', { kind: 'endpoint-processing' });
  if (/Data Processed by NAT Gateway/i.test(text)) return usageOf('network', { kind: 'nat-processing' });
  if (/regional data transfer/i.test(text)) return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
  const between = /([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)* \([^)]+\)) data transfer (to|from) ([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)* \([^)]+\))/.exec(text);
  const to = between && AWS_REGION_NAMES[between[3]!];
  if (between && to) {
    return between[2] === 'to' ? usageOf('egress', { kind: 'transfer', path: 'inter-region', to }) : usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  }
  if (/data transfer in\b/i.test(text)) return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  if (/data transfer out\b|for DataTransfer-Out-Bytes/i.test(text)) return usageOf('egress', { kind: 'transfer', path: 'internet' });
  if (/of storage used|storage used/i.test(text) && S3_SERVICE.test(service)) {
    return usageOf('storage', { kind: 'storage', class: S3_DESCRIBED.find(([re]) => re.test(text))?.[1] ?? 's3-standard' });
  }
  if (/provisioned storage|snapshot data stored|GB-Mo(nth)? of/i.test(text)) return usageOf('storage');
  return usageOf(resourceCategory(r) ?? awsServiceCategory(service));
}
