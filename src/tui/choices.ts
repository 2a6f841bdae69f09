import type { Decimal } from '../model/decimal.js';
import type { Provider } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';

export type Purchase = 'on-demand' | 'spot';

/** One instance type in one region, priced for one purchase option: a row of the instance picker. */
export interface InstanceChoice {
  kind: 'instance';
  provider: Provider;
  instance: string;
  region: string;
  gpu?: { model: string; count: Decimal };
  perHour: Decimal;
  perGpuHour?: Decimal;
}

export interface EndpointChoice {
  kind: 'endpoint';
  endpoint: string;
}

export type Choice = InstanceChoice | EndpointChoice;

/** Every priced (provider, instance, region) for a purchase option; GPU nodes cheapest per GPU-hour first. */
export function instanceChoices(book: PricingBook, purchase: Purchase): InstanceChoice[] {
  const out: InstanceChoice[] = [];
  for (const [provider, table] of Object.entries(book.tables) as [Provider, NonNullable<PricingBook['tables'][Provider]>][]) {
    for (const [instance, entry] of Object.entries(table.instances ?? {})) {
      const prices = (purchase === 'spot' ? entry.spot : entry.on_demand) ?? {};
      for (const [region, perHour] of Object.entries(prices)) {
        const gpu = entry.gpu ? { model: entry.gpu.model, count: entry.gpu.count } : undefined;
        out.push({ kind: 'instance', provider, instance, region, gpu, perHour, perGpuHour: gpu ? perHour.div(gpu.count) : undefined });
      }
    }
  }
  return out.sort(
    (a, b) =>
      Number(!a.gpu) - Number(!b.gpu) ||
      (a.perGpuHour && b.perGpuHour ? a.perGpuHour.comparedTo(b.perGpuHour) : 0) ||
      a.perHour.comparedTo(b.perHour) ||
      a.instance.localeCompare(b.instance) ||
      a.region.localeCompare(b.region),
  );
}

export function gpuModels(book: PricingBook): string[] {
  const models = new Set<string>();
  for (const table of Object.values(book.tables)) {
    for (const entry of Object.values(table?.instances ?? {})) if (entry.gpu) models.add(entry.gpu.model);
  }
  return [...models].sort();
}

/** internet, on-prem and every priced provider:region; the current value first so Enter keeps it. */
export function endpointChoices(book: PricingBook, current: string): EndpointChoice[] {
  const names = ['internet', 'on-prem'];
  for (const [provider, table] of Object.entries(book.tables)) {
    for (const region of Object.keys(table?.regions ?? {})) names.push(`${provider}:${region}`);
  }
  return [current, ...names.filter((n) => n !== current)].map((endpoint) => ({ kind: 'endpoint', endpoint }));
}

export function matches(c: Choice, filter: string, gpu: string | undefined): boolean {
  if (c.kind === 'instance' && gpu !== undefined && c.gpu?.model !== gpu) return false;
  if (!filter) return true;
  const text = c.kind === 'instance' ? `${c.provider} ${c.instance} ${c.region} ${c.gpu?.model ?? ''}` : c.endpoint;
  return text.toLowerCase().includes(filter.toLowerCase());
}
