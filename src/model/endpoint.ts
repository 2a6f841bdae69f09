import { PROVIDERS, type Provider, type Scenario } from './scenario.js';
import { didYouMean, listSome } from './suggest.js';

/** The scenario sections a transfer end may name an item of. */
export const ITEM_SECTIONS = ['storage', 'nodes'] as const;
export type ItemSection = (typeof ITEM_SECTIONS)[number];

export type Endpoint =
  | { kind: 'cloud'; provider: Provider; region: string; zone?: string }
  | { kind: 'internet' }
  | { kind: 'on-prem' }
  /** `storage:NAME` or `nodes:NAME`: wherever that item of the plan is (see resolveItem). */
  | { kind: 'item'; section: ItemSection; name: string };

/** A cloud end once items are resolved; `storageClass` is set when the end is a `storage:` item. */
export type CloudEnd = Extract<Endpoint, { kind: 'cloud' }> & { storageClass?: string };

/** An end with any `storage:`/`nodes:` item replaced by where that item is. */
export type ResolvedEndpoint = Exclude<Endpoint, { kind: 'item' }> | CloudEnd;

export class EndpointError extends Error {
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

const FORM = 'write provider:region[:zone] (e.g. aws:us-east-1 or gcp:us-central1:us-central1-a), internet or on-prem';

// A scenario names a handful of endpoints and every Monte Carlo sample prices them again.
const parsed = new Map<string, Readonly<Endpoint>>();

/** `provider:region[:zone]`, `storage:NAME`, `nodes:NAME`, `internet` or `on-prem`; the result is shared, never to be mutated. */
export function parseEndpoint(text: string): Readonly<Endpoint> {
  let endpoint = parsed.get(text);
  if (endpoint === undefined) {
    endpoint = Object.freeze(parseText(text));
    parsed.set(text, endpoint);
  }
  return endpoint;
}

function parseText(text: string): Endpoint {
  if (text === 'internet') return { kind: 'internet' };
  if (text === 'on-prem') return { kind: 'on-prem' };
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new EndpointError(
      `endpoint ${JSON.stringify(text)} is not provider:region[:zone], internet or on-prem`,
      didYouMean(text, ['internet', 'on-prem']) ?? FORM,
    );
  }
  const [head, region, zone] = parts as [string, string, string | undefined];
  if ((ITEM_SECTIONS as readonly string[]).includes(head) && zone === undefined) {
    return { kind: 'item', section: head as ItemSection, name: region };
  }
  if (!(PROVIDERS as readonly string[]).includes(head)) {
    throw new EndpointError(
      `unknown provider ${JSON.stringify(head)} in endpoint ${JSON.stringify(text)}`,
      didYouMean(head, [...PROVIDERS, ...ITEM_SECTIONS]) ?? `providers: ${PROVIDERS.join(', ')}`,
    );
  }
  return zone === undefined
    ? { kind: 'cloud', provider: head as Provider, region }
    : { kind: 'cloud', provider: head as Provider, region, zone };
}

export function formatEndpoint(e: Endpoint): string {
  if (e.kind === 'item') return `${e.section}:${e.name}`;
  if (e.kind !== 'cloud') return e.kind;
  return [e.provider, e.region, e.zone].filter(Boolean).join(':');
}

type Items = Pick<Scenario, 'nodes' | 'storage'>;

/** Per section array, where each name first appears: a plan of 10^5 transfers naming items would otherwise search the section for every end. */
const positions = new WeakMap<readonly { name: string }[], Map<string, number>>();

/** The first item of that name, as `items.find` gives it. */
function named<T extends { name: string }>(items: readonly T[] | undefined, name: string): T | undefined {
  if (!items) return undefined;
  const at = positions.get(items)?.get(name);
  // Checked on every hit: an array edited in place since makes its map stale, and is mapped again
  // (names are unique in a valid plan, so the item of that name is the first of it).
  if (at !== undefined && items[at]?.name === name) return items[at];
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    if (!map.has(item.name)) map.set(item.name, i);
  });
  positions.set(items, map);
  const found = map.get(name);
  return found === undefined ? undefined : items[found];
}

/**
 * Where a `storage:NAME` or `nodes:NAME` end is: read from the item each time
 * it is priced, so moving a node group (in the file, by --vary, in the session)
 * moves every transfer that names it. Other ends are returned as they are.
 */
export function resolveItem(e: Readonly<Endpoint>, scenario: Items): Readonly<ResolvedEndpoint> {
  if (e.kind !== 'item') return e;
  if (e.section === 'storage') {
    const store = named(scenario.storage, e.name);
    if (store) return { kind: 'cloud', provider: store.provider, region: store.region, storageClass: store.class };
  } else {
    const group = named(scenario.nodes, e.name);
    if (group) {
      return group.zone === undefined
        ? { kind: 'cloud', provider: group.provider, region: group.region }
        : { kind: 'cloud', provider: group.provider, region: group.region, zone: group.zone };
    }
  }
  const names = (scenario[e.section] ?? []).map((i) => i.name);
  throw new EndpointError(
    `no ${e.section} item named ${JSON.stringify(e.name)} in this scenario`,
    didYouMean(`${e.section}:${e.name}`, names.map((n) => `${e.section}:${n}`)) ??
      (names.length ? `${e.section} items: ${listSome(names.map((n) => `${e.section}:${n}`))}` : `the scenario has no ${e.section}: items`),
  );
}
