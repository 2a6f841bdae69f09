import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../../model/yaml-lib.js';
import type { PricingTableInput, Tier } from '../../model/pricing.js';
import type { BulkSource } from '../../providers/bulk.js';
import { mapAt, pairOf, TextEdits } from '../text-edits.js';
import { alignTiers, mergeFetched, sameTiers, tierText, type MergeResult } from '../write-table.js';

export interface AssembleOptions {
  asOf: string;
  source: string;
}

export interface Assembled extends MergeResult {
  /** Regions the bundled table does not list that the catalog prices. */
  added: string[];
}

/**
 * The full catalog of one provider: the bundled table (its instance types,
 * storage classes, rules and sources) with every region the bulk items price
 * added, and every rate the items state merged in by the same code as
 * `pricing update` (mergeFetched). A region the items price but whose
 * continent cannot be told is left out and said so; a region added without an
 * internet egress price of its own is marked unpriced, never given another
 * region's tiers.
 */
export function assembleCatalog(text: string, file: string, table: PricingTableInput, items: readonly unknown[], bulk: BulkSource, opts: AssembleOptions): Assembled {
  const { parseDocument } = yaml();
  const listed = table.regions ?? {};
  const notes: string[] = [];
  const added: string[] = [];
  const unknown: string[] = [];
  const regions = { ...listed };
  for (const region of bulk.regionsOf(items)) {
    if (region in listed) continue;
    const continent = bulk.continentOf(region);
    if (!continent) {
      unknown.push(region);
      continue;
    }
    regions[region] = { continent };
    added.push(region);
  }
  if (unknown.length) notes.push(`regions left out, their continent not known to tollgate: ${unknown.join(', ')}`);
  const fetched = bulk.map(items, { ...table, regions });

  const doc = parseDocument(text);
  const root = doc.contents as YAMLMap;
  const edits = new TextEdits(text);
  const regionMap = mapAt(root, 'regions');
  if (regionMap) for (const region of added) edits.addToMap(regionMap, region, `{continent: ${regions[region]!.continent}}`);

  // mergeFetched sets the table's one default schedule (its first region's); the other regions' own schedules are set here.
  const reference = Object.keys(listed)[0];
  const egress = table.network?.internet_egress;
  const egressNode = mapAt(mapAt(root, 'network'), 'internet_egress');
  if (egress && egressNode && reference) {
    const own: Record<string, Tier[]> = {};
    for (const [region, tiers] of Object.entries(fetched.internet_egress)) {
      if (region === reference) continue;
      const was = egress.regions?.[region];
      const aligned = alignTiers(was ?? egress.tiers, tiers) ?? tiers;
      if (was ? !sameTiers(was, aligned) : !sameTiers(egress.tiers, aligned)) own[region] = aligned;
    }
    setOwnSchedules(edits, egressNode, egress.regions ?? {}, own);
    const unpriced = [...new Set([...(egress.unpriced ?? []), ...added])].filter((r) => !fetched.internet_egress[r]);
    setUnpriced(edits, egressNode, unpriced);
    if (added.some((r) => !fetched.internet_egress[r])) notes.push(`internet egress: no price found for ${added.filter((r) => !fetched.internet_egress[r]).join(', ')}; an estimate sending data out of them stops with an error instead of using another region's tiers`);
    fetched.internet_egress = fetched.internet_egress[reference] ? { [reference]: fetched.internet_egress[reference] } : {};
  }

  const merged = mergeFetched(edits.apply(), file, fetched, { asOf: opts.asOf, source: opts.source });
  return { ...merged, notes: [...notes, ...merged.notes], added };
}

const flowTiers = (tiers: readonly Tier[]) => `[${tiers.map(tierText).join(', ')}]`;

function setOwnSchedules(edits: TextEdits, egressNode: YAMLMap, was: Record<string, Tier[]>, own: Record<string, Tier[]>): void {
  const { isSeq } = yaml();
  const entries = Object.entries(own);
  if (!entries.length) return;
  const map = mapAt(egressNode, 'regions');
  if (!map) {
    edits.addToMap(egressNode, 'regions', `{${entries.map(([r, t]) => `${r}: ${flowTiers(t)}`).join(', ')}}`);
    return;
  }
  for (const [region, tiers] of entries) {
    const node = pairOf(map, region)?.value as Node | undefined;
    if (region in was && node) {
      if (isSeq(node)) edits.replaceSeq(node as YAMLSeq, tiers.map(tierText));
      else edits.replace(node, flowTiers(tiers));
    } else edits.addToMap(map, region, flowTiers(tiers));
  }
}

function setUnpriced(edits: TextEdits, egressNode: YAMLMap, unpriced: readonly string[]): void {
  const { isMap, isSeq } = yaml();
  const node = pairOf(egressNode, 'unpriced')?.value as Node | undefined;
  const text = `[${unpriced.join(', ')}]`;
  if (node && (isSeq(node) || isMap(node))) edits.replace(node, text);
  else if (unpriced.length) edits.addToMap(egressNode, 'unpriced', text);
}
