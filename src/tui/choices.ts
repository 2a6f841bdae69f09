import { Decimal } from '../model/decimal.js';
import type { Provider } from '../model/scenario.js';
import type { PricingBook } from '../model/pricing-book.js';
import { gpuFits, type CatalogQuery } from '../pricing/catalog.js';

export type Purchase = 'on-demand' | 'spot';

/** One instance type in one region, priced for one purchase option: a row of the instance picker. */
export interface InstanceChoice {
  kind: 'instance';
  provider: Provider;
  instance: string;
  region: string;
  gpu?: { model: string; count: Decimal; memory_gb?: Decimal };
  perHour: Decimal;
  perGpuHour?: Decimal;
}

export interface EndpointChoice {
  kind: 'endpoint';
  endpoint: string;
}

export type Choice = InstanceChoice | EndpointChoice;

// Built and sorted once per loaded book: a picker filters them again on every key, over the whole cached catalog.
const built = new WeakMap<PricingBook, Partial<Record<Purchase, InstanceChoice[]>>>();

/** Every priced (provider, instance, region) for a purchase option; GPU nodes cheapest per GPU-hour first. */
export function instanceChoices(book: PricingBook, purchase: Purchase): InstanceChoice[] {
  const forBook = built.get(book) ?? {};
  built.set(book, forBook);
  return (forBook[purchase] ??= buildChoices(book, purchase));
}

function buildChoices(book: PricingBook, purchase: Purchase): InstanceChoice[] {
  const out: InstanceChoice[] = [];
  for (const [provider, table] of Object.entries(book.tables) as [Provider, NonNullable<PricingBook['tables'][Provider]>][]) {
    for (const [instance, entry] of Object.entries(table.instances ?? {})) {
      const prices = (purchase === 'spot' ? entry.spot : entry.on_demand) ?? {};
      for (const [region, perHour] of Object.entries(prices)) {
        const gpu = entry.gpu ? { model: entry.gpu.model, count: entry.gpu.count, ...(entry.gpu.memory_gb ? { memory_gb: entry.gpu.memory_gb } : {}) } : undefined;
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

/**
 * What a picker's filter text asks, word by word: `8gpu` GPUs per node, `80gb` GPU memory (per
 * GPU) at least, `<5` (or `<=5`, `<$5`) dollars per GPU-hour at most (per hour for a type without
 * GPUs), and any other word found in the provider, instance, region or GPU model. Every word must
 * hold, in any order: `h100 8gpu eu <10`. The forms are chosen so a word typed on the way to an
 * instance name (`8g` of a3-highgpu-8g, `48x` of g6.48xlarge) is still a plain word.
 */
export interface PickerFilter extends Pick<CatalogQuery, 'minGpuMemory' | 'count' | 'maxPrice'> {
  words: string[];
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const COUNT = new RegExp(`^${NUMBER}gpus?$`);
const MEMORY = new RegExp(`^${NUMBER}gi?b$`);
const PRICE = new RegExp(`^<=?\\$?${NUMBER}$`);

export function parseFilter(text: string): PickerFilter {
  const filter: PickerFilter = { words: [] };
  for (const word of text.toLowerCase().split(/\s+/).filter(Boolean)) {
    const count = COUNT.exec(word);
    const memory = MEMORY.exec(word);
    const price = PRICE.exec(word);
    if (count) filter.count = new Decimal(count[1]!);
    else if (memory) filter.minGpuMemory = new Decimal(memory[1]!);
    else if (price) filter.maxPrice = new Decimal(price[1]!);
    else filter.words.push(word);
  }
  return filter;
}

export function matches(c: Choice, filter: PickerFilter, gpu: string | undefined): boolean {
  if (c.kind === 'endpoint') return filter.words.every((w) => c.endpoint.toLowerCase().includes(w));
  if (gpu !== undefined && c.gpu?.model !== gpu) return false;
  if (!gpuFits(c.gpu, filter)) return false;
  if (filter.maxPrice && (c.perGpuHour ?? c.perHour).gt(filter.maxPrice)) return false;
  if (filter.words.length === 0) return true;
  const text = `${c.provider} ${c.instance} ${c.region} ${c.gpu?.model ?? ''}`.toLowerCase();
  return filter.words.every((w) => text.includes(w));
}
