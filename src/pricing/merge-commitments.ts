import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../model/yaml-lib.js';
import type { Decimal } from '../model/decimal.js';
import type { Commitment, PricingTableInput } from '../model/pricing.js';
import { sameCommitment, type CommitmentKey, type FetchedCommitment, type FetchedPrices } from '../providers/fetched.js';
import type { TextEdits } from './text-edits.js';
import { pairOf, yamlString } from './text-edits.js';

export interface CommitmentMergeContext {
  edits: TextEdits;
  asOf: string;
  source: string;
  wanted: (region: string) => boolean;
  setRate: (map: YAMLMap, key: string, rate: Decimal) => void;
}

type Instance = NonNullable<PricingTableInput['instances']>[string];

/** "reserved standard 1y no-upfront": a commitment as notes name it. */
export const commitmentName = (c: CommitmentKey) => [c.purchase, c.plan, c.term, c.payment].filter(Boolean).join(' ');

const keyText = (c: CommitmentKey) =>
  `purchase: ${c.purchase}${c.plan ? `, plan: ${c.plan}` : ''}, term: ${c.term}${c.payment ? `, payment: ${c.payment}` : ''}`;

const ratesText = (rates: readonly [string, Decimal][]) => `{${rates.map(([r, v]) => `${r}: ${v.toFixed()}`).join(', ')}}`;

/**
 * A source's commitment rates written into one instance's `commitments:`
 * list: an entry of the same kind (purchase, plan, term, payment) has its
 * rates set region by region, and its `as_of` and `source` set when every
 * region it prices was read (otherwise its older date stays: a rate is never
 * dated newer than all of its entry's rates are); a kind the entry lacks is
 * added as a new entry, dated.
 */
export function mergeCommitments(entry: YAMLMap, before: Instance | undefined, fetched: readonly FetchedCommitment[], ctx: CommitmentMergeContext): void {
  const { isMap, isSeq } = yaml();
  const { edits, asOf, source, wanted, setRate } = ctx;
  const seqNode = pairOf(entry, 'commitments')?.value as Node | undefined;
  const seq = isSeq(seqNode) ? (seqNode as YAMLSeq) : undefined;
  const was: Commitment[] = before?.commitments ?? [];
  const added: string[] = [];
  for (const c of fetched) {
    const fresh = Object.entries(c.rates).filter(([region]) => wanted(region)).sort(([a], [b]) => a.localeCompare(b));
    if (!fresh.length) continue;
    const index = was.findIndex((w) => sameCommitment(w, c));
    const node = index >= 0 ? seq?.items[index] : undefined;
    if (index < 0 || !isMap(node)) {
      added.push(`{${keyText(c)}, as_of: ${JSON.stringify(asOf)}, source: ${yamlString(source)}, rates: ${ratesText(fresh)}}`);
      continue;
    }
    const map = node as YAMLMap;
    const rates = pairOf(map, 'rates')?.value;
    if (!isMap(rates)) continue;
    for (const [region, rate] of fresh) setRate(rates as YAMLMap, region, rate);
    if (!Object.keys(was[index]!.rates).every((region) => region in c.rates)) continue;
    for (const [key, value] of [['as_of', JSON.stringify(asOf)], ['source', yamlString(source)]] as const) {
      const pair = pairOf(map, key);
      if (pair?.value) edits.replace(pair.value as Node, value);
      else edits.addToMap(map, key, value);
    }
  }
  if (!added.length) return;
  if (seq) for (const item of added) edits.appendToSeq(seq, item);
  else edits.addToMap(entry, 'commitments', `[${added.join(', ')}]`);
}

/**
 * The table's commitment rates a source was read for and did not state, by
 * instance and kind: kept as they were, and said so.
 */
export function missingCommitments(before: PricingTableInput, fetched: FetchedPrices, wanted: (region: string) => boolean): string[] {
  const out: string[] = [];
  for (const [name, instance] of Object.entries(before.instances ?? {})) {
    for (const c of instance.commitments ?? []) {
      if (!fetched.commitmentsRead.includes(c.purchase)) continue;
      const got = fetched.commitments[name]?.find((f) => sameCommitment(f, c))?.rates ?? {};
      const missing = Object.keys(c.rates).filter((region) => wanted(region) && !(region in got));
      if (missing.length) out.push(`${name} ${commitmentName(c)}: ${missing.sort().join(', ')}`);
    }
  }
  return out.length ? [`commitment rates the source did not state, kept as they were (with their own as_of): ${out.join('; ')}`] : [];
}
