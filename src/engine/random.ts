/**
 * mulberry32: a 32-bit seeded generator, small and fast, good enough for
 * Monte Carlo draws (not for cryptography). Same seed, same sequence — the
 * engine never draws from an unseeded source.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
