// What `tollgate init` asks, checked against the pricing tables, and the scenario it writes.
// Pure: the tables come in, text goes out; the prompts and the file live in commands/init.ts.
import type { PricingTableInput } from '../model/pricing.js';
import { PROVIDERS, type Provider } from '../model/scenario.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { catalogRows } from '../pricing/catalog.js';

export interface InitAnswers {
  name: string;
  provider: Provider;
  region: string;
  gpu: string;
  /** GPUs wanted in total, across the node group. */
  gpus: number;
  hours: number;
  /** Feature store size in GB; 0 for none. */
  storeGb: number;
  /** Where the feature store lives, `provider:region`; the nodes' own region when the same. */
  storeAt: string;
  /** GB the nodes read from a store elsewhere per day. */
  readGbPerDay?: number;
  budget?: number;
}

/** The storage class a new plan's feature store starts in, per provider (the object store's standard class). */
const STORE_CLASS: Record<Provider, string | undefined> = { aws: 's3-standard', gcp: 'gcs-standard', azure: undefined };

/** A problem with one answer: the prompt says it and asks again; the flags turn it into exit 2. */
export class AnswerError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function parseProvider(value: string): Provider {
  if ((PROVIDERS as readonly string[]).includes(value)) return value as Provider;
  throw new AnswerError('provider', `unknown provider ${JSON.stringify(value)}${hint(value, PROVIDERS)} (one of ${PROVIDERS.join(', ')})`);
}

export function regionsOf(table: PricingTableInput): string[] {
  return Object.keys(table.regions ?? {});
}

export function checkRegion(table: PricingTableInput, region: string): string {
  const regions = regionsOf(table);
  if (regions.includes(region)) return region;
  throw new AnswerError('region', `${table.provider} region ${JSON.stringify(region)} is not priced${hint(region, regions)}; priced: ${listSome(regions)}`);
}

/** The GPU models priced in a region, for the prompt's list and the error's hint. */
export function gpuModels(table: PricingTableInput, region: string): string[] {
  const rows = catalogRows([table], { region }).filter((r) => r.gpu && r.on_demand);
  return [...new Set(rows.map((r) => r.gpu!.model))].sort();
}

export interface NodeChoice {
  instance: string;
  gpusPerNode: number;
  count: number;
}

/**
 * The instance for `gpus` GPUs of a model: the largest size that the total fills
 * (8-GPU nodes for 16 GPUs, 1-GPU nodes for 4 when the sizes are 1 and 8), the
 * cheapest per GPU-hour among equals, and as many nodes as cover the total.
 */
export function chooseNodes(table: PricingTableInput, region: string, gpu: string, gpus: number): NodeChoice {
  const rows = catalogRows([table], { region, gpu }).filter((r) => r.on_demand);
  if (!rows.length) {
    const models = gpuModels(table, region);
    throw new AnswerError('gpu', `no instance with ${gpu} GPUs is priced in ${table.provider} ${region}${hint(gpu, models)}; priced there: ${models.length ? models.join(', ') : 'none'}`);
  }
  const sizes = [...new Set(rows.map((r) => r.gpu!.count.toNumber()))].sort((a, b) => a - b);
  const size = [...sizes].reverse().find((s) => s <= gpus) ?? sizes[0]!;
  const pick = rows.find((r) => r.gpu!.count.toNumber() === size)!;
  return { instance: pick.instance, gpusPerNode: size, count: Math.ceil(gpus / size) };
}

export function parseEndpoint(value: string, tables: Partial<Record<Provider, PricingTableInput>>): { provider: Provider; region: string } {
  const [p, region, ...rest] = value.split(':');
  if (!p || !region || rest.length) throw new AnswerError('store-at', `expected provider:region, e.g. aws:us-east-1, not ${JSON.stringify(value)}`);
  const provider = parseProvider(p);
  const table = tables[provider];
  if (!table) throw new AnswerError('store-at', `no pricing table for ${provider}`);
  return { provider, region: checkRegion(table, region) };
}

