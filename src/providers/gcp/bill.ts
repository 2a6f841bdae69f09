import { usageIn, type ActualCategory, type BillingRecord, type Classified } from '../../model/billing-record.js';

/** Google bills a machine's cores, memory and GPUs as separate SKUs; GPUs are matched to the family that bundles them. */
const GPU_FAMILY: readonly [RegExp, string][] = [
  [/\bL4\b/, 'g2'],
  [/\bA100\b/, 'a2'],
  [/\bH100\b|\bH200\b/, 'a3'],
  [/\bB200\b/, 'a4'],
  [/\b(T4|V100|P100|P4)\b/, 'n1'],
];

export function classifyGcp(r: BillingRecord, fallback: ActualCategory): Classified {
  const sku = r.usageType.trim();
  const region = r.regionId;
  const usageOf = usageIn(region);
  const purchase = /^(Spot |Preemptible )/i.test(sku) ? 'spot' : 'on-demand';
  const bare = sku.replace(/^(Spot Preemptible |Preemptible |Spot )/i, '');

  const machine = /^([A-Za-z]\d[A-Za-z]?)\b.* Instance (Core|Ram) running in/.exec(bare);
  if (machine) return usageOf('compute', { kind: 'node', instance: machine[1]!.toLowerCase(), purchase });
  if (/GPU running in/i.test(bare)) {
    const family = GPU_FAMILY.find(([re]) => re.test(bare))?.[1];
    return family ? usageOf('compute', { kind: 'node', instance: family, purchase }) : usageOf('compute');
  }
  // Cloud CDN bills at its caches, not in a region: cache egress to viewers, cache fill from the origin, lookups.
  if (/Cache Fill/i.test(sku)) return usageOf('egress', { kind: 'cdn-origin' });
  if (/Cloud CDN|Cache (Egress|Data Transfer Out)|Cache Lookup/i.test(sku)) {
    if (/Lookup|Requests?\b/i.test(sku)) return usageIn('')('network', { kind: 'cdn-requests' });
    if (/Egress|Data Transfer Out/i.test(sku)) return usageIn('')('egress', { kind: 'cdn-delivery' });
    return usageIn('')('network');
  }
  // Cloud Interconnect: traffic out over it, and its circuits or VLAN attachments by the hour.
  if (/Interconnect/i.test(sku)) {
    if (/Egress|Data Transfer Out/i.test(sku)) return usageOf('egress', { kind: 'interconnect-transfer' });
    if (/Ingress|Data Transfer In/i.test(sku)) return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
    return usageOf('network', { kind: 'interconnect-port' });
  }
  // Cloud Load Balancing: forwarding rules by the hour, data processed by the GB.
  if (/Forwarding Rule/i.test(sku)) return usageOf('network', { kind: 'lb-hours' });
  if (/Load Balanc.*Data Process|Data Process.*Load Balanc|Load Balancer.*(Inbound|Outbound) Data/i.test(sku)) return usageOf('network', { kind: 'lb-processing' });
  // GKE's cluster management fee: "Regional Kubernetes Clusters", "Zonal Kubernetes Clusters", "Autopilot Kubernetes Clusters".
  if (/Kubernetes Clusters?\b|cluster management fee/i.test(sku)) return usageOf('compute', { kind: 'cluster', cluster: 'gke' });
  if (/Inter Zone (Egress|Data Transfer)/i.test(sku)) return usageOf('egress', { kind: 'transfer', path: 'inter-zone' });
  if (/Inter Region (Egress|Data Transfer)|Data Transfer GCP Inter Region/i.test(sku)) {
    return usageOf('egress', { kind: 'transfer', path: 'inter-region' });
  }
  if (/Internet (Egress|Data Transfer Out)|^Download .*(Worldwide|Americas|EMEA|APAC|China|Australia)/i.test(sku)) {
    return usageOf('egress', { kind: 'transfer', path: 'internet' });
  }
  if (/(Ingress|Data Transfer In)\b/i.test(sku)) return usageOf('ingress', { kind: 'transfer', path: 'ingress' });
  if (/NAT Gateway.*(Data processing|Data Processing)|Cloud NAT.*Data Processing/i.test(sku)) return usageOf('network', { kind: 'nat-processing' });
  if (/NAT Gateway|Cloud NAT/i.test(sku)) return usageOf('network', { kind: 'nat-gateway' });
  // Multi- and dual-region buckets are priced apart from the regional class the tables know.
  if (/^Standard Storage/i.test(sku) && !/multi-region|dual-region/i.test(sku)) {
    return usageOf('storage', { kind: 'storage', class: 'gcs-standard' });
  }
  // Regional Standard operations: Class A writes and lists, Class B reads.
  const ops = /^(?:Regional )?Standard (?:Storage )?Class ([AB]) Operations/i.exec(sku);
  if (ops && !/multi-region|dual-region/i.test(sku)) {
    return usageOf('storage', { kind: 'requests', op: ops[1]!.toUpperCase() === 'A' ? 'put' : 'get', class: 'gcs-standard' });
  }
  if (/Storage|PD Capacity|Snapshot|Class [AB] Operations/i.test(sku) || /^Cloud Storage$/i.test(r.serviceName)) return usageOf('storage');
  if (/Network|External IP|Load Balanc|Forwarding Rule/i.test(sku)) return usageOf('network');
  return usageOf(fallback);
}
