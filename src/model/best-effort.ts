import { Decimal } from './decimal.js';
import { scenarioInputSchema, type ScenarioInput } from './scenario.js';

/** Quantities a stand-in of 0 makes valid, so the rest of their item can still be checked. */
const QUANTITIES = new Set(['count', 'hours', 'gb', 'gb_per_day', 'gb_per_month', 'days', 'get_requests_per_month', 'put_requests_per_month']);

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value && typeof value === 'object' && !Decimal.isDecimal(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}

function parentOf(data: unknown, path: readonly PropertyKey[]): Record<PropertyKey, unknown> | undefined {
  let node = data;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>) : undefined;
}

/**
 * The scenario as it would read with its schema problems set aside: unknown
 * keys dropped, a wrong quantity taken as 0. Only for finding the problems the
 * schema cannot see (an unknown instance, region or storage class in the same
 * item), so a file's errors come in one run, not one run per fix. Undefined
 * when a problem is of another kind (a missing name, a wrong provider): then
 * the schema's own errors are all there is to say.
 */
export function withoutSchemaProblems(data: unknown): ScenarioInput | undefined {
  const repaired = copy(data);
  for (let pass = 0; pass < 3; pass++) {
    const result = scenarioInputSchema().safeParse(repaired);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const at = parentOf(repaired, [...issue.path, '']);
        if (!at) return undefined;
        for (const key of issue.keys) delete at[key];
        continue;
      }
      // A range's own mistakes sit one level further down; the quantity is what gets the stand-in.
      const path = typeof issue.path.at(-1) === 'string' && QUANTITIES.has(issue.path.at(-1) as string) ? issue.path : issue.path.slice(0, -1);
      const field = path.at(-1);
      const parent = parentOf(repaired, path);
      if (!parent || typeof field !== 'string' || !QUANTITIES.has(field)) return undefined;
      parent[field] = new Decimal(0);
    }
  }
  return undefined;
}
