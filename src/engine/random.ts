/**
 * mulberry32: a 32-bit seeded generator, small and fast, good enough for
 * Monte Carlo draws (not for cryptography). Same seed, same sequence — the
 * engine never draws from an unseeded source. Values are (k + ½) / 2³², strictly
 * inside (0, 1), so an inverse CDF never meets an infinite end.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/**
 * The seed of one named stream within a run (FNV-1a over the run's seed and the
 * name): an input keeps its own sequence whatever other inputs a scenario has,
 * so two scenarios sampled with one seed draw the same values for an input
 * they share by name.
 */
export function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  const mix = (byte: number) => {
    h = Math.imul(h ^ byte, 0x01000193);
  };
  for (let shift = 0; shift < 32; shift += 8) mix((seed >>> shift) & 0xff);
  for (let i = 0; i < name.length; i++) mix(name.charCodeAt(i));
  return h >>> 0;
}

/**
 * The uniforms of one named stream, `samples` of them in a typed array: drawn
 * once per run and shared by every plan that has an input of that name (paired
 * samples), instead of a closure call per plan per sample.
 */
export function streamDraws(seed: number, name: string, samples: number): Float64Array {
  const random = seededRandom(streamSeed(seed, name));
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) out[i] = random();
  return out;
}

/** Draws shared across the plans of one run (compare, the session's compare view): name → uniforms. */
export class SharedDraws {
  private readonly streams = new Map<string, Float64Array>();
  constructor(
    readonly seed: number,
    readonly samples: number,
  ) {}

  of(name: string): Float64Array {
    let draws = this.streams.get(name);
    if (!draws) {
      draws = streamDraws(this.seed, name, this.samples);
      this.streams.set(name, draws);
    }
    return draws;
  }
}
