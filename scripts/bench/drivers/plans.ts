// Bench driver: generated plans with ranges, priced, sampled, compared and searched
// in process through the same entry points the CLI uses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { run as breakevenVerb } from '../../../src/commands/breakeven.js';
import { run as compareVerb } from '../../../src/commands/compare.js';
import { projectFile } from '../../../src/projection.js';
import { estimate } from '../../../src/engine/estimate.js';
import { monteCarlo } from '../../../src/engine/montecarlo.js';

const DIR = mkdtempSync(join(tmpdir(), 'tollgate-bench-plans-'));

/**
 * A plan of `lines` priced lines (a third node groups, a third storage, a third
 * transfers into the tiered internet egress aggregates), the first `ranged`
 * quantities spread over the three sections written as ranges. Variants keep the
 * names (so plans share their inputs' draws) and move volumes and counts.
 */
export function planFile(lines: number, ranged: number, variant = 0): string {
  const third = Math.floor(lines / 3);
  // Ranged inputs go round the sections: node count 0, stored GB 0, transfer volume 0, node count 1, …
  // (the k-th input of the round is item i of section s with k = 3i + s), triangular and lognormal in turn.
  const range = (section: number, i: number, v: number, whole = false) => {
    const k = 3 * i + section;
    if (k >= ranged) return `${v}`;
    return k % 2 ? `{p50: ${v}, p95: ${v * 3}}` : `{low: ${whole ? Math.max(0, v - 1) : v / 2}, expected: ${v}, high: ${whole ? v + 2 : v * 2}}`;
  };
  const pairs = [
    ['aws:us-east-1', 'internet'],
    ['aws:us-east-1', 'gcp:us-central1'],
    ['aws:us-east-1', 'aws:us-east-2'],
    ['gcp:us-central1', 'internet'],
  ] as const;
  const out = [`name: plan-${variant}`, 'hours_per_month: 730', 'nodes:'];
  for (let i = 0; i < third; i++) {
    out.push(
      `  - name: n${i}`,
      '    provider: aws',
      '    region: us-east-1',
      `    instance: ${i % 2 ? 'g5.xlarge' : 'm7i.xlarge'}`,
      `    count: ${range(0, i, ((i + variant) % 7) + 1, true)}`,
      `    hours: ${100 + ((i * 37 + variant * 11) % 600)}`,
    );
  }
  out.push('storage:');
  for (let i = 0; i < third; i++) {
    out.push(`  - name: s${i}`, '    provider: aws', '    region: us-east-1', '    class: s3-standard', `    gb: ${range(1, i, 1000 * (1 + ((i + variant) % 90)))}`);
  }
  out.push('transfers:');
  for (let i = 0; i < lines - 2 * third; i++) {
    const [from, to] = pairs[(i + variant) % pairs.length]!;
    out.push(`  - name: t${i}`, `    from: ${from}`, `    to: ${to}`, `    gb_per_month: ${range(2, i, 100 * (1 + ((i * 7 + variant) % 50)))}`);
  }
  const file = join(DIR, `plan-${lines}-${ranged}-${variant}.yaml`);
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const sink = () => new Writable({ write: (_c, _e, done) => done() });
const io = () => ({ stdout: sink(), stderr: sink() }) as never;

/** One estimate() of the file's point plan, ms (the baseline the sampled figures are ratios to). */
export function estimateOnce(file: string): number {
  const p = projectFile(file);
  const t = process.hrtime.bigint();
  estimate(p.loaded.scenario, p.book);
  return ms(t);
}

/** Monte Carlo of the file's ranges, `samples` samples, ms (the plan loaded and priced beforehand). */
export function monteCarloOnce(file: string, samples: number): number {
  const p = projectFile(file);
  if (p.loaded.uncertain.length === 0) throw new Error(`${file} has no ranges`);
  const t = process.hrtime.bigint();
  monteCarlo(p.loaded.scenario, p.loaded.uncertain, p.book, { samples });
  return ms(t);
}

/** `tollgate compare FILES --format json`, in process, ms. */
export function compareOnce(files: string[], samples: number): number {
  const t = process.hrtime.bigint();
  compareVerb({ values: { format: 'json', samples: String(samples) }, positionals: files }, io());
  return ms(t);
}

/** `tollgate breakeven A B --vary PATH`, in process, ms. */
export function breakevenOnce(a: string, b: string, vary: string): number {
  const t = process.hrtime.bigint();
  breakevenVerb({ values: { format: 'json', vary }, positionals: [a, b] }, io());
  return ms(t);
}
