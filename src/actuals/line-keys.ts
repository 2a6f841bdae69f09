import type { LineItem } from '../model/estimate.js';
import { parseEndpoint, resolveItem } from '../model/endpoint.js';
import type { Scenario } from '../model/scenario.js';
import type { Detail } from '../model/billing-record.js';
import { cloud, cloudOf } from '../providers/index.js';

/**
 * The join between a plan and a bill: a scenario line and a usage record meet
 * when their keys are equal. Node groups meet on provider, region and instance
 * (Google bills a machine family's cores, RAM and GPUs as separate SKUs, so for
 * gcp the family); storage on class and region (an Azure blob class on its
 * tier and redundancy); transfers on path and region pair. Purchase option is
 * left out on purpose: spot hours that replaced on-demand hours belong to the
 * same node group.
 */
export function recordKey(provider: string, region: string, detail: Detail): string {
  const where = `${provider}|${region}`;
  switch (detail.kind) {
    case 'node':
      return `${where}|node|${cloudOf(provider)?.lineKeys.joinInstance(detail.instance) ?? detail.instance}`;
    case 'storage':
      return `${where}|storage|${detail.class}`;
    case 'disk':
      return `${where}|disk|${detail.class}`;
    case 'cluster':
      return `${where}|cluster|${detail.cluster}`;
    case 'requests':
      return `${where}|requests|${detail.op}|${detail.class}`;
    case 'transfer':
      return detail.path === 'inter-region' && detail.to ? `${where}|transfer|inter-region|${detail.to}` : `${where}|transfer|${detail.path}`;
    // Edge locations are no regions: a CDN's delivery and requests meet across the provider, per edge region where the bill names it.
    case 'cdn-delivery':
    case 'cdn-requests':
      return detail.edge ? `${provider}||${detail.kind}|${detail.edge}` : `${provider}||${detail.kind}`;
    default:
      return `${where}|${detail.kind}`;
  }
}

/** The key a projected line's actuals are found under; undefined for lines no bill ever shows (same-zone traffic). */
export function lineKey(line: LineItem, scenario: Scenario): string | undefined {
  const index = line.ref[1] as number;
  const { provider, region } = line;
  const keys = cloud(provider).lineKeys;
  switch (line.kind) {
    case 'node': {
      const group = scenario.nodes?.[index];
      return group && recordKey(provider, region, { kind: 'node', instance: keys.billedInstance(group.instance), purchase: 'on-demand' });
    }
    case 'storage': {
      const store = scenario.storage?.[index];
      return store && recordKey(provider, region, { kind: 'storage', class: keys.billedStorageClass(store.class) });
    }
    case 'get-requests':
    case 'put-requests': {
      const store = scenario.storage?.[index];
      const op = line.kind === 'get-requests' ? 'get' : 'put';
      return store && recordKey(provider, region, { kind: 'requests', op, class: keys.billedStorageClass(store.class) });
    }
    case 'disk': {
      const disk = scenario.nodes?.[index]?.disk;
      return disk && recordKey(provider, region, { kind: 'disk', class: disk.class });
    }
    case 'public-ipv4':
      return recordKey(provider, region, { kind: 'public-ipv4' });
    case 'cluster': {
      const c = scenario.clusters?.[index];
      return c && recordKey(provider, region, { kind: 'cluster', cluster: c.kind });
    }
    case 'nat-processing':
      return recordKey(provider, region, { kind: 'nat-processing' });
    case 'nat-gateway':
      return recordKey(provider, region, { kind: 'nat-gateway' });
    case 'cdn-delivery':
    case 'cdn-requests': {
      const edge = keys.cdnEdge?.(scenario.transfers?.[index]?.viewers);
      return recordKey(provider, region, { kind: line.kind, ...(edge ? { edge } : {}) });
    }
    case 'endpoint-hours':
    case 'endpoint-processing':
    case 'interconnect-port':
    case 'lb-hours':
    case 'lb-processing':
      return recordKey(provider, region, { kind: line.kind });
    case 'transfer': {
      const t = scenario.transfers?.[index];
      // Through a CDN the line is the origin's transfer to the CDN (its delivery is the cdn-delivery line);
      // over an interconnect, the data sent out over it.
      if (t?.via === 'cdn') return recordKey(provider, region, { kind: 'cdn-origin' });
      if (t?.via === 'interconnect' && line.path === 'internet') return recordKey(provider, region, { kind: 'interconnect-transfer' });
      return transferKey(line, t?.to, scenario);
    }
    // A gateway endpoint bills nothing: no bill line ever meets it.
    case 'gateway-endpoint':
      return undefined;
  }
}

function transferKey(line: LineItem, to: string | undefined, scenario: Scenario): string | undefined {
  const { provider, region } = line;
  switch (line.path) {
    case 'internet':
    case 'cross-cloud':
      return recordKey(provider, region, { kind: 'transfer', path: 'internet' });
    case 'inter-zone':
      return recordKey(provider, region, { kind: 'transfer', path: 'inter-zone' });
    case 'ingress':
      return recordKey(provider, region, { kind: 'transfer', path: 'ingress' });
    case 'inter-region': {
      // A priced line's ends resolved when it was priced, so they resolve here too.
      const end = to === undefined ? undefined : resolveItem(parseEndpoint(to), scenario);
      const dst = cloud(provider).lineKeys.namesInterRegionDestination && end?.kind === 'cloud' ? end.region : undefined;
      return recordKey(provider, region, { kind: 'transfer', path: 'inter-region', ...(dst ? { to: dst } : {}) });
    }
    default:
      return undefined;
  }
}
