import type { PricingTableInput } from './pricing.js';
import { scenarioInputSchema, type Provider } from './scenario.js';
import { SCENARIO_KEY_DOCS } from './scenario-key-docs.js';
import { toJsonSchema } from './zod-decimal.js';

type Json = Record<string, unknown>;

/**
 * scenarios/schema.json: the zod schema as JSON Schema, every key described, and
 * the catalog's provider, region, instance and storage class names as enums, so
 * an editor suggests them and flags a typo before tollgate runs.
 */
export function scenarioJsonSchema(tables: readonly PricingTableInput[]): Json {
  const schema = toJsonSchema(scenarioInputSchema());
  describeKeys(schema, []);
  const props = schema.properties as Record<string, Json>;
  const items = (key: string) => (props[key]!.items as Json);
  narrowByProvider(items('nodes'), tables, { instance: (t) => Object.keys(t.instances ?? {}), region: regionsOf });
  narrowByProvider(items('storage'), tables, { class: (t) => Object.keys(t.storage ?? {}), region: regionsOf });
  const ends = [...tables.flatMap((t) => regionsOf(t).map((r) => `${t.provider}:${r}`)), 'internet', 'on-prem'];
  for (const end of ['from', 'to']) ((items('transfers').properties as Record<string, Json>)[end]!).examples = ends;
  const edges = tables.flatMap((t) => [t.network?.cdn?.edge, ...Object.keys(t.network?.cdn?.edges ?? {})].filter((e): e is string => e !== undefined));
  ((items('transfers').properties as Record<string, Json>).viewers!).examples = [...new Set(edges)];
  return {
    ...schema,
    title: 'tollgate scenario',
    description: 'An ML infrastructure plan priced by tollgate: node groups, storage and transfers. See docs/scenario-format.md.',
  };
}

function regionsOf(t: PricingTableInput): string[] {
  return Object.keys(t.regions ?? {});
}

/** Each key's description: the zod schema's own, else SCENARIO_KEY_DOCS'. */
function describeKeys(node: Json, path: string[]): void {
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
    const at = [...path, key];
    const doc = SCENARIO_KEY_DOCS[at.join('.')];
    if (child.description === undefined && doc) child.description = doc;
    describeKeys(child, at);
  }
  if (node.items && typeof node.items === 'object') describeKeys(node.items as Json, [...path, '*']);
}

/**
 * Each field's names across all providers as its enum, and narrowed to the
 * item's own provider with if/then, so `instance` under `provider: gcp`
 * suggests GCP machine types only.
 */
function narrowByProvider(item: Json, tables: readonly PricingTableInput[], fields: Record<string, (t: PricingTableInput) => string[]>): void {
  const props = item.properties as Record<string, Json>;
  for (const [field, names] of Object.entries(fields)) props[field]!.enum = [...new Set(tables.flatMap(names))].sort();
  item.allOf = tables.map((t) => ({
    if: { properties: { provider: { const: t.provider satisfies Provider } }, required: ['provider'] },
    then: { properties: Object.fromEntries(Object.entries(fields).map(([f, names]) => [f, { enum: names(t).sort() }])) },
  }));
}
