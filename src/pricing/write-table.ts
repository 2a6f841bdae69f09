import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../model/yaml-lib.js';
import type { Decimal } from '../model/decimal.js';
import { pricingTableSchema, type PriceDate, type PricingTableInput, type Tier } from '../model/pricing.js';
import { validate } from '../model/validate.js';
import { parseYamlSource } from '../model/yaml-source.js';
import { interRegionRate, LookupError } from './lookup.js';
import type { FetchedPrices } from '../providers/fetched.js';
import { mapAt, pairOf, TextEdits, yamlString } from './text-edits.js';
import { mergeCommitments, missingCommitments } from './merge-commitments.js';

export interface MergeOptions {
  /** The day the prices were read (YYYY-MM-DD), written to `as_of`. */
  asOf: string;
  /** The API the prices were read from, written to `source`. */
  source: string;
  /** Only rates in these regions are written (all the table lists when absent). */
  regions?: readonly string[];
}

export interface MergeResult {
  text: string;
  table: PricingTableInput;
  /** Entries marked `# override`, left exactly as they were. */
  kept: string[];
  notes: string[];
}

/**
 * An entry the user marked as their own: a comment starting with "override"
 * on its key line, right above it, or after a one-line entry. Refreshes never
 * touch it.
 */
export function isOverride(map: YAMLMap, key: string): boolean {
  const { isScalar } = yaml();
  const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  const pair = map.items[index];
  if (!pair) return false;
  const keyNode = pair.key as Node | null;
  const value = pair.value as Node | null;
  const comments = [index === 0 ? map.commentBefore : undefined, keyNode?.commentBefore, value?.commentBefore, value?.comment];
  return comments.some((c) => c !== undefined && c !== null && /^\s*override\b/im.test(c));
}

const num = (d: Decimal) => d.toFixed();
export const tierText = (t: Tier) => (t.up_to ? `{up_to: ${num(t.up_to)}, rate: ${num(t.rate)}}` : `{rate: ${num(t.rate)}}`);
const bounds = (tiers: readonly Tier[]) => tiers.map((t) => t.up_to?.toFixed() ?? '').join(',');
export const sameTiers = (a: readonly Tier[], b: readonly Tier[]) => bounds(a) === bounds(b) && a.every((t, i) => t.rate.eq(b[i]!.rate));

/**
 * The API's tiers in the table's shape, or undefined when the bands do not
 * line up. A table may model a free allowance (AWS's 100 GB, Google's first
 * GiB) as a leading rate-0 tier that the API publishes elsewhere or not at
 * all: that tier is kept and the API's bands are laid over the rest.
 */
export function alignTiers(table: readonly Tier[], api: readonly Tier[]): Tier[] | undefined {
  if (bounds(table) === bounds(api)) return [...api];
  const [free, ...rest] = table;
  if (free?.up_to && free.rate.isZero() && !api[0]?.rate.isZero() && bounds(rest) === bounds(api)) return [free, ...api];
  return undefined;
}

const tiersText = (tiers: readonly Tier[]) => tiers.map((t) => (t.up_to ? `≤${t.up_to.toFixed()}: ${t.rate.toFixed()}` : `above: ${t.rate.toFixed()}`)).join(', ');

/**
 * Merge rates read from a pricing API into a table's YAML text: set each rate
 * the table has and the API states, add the regions the table lists but had no
 * rate for, and leave everything else — comments, notes, entries marked
 * `# override`, rates the API does not publish (spot on AWS) — as written.
 */
