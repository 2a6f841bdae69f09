import type { Decimal } from '../model/decimal.js';
import type { PricingTableInput, Tier } from '../model/pricing.js';
import { commitmentName } from './merge-commitments.js';

/** One rate of a table, named so the same rate in another table has the same key. */
export interface RateEntry {
  /** What is priced: `instance p4d.24xlarge`, `storage s3-standard`, `internet egress`, … */
  item: string;
  /** Where and which part: `us-east-1 on-demand`, `us-east-1 → us-east-2`, `51,200–512,000 GB`. */
  detail: string;
  unit: string;
  rate: Decimal;
}

export interface RateChange {
  change: 'changed' | 'added' | 'removed';
  item: string;
  detail: string;
  unit: string;
  old?: Decimal;
  new?: Decimal;
  /** (new − old) / old; absent when either side is missing or old is zero. */
  ratio?: Decimal;
}

function tierEntries(item: string, prefix: string, tiers: readonly Tier[], unit: string, volume: string): RateEntry[] {
  let from = '0';
  return tiers.map((t) => {
    // Keyed by the band's bounds: a moved boundary is a removed band and an added one.
    const band = t.up_to ? `${from}–${t.up_to.toFixed()}` : `over ${from}`;
    if (t.up_to) from = t.up_to.toFixed();
    return { item, detail: `${prefix}${band} ${volume}`, unit, rate: t.rate };
  });
}

/** Every rate a table states, flattened; a table's rates are what its diff compares. */
export function rateEntries(table: PricingTableInput): RateEntry[] {
  const out: RateEntry[] = [];
  const volume = table.units?.transfer ?? 'GB';
  const stored = table.units?.storage ?? 'GB';
  for (const [name, i] of Object.entries(table.instances ?? {})) {
    for (const [region, rate] of Object.entries(i.on_demand ?? {})) out.push({ item: `instance ${name}`, detail: `${region} on-demand`, unit: '$/hour', rate });
    for (const [region, rate] of Object.entries(i.spot ?? {})) out.push({ item: `instance ${name}`, detail: `${region} spot`, unit: '$/hour', rate });
    for (const c of i.commitments ?? []) {
      for (const [region, rate] of Object.entries(c.rates)) out.push({ item: `instance ${name}`, detail: `${region} ${commitmentName(c)}`, unit: '$/hour', rate });
    }
  }
  for (const [name, s] of Object.entries(table.storage ?? {})) {
    for (const [region, rate] of Object.entries(s.rates ?? {})) {
      const unit = `$/${stored}-month`;
      if (Array.isArray(rate)) out.push(...tierEntries(`storage ${name}`, `${region} `, rate, unit, stored));
      else out.push({ item: `storage ${name}`, detail: region, unit, rate });
    }
  }
  const net = table.network;
  const perVolume = `$/${volume}`;
  if (net?.ingress) out.push({ item: 'ingress', detail: 'all regions', unit: perVolume, rate: net.ingress });
  if (net?.inter_zone) out.push({ item: 'inter-zone', detail: `per side (${net.inter_zone.sides} sides)`, unit: perVolume, rate: net.inter_zone.rate });
  for (const r of net?.inter_region ?? []) out.push({ item: 'inter-region', detail: `${r.from} → ${r.to}`, unit: perVolume, rate: r.rate });
  if (net?.internet_egress) {
    out.push(...tierEntries('internet egress', '', net.internet_egress.tiers, perVolume, volume));
    for (const [region, tiers] of Object.entries(net.internet_egress.regions ?? {})) out.push(...tierEntries('internet egress', `${region} `, tiers, perVolume, volume));
  }
  for (const [region, rate] of Object.entries(net?.nat?.per_gb ?? {})) out.push({ item: 'NAT gateway', detail: `${region} processed`, unit: perVolume, rate });
  for (const [region, rate] of Object.entries(net?.nat?.per_hour ?? {})) out.push({ item: 'NAT gateway', detail: `${region} hourly`, unit: '$/hour', rate });
  return out;
}

const keyOf = (e: RateEntry) => `${e.item}\u0000${e.detail}`;

/** Rates that differ between two tables: changes, then additions, then removals, each in table order. */
export function diffTables(older: PricingTableInput, newer: PricingTableInput): RateChange[] {
  const before = new Map(rateEntries(older).map((e) => [keyOf(e), e]));
  const after = rateEntries(newer);
  const seen = new Set<string>();
  const changes: RateChange[] = [];
  for (const e of after) {
    const key = keyOf(e);
    seen.add(key);
    const old = before.get(key);
    if (!old) changes.push({ change: 'added', item: e.item, detail: e.detail, unit: e.unit, new: e.rate });
    else if (!old.rate.eq(e.rate)) {
      changes.push({
        change: 'changed',
        item: e.item,
        detail: e.detail,
        unit: e.unit,
        old: old.rate,
        new: e.rate,
        ratio: old.rate.isZero() ? undefined : e.rate.minus(old.rate).div(old.rate),
      });
    }
  }
  for (const [key, e] of before) if (!seen.has(key)) changes.push({ change: 'removed', item: e.item, detail: e.detail, unit: e.unit, old: e.rate });
  const order: RateChange['change'][] = ['changed', 'added', 'removed'];
  return changes.sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change));
}
