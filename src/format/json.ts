import type { Estimate, LineCommitment, LineCoverage, LineItem, LinePurchase } from '../model/estimate.js';
import { lineShares } from './tier-shares.js';
import type { Decimal } from '../model/decimal.js';
import { pricingJson } from './describe.js';
import { exact } from '../model/numbers.js';

export function purchaseJson(p: LinePurchase) {
  return {
    option: p.option,
    label: p.label,
    used_hours: exact(p.usedHours),
    ...(p.paidHours ? { paid_hours: exact(p.paidHours), idle_hours: exact(p.paidHours.minus(p.usedHours)) } : {}),
    ...(p.gpuHourRate ? { gpu_hour_rate: exact(p.gpuHourRate) } : {}),
    ...(p.spot ? { billed_hours_per_node: { useful: exact(p.spot.useful), expected: exact(p.spot.expected), p95: exact(p.spot.p95) } } : {}),
  };
}

export function coverageJson(c: LineCoverage) {
  return { usage: exact(c.usage), covered: exact(c.covered), uncovered: exact(c.uncovered), by: c.by };
}

export function commitmentJson(c: LineCommitment) {
  return { used: exact(c.used), waste: exact(c.waste) };
}

/**
 * A tiered line's aggregate and bands are the same Decimals on every line of its
 * aggregate (tens of thousands of lines in a large plan): their text is worked out once.
 */
type Text = (d: Decimal) => string;
function sharedText(): Text {
  const texts = new WeakMap<Decimal, string>();
  return (d) => {
    let t = texts.get(d);
    if (t === undefined) texts.set(d, (t = exact(d)));
    return t;
  };
}

function lineJson(l: LineItem, shared: Text) {
  // Keys set one by one in the order written (optional ones only when present): the same
  // object the spread form built, without a throwaway object per optional key, per line.
  const o: Record<string, unknown> = {
    kind: l.kind,
    name: l.name,
    category: l.category,
    provider: l.provider,
    region: l.region,
    description: l.description,
    quantity: exact(l.quantity),
    unit: l.unit,
    rate: exact(l.rate),
    cost: exact(l.cost),
  };
  if (l.path) o.path = l.path;
  if (l.as_of) o.as_of = l.as_of;
  if (l.purchase) o.purchase = purchaseJson(l.purchase);
  if (l.coverage) o.coverage = coverageJson(l.coverage);
  if (l.commitment) o.commitment = commitmentJson(l.commitment);
  if (l.tiers) {
    o.tiers = {
      aggregate: shared(l.tiers.aggregate),
      shares: lineShares(l.tiers, l.quantity).map((s) => {
        const share: Record<string, string> = { from: shared(s.from) };
        if (s.to) share.to = shared(s.to);
        share.rate = shared(s.rate);
        share.quantity = exact(s.quantity);
        return share;
      }),
    };
  }
  return o;
}

function estimateJson(e: Estimate, lines: unknown) {
  const totals = Object.fromEntries(Object.entries(e.totals).map(([k, v]) => [k, exact(v)]));
  return {
    scenario: e.scenario,
    currency: e.currency,
    pricing: pricingJson(e.pricing),
    lines,
    totals,
    ...(e.budget
      ? { budget: { monthly: exact(e.budget.monthly), ...(e.budget.alert_at ? { alert_at: exact(e.budget.alert_at) } : {}) } }
      : {}),
    assumptions: e.assumptions,
  };
}

// Stands for an estimate's lines in the document, so everything around them is written by one JSON.stringify.
const LINES = '\u0000lines\u0000';
const LINES_JSON = JSON.stringify(LINES);
const LINES_PER_CHUNK = 1_000;

/**
 * `--format json`: the estimates as `JSON.stringify(body, null, 2)` writes them
 * (`extras[i]` adds keys to estimate i's object, e.g. its `uncertainty` block), in pieces: the lines a
 * thousand at a time, so a plan of a million lines is written without one
 * string of it all (past V8's longest string, and twice the memory).
 */
export function* formatJsonChunks(estimates: readonly Estimate[], extras: readonly (Record<string, unknown> | undefined)[] = []): Generator<string> {
  const one = (e: Estimate, i: number) => ({ ...estimateJson(e, LINES), ...extras[i] });
  const body = estimates.length === 1 ? one(estimates[0]!, 0) : estimates.map(one);
  const parts = `${JSON.stringify(body, null, 2)}\n`.split(LINES_JSON);
  for (let k = 0; k < parts.length; k++) {
    yield parts[k]!;
    if (k + 1 === parts.length) break;
    const lines = estimates[k]!.lines;
    if (lines.length === 0) {
      yield '[]';
      continue;
    }
    // The key's own indentation; its items sit one level (two spaces) deeper.
    const indent = /\n( *)[^\n]*$/.exec(parts[k]!)![1]!;
    const shared = sharedText();
    for (let from = 0; from < lines.length; from += LINES_PER_CHUNK) {
      const chunk = new Array<unknown>(Math.min(LINES_PER_CHUNK, lines.length - from));
      for (let i = 0; i < chunk.length; i++) chunk[i] = lineJson(lines[from + i]!, shared);
      // One stringify a chunk: "[\n  {…},\n  {…}\n]" without its brackets, each line moved to
      // the key's indentation (JSON escapes newlines inside strings, so every \n is layout).
      const items = JSON.stringify(chunk, null, 2);
      yield `${from === 0 ? '[\n' : ',\n'}${indent}${items.slice(2, -2).replaceAll('\n', `\n${indent}`)}`;
    }
    yield `\n${indent}]`;
  }
}