export function mergeFetched(text: string, file: string, fetched: FetchedPrices, opts: MergeOptions): MergeResult {
  const { isScalar, isSeq, parseDocument } = yaml();
  const before = validate(pricingTableSchema(), parseYamlSource(text, file));
  const doc = parseDocument(text);
  const root = doc.contents as YAMLMap;
  const edits = new TextEdits(text);
  const kept: string[] = [];
  const notes = [...fetched.notes];
  const wanted = (region: string) => !opts.regions || opts.regions.includes(region);

  const setScalar = (map: YAMLMap, key: string, value: string) => {
    const pair = pairOf(map, key);
    if (pair && isScalar(pair.value)) edits.replace(pair.value, value);
    else if (!pair) edits.addToMap(map, key, value);
  };
  // A rate is rewritten only when it changed: 27.20 stays as written when the API says 27.2.
  const setRate = (map: YAMLMap, key: string, rate: Decimal) => {
    const current = pairOf(map, key)?.value;
    if (isScalar(current) && typeof current.value === 'number' && rate.eq(String(current.source ?? current.value))) return;
    setScalar(map, key, num(rate));
  };

  setScalar(root, 'as_of', JSON.stringify(opts.asOf));
  setScalar(root, 'source', yamlString(opts.source));

  const instances = mapAt(root, 'instances');
  for (const name of new Set([...Object.keys(fetched.instances), ...Object.keys(fetched.commitments)])) {
    const entry = mapAt(instances, name);
    if (!instances || !entry) continue;
    if (isOverride(instances, name)) {
      kept.push(`instances.${name}`);
      continue;
    }
    const commitments = fetched.commitments[name];
    if (commitments) mergeCommitments(entry, before.instances?.[name], commitments, { edits, asOf: opts.asOf, source: opts.source, wanted, setRate });
    const rates = fetched.instances[name];
    if (!rates) continue;
    let confirmedAll = true;
    for (const purchase of ['on_demand', 'spot'] as const) {
      const fresh = Object.entries(rates[purchase]).filter(([region]) => wanted(region));
      const existing = before.instances?.[name]?.[purchase] ?? {};
      if (Object.keys(existing).some((region) => !(region in rates[purchase]))) confirmedAll = false;
      if (fresh.length === 0) continue;
      const map = mapAt(entry, purchase);
      if (map) for (const [region, rate] of fresh) setRate(map, region, rate);
      else edits.addToMap(entry, purchase, `{${fresh.map(([region, rate]) => `${region}: ${num(rate)}`).join(', ')}}`);
      const dateKey = purchase === 'on_demand' ? 'as_of' : 'spot_as_of';
      const dates = refreshedDates(before.instances?.[name]?.[dateKey], Object.keys(existing), fresh.map(([region]) => region), opts.asOf);
      const datePair = pairOf(entry, dateKey);
      if (dates !== undefined && datePair?.value) edits.replace(datePair.value as Node, dates);
    }
    if (confirmedAll && pairOf(entry, 'source')) setScalar(entry, 'source', yamlString(`${opts.source} (${opts.asOf})`));
  }

  notes.push(...missingCommitments(before, fetched, wanted));

  const storage = mapAt(root, 'storage');
  for (const [cls, byRegion] of Object.entries(fetched.storage)) {
    const rates = mapAt(mapAt(storage, cls), 'rates');
    if (!storage || !rates) continue;
    if (isOverride(storage, cls)) {
      kept.push(`storage.${cls}`);
      continue;
    }
    for (const [region, rate] of Object.entries(byRegion)) {
      if (!wanted(region)) continue;
      const current = pairOf(rates, region)?.value;
      const was = before.storage?.[cls]?.rates?.[region];
      if (!Array.isArray(rate) && Array.isArray(was)) notes.push(`storage.${cls} ${region}: the API gives one rate (${num(rate)}) where the table has tiers; not updated`);
      else if (!Array.isArray(rate)) setRate(rates, region, rate);
      else if (isSeq(current) && Array.isArray(was)) {
        const aligned = alignTiers(was, rate);
        if (!aligned) notes.push(`storage.${cls} ${region}: the API's tiers (${tiersText(rate)}) do not line up with the table's; not updated`);
        else if (!sameTiers(was, aligned)) edits.replaceSeq(current as YAMLSeq, aligned.map(tierText));
      } else if (current) edits.replace(current as Node, `[${rate.map(tierText).join(', ')}]`);
      else edits.addToMap(rates, region, `[${rate.map(tierText).join(', ')}]`);
    }
  }

  const network = mapAt(root, 'network');
  if (network && isOverride(root, 'network')) kept.push('network');
  else if (network) mergeNetwork(network, before, fetched, { edits, kept, notes, wanted, setRate });

  const merged = edits.apply();
  // The result must still be a valid table: a mapping bug fails here, not in the next estimate.
  const table = validate(pricingTableSchema(), parseYamlSource(merged, file));
  return { text: merged, table, kept, notes };
}

/**
 * An instance's own date (`as_of` or `spot_as_of`) after the rates of
 * `fresh` regions were read on `asOf`: the one date when every region it
 * prices was read, else a date per region, the others keeping theirs. Undefined
 * when the instance has no date of its own (the table's, just set, applies).
 */
export function refreshedDates(was: PriceDate | undefined, priced: readonly string[], fresh: readonly string[], asOf: string): string | undefined {
  if (was === undefined) return undefined;
  const regions = [...new Set([...priced, ...fresh])].sort();
  const date = (region: string) => (fresh.includes(region) ? asOf : typeof was === 'string' ? was : (was[region] ?? asOf));
  if (regions.every((region) => date(region) === asOf)) return JSON.stringify(asOf);
  return `{${regions.map((region) => `${region}: ${JSON.stringify(date(region))}`).join(', ')}}`;
}

