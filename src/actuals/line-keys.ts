import type { LineItem } from '../model/estimate.js';
import { parseEndpoint } from '../model/endpoint.js';
import type { Scenario } from '../model/scenario.js';
import { azureStorageClass } from './categorize-azure.js';
import type { Detail } from './categorize.js';

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
      // Azure Resource Manager treats size names case-insensitively, so the join does too.
      return `${where}|node|${provider === 'azure' ? detail.instance.toLowerCase() : detail.instance}`;
    case 'storage':
      return `${where}|storage|${detail.class}`;
    case 'transfer':
      return detail.path === 'inter-region' && detail.to ? `${where}|transfer|inter-region|${detail.to}` : `${where}|transfer|${detail.path}`;
    default:
      return `${where}|${detail.kind}`;
  }
}

function instanceKey(provider: string, instance: string): string {
  return provider === 'gcp' ? instance.split('-')[0]!.toLowerCase() : instance;
}

/** The key a projected line's actuals are found under; undefined for lines no bill ever shows (same-zone traffic). */
export function lineKey(line: LineItem, scenario: Scenario): string | undefined {
  const index = line.ref[1] as number;
  const { provider, region } = line;
  switch (line.kind) {
    case 'node': {
      const group = scenario.nodes?.[index];
      return group && recordKey(provider, region, { kind: 'node', instance: instanceKey(provider, group.instance), purchase: 'on-demand' });
    }
    case 'storage': {
      const store = scenario.storage?.[index];
      return store && recordKey(provider, region, { kind: 'storage', class: provider === 'azure' ? azureStorageClass(store.class) : store.class });
    }
    case 'nat-processing':
      return recordKey(provider, region, { kind: 'nat-processing' });
    case 'nat-gateway':
      return recordKey(provider, region, { kind: 'nat-gateway' });
    case 'transfer':
      return transferKey(line, scenario.transfers?.[index]?.to);
  }
}

function transferKey(line: LineItem, to: string | undefined): string | undefined {
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
      // Only AWS names the destination region in the usage type; Google and Azure name continents at most.
      const end = to === undefined ? undefined : parseEndpoint(to);
      const dst = provider === 'aws' && end?.kind === 'cloud' ? end.region : undefined;
      return recordKey(provider, region, { kind: 'transfer', path: 'inter-region', ...(dst ? { to: dst } : {}) });
    }
    default:
      return undefined;
  }
}
