// A bounded memo for Ink's pure text functions (see plugin.mjs): one frame's worth of
// lines many times over; past the bound it starts again rather than grow with a long session.
export const MEMO_LIMIT = 20_000;

export function memo<K, V>(fn: (key: K) => V): (key: K) => V {
  let cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= MEMO_LIMIT) cache = new Map();
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