interface NetworkContext {
  edits: TextEdits;
  kept: string[];
  notes: string[];
  wanted: (region: string) => boolean;
  setRate: (map: YAMLMap, key: string, rate: Decimal) => void;
}

function mergeNetwork(network: YAMLMap, before: PricingTableInput, fetched: FetchedPrices, ctx: NetworkContext): void {
  const { isMap, isScalar, isSeq } = yaml();
  const { edits, kept, notes, wanted, setRate } = ctx;
  const skip = (key: string) => {
    if (!isOverride(network, key)) return false;
    kept.push(`network.${key}`);
    return true;
  };

  const interZone = mapAt(network, 'inter_zone');
  const zoneRate = interZone ? pairOf(interZone, 'rate')?.value : undefined;
  if (fetched.inter_zone && interZone && isScalar(zoneRate) && !skip('inter_zone') && !before.network?.inter_zone?.rate.eq(fetched.inter_zone)) {
    edits.replace(zoneRate, num(fetched.inter_zone));
  }

  // NAT rates go where the table already prices NAT: its per_gb map, and per_hour when it has one.
  const nat = mapAt(network, 'nat');
  if (nat && !skip('nat')) {
    for (const part of ['per_gb', 'per_hour'] as const) {
      const rates = mapAt(nat, part);
      for (const [region, rate] of Object.entries(fetched.nat[part])) if (rates && wanted(region)) setRate(rates, region, rate);
    }
  }

  // The table's single tier schedule is the one of its first listed region (us-east-1, us-central1, eastus).
  const reference = Object.keys(before.regions ?? {})[0];
  const egress = mapAt(network, 'internet_egress');
  const fresh = reference && wanted(reference) ? fetched.internet_egress[reference] : undefined;
  const tiers = egress ? pairOf(egress, 'tiers')?.value : undefined;
  if (fresh && isSeq(tiers) && !skip('internet_egress')) {
    const was = before.network!.internet_egress!.tiers;
    const aligned = alignTiers(was, fresh);
    if (!aligned) notes.push(`internet egress: the API's tiers for ${reference} (${tiersText(fresh)}) do not line up with the table's; not updated`);
    else if (!sameTiers(was, aligned)) edits.replaceSeq(tiers as YAMLSeq, aligned.map(tierText));
  }
  for (const [region, t] of Object.entries(fetched.internet_egress)) {
    if (fresh && region !== reference && !sameTiers(t, fresh)) notes.push(`internet egress from ${region} is tiered differently from ${reference}; the table has one schedule, not updated for ${region}`);
  }

  const rules = pairOf(network, 'inter_region')?.value;
  if (!isSeq(rules) || skip('inter_region')) return;
  // Each fetched pair counts toward the rule that prices it today; a rule is
  // updated when every pair it prices agrees on one new rate.
  const byRule = new Map<number, { rates: Map<string, string[]> }>();
  const ruleList = before.network?.inter_region ?? [];
  for (const pair of fetched.inter_region) {
    if (!wanted(pair.from)) continue;
    let rule;
    try {
      rule = interRegionRate(before, pair.from, pair.to).rule;
    } catch (e) {
      if (!(e instanceof LookupError)) throw e;
      notes.push(`no inter_region rule prices ${pair.from} → ${pair.to} (${num(pair.rate)}); add one to keep it`);
      continue;
    }
    const index = ruleList.indexOf(rule);
    const slot = byRule.get(index) ?? { rates: new Map() };
    slot.rates.set(num(pair.rate), [...(slot.rates.get(num(pair.rate)) ?? []), `${pair.from} → ${pair.to}`]);
    byRule.set(index, slot);
  }
  for (const [index, { rates }] of byRule) {
    const rule = ruleList[index]!;
    const node = (rules as YAMLSeq).items[index];
    const rateNode = isMap(node) ? pairOf(node as YAMLMap, 'rate')?.value : undefined;
    if (rates.size > 1) {
      notes.push(`inter_region rule ${rule.from} → ${rule.to} prices pairs the API rates differently (${[...rates].map(([r, pairs]) => `${r}: ${pairs.join(', ')}`).join('; ')}); left as is`);
    } else if (isScalar(rateNode)) {
      const [rate] = [...rates.keys()];
      if (!rule.rate.eq(rate!)) edits.replace(rateNode, rate!);
    }
  }
}