export function checkStore(table: PricingTableInput, region: string): string {
  const cls = STORE_CLASS[table.provider];
  if (!cls) throw new AnswerError('store-at', `no ${table.provider} storage class is priced yet; keep the feature store in aws or gcp, or leave it out (size 0)`);
  const rates = table.storage?.[cls]?.rates ?? {};
  if (!(region in rates)) throw new AnswerError('store-at', `${cls} is not priced in ${region}; priced: ${listSome(Object.keys(rates))}`);
  return cls;
}

export function positive(field: string, value: string, { integer = false, zero = false } = {}): number {
  const n = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(n) && (zero ? n >= 0 : n > 0) && (!integer || Number.isInteger(n));
  if (!ok) throw new AnswerError(field, `expected ${integer ? 'a whole number' : 'a number'}${zero ? ' (0 or more)' : ' above 0'}, not ${JSON.stringify(value)}`);
  return n;
}

/** The scenario as YAML, every line commented so the file teaches its own format. */
export function scenarioYaml(a: InitAnswers, tables: Partial<Record<Provider, PricingTableInput>>, schema: string): string {
  const nodes = chooseNodes(tables[a.provider]!, a.region, a.gpu, a.gpus);
  const here = `${a.provider}:${a.region}`;
  const store = a.storeGb > 0 ? parseEndpoint(a.storeAt || here, tables) : undefined;
  const c = (text: string, comment: string) => `${text.padEnd(30)} # ${comment}`;
  const out = [
    `# yaml-language-server: $schema=${schema}`,
    `# Written by tollgate init. Price it with: tollgate estimate <this file>`,
    `# The format: docs/scenario-format.md in the tollgate package.`,
    `name: ${a.name}`,
    c('hours_per_month: 730', "the month length the clouds' calculators use"),
    ``,
    `nodes:`,
    `  - name: trainers`,
    `    provider: ${a.provider}`,
    `    region: ${a.region}`,
    c(`    instance: ${nodes.instance}`, `${nodes.gpusPerNode}× ${a.gpu} per node; tollgate pricing show --gpu ${a.gpu} lists others`),
    c(`    count: ${nodes.count}`, `nodes: ${nodes.count * nodes.gpusPerNode} GPUs for the ${a.gpus} asked`),
    c(`    hours: ${a.hours}`, 'per node per month'),
    c('    purchase: on-demand', 'or spot, where the table prices it'),
  ];
  if (store) {
    const cls = checkStore(tables[store.provider]!, store.region);
    out.push(
      ``,
      `storage:`,
      `  - name: feature-store`,
      `    provider: ${store.provider}`,
      `    region: ${store.region}`,
      `    class: ${cls}`,
      c(`    gb: ${a.storeGb}`, 'average GB stored over the month'),
    );
    const elsewhere = `${store.provider}:${store.region}` !== here;
    if (elsewhere) {
      if (a.readGbPerDay === undefined) throw new AnswerError('read-gb-per-day', `the feature store is in ${store.provider}:${store.region}, the nodes in ${here}: how many GB a day do they read from it?`);
      out.push(
        ``,
        `transfers:`,
        c('  - name: feature-reads', "the store's side pays the egress"),
        `    from: ${store.provider}:${store.region}`,
        `    to: ${here}`,
        `    gb_per_day: ${a.readGbPerDay}`,
        `    days: 30`,
      );
    }
  }
  if (a.budget !== undefined) {
    out.push(``, c('budget:', 'tollgate check exits 3 past it'), `  monthly: ${a.budget}`, c('  alert_at: 0.8', 'a warning at 80%'));
  }
  return `${out.join('\n')}\n`;
}

function hint(value: string, candidates: readonly string[]): string {
  const h = didYouMean(value, candidates);
  return h ? ` (${h})` : '';
}
