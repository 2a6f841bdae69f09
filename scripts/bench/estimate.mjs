// Issue 3 figures: CLI cold start and the pure engine on a 10,000-line scenario.
import { spawnSync } from 'node:child_process';
import { ROOT, fmt, loadDriver, median, ratio, timeProcess } from './lib.mjs';

export default async function () {
  const bare = timeProcess(['-e', '0']);
  const cold = timeProcess(['bin/tollgate.js', 'estimate', 'scenarios/recsys-feature-store.yaml', '--format', 'json']);
  console.log(`cold start  estimate --format json: ${fmt(cold)} = ${ratio(cold, bare)} node -e 0 (${fmt(bare)}); target <= 2.0x (issue 20; issue 12: <= 2.5x)`);

  const engine = await loadDriver('engine');
  const scenario = engine.generatedScenario(10_000);
  const runs = Array.from({ length: 12 }, () => engine.priceOnce(scenario)).slice(2);
  const base = median(Array.from({ length: 12 }, () => engine.bareDecimal(10_000)).slice(2));
  const ms = median(runs);
  console.log(`engine      10,000-line projection:   ${fmt(ms)} = ${ratio(ms, base)} a bare Decimal multiply-add per line (${fmt(base)}); target <= 50 ms`);
  await large();
}

/** Wall time (ms) and peak RSS (MB) of `tollgate estimate FILE --format json`, median of `runs`. */
function estimateProcess(file, runs) {
  const times = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', `${ROOT}scripts/bench/peak-rss.cjs`, 'bin/tollgate.js', 'estimate', file, '--format', 'json'], {
      cwd: ROOT,
      // A 100k-line plan is ~9 MB, past the 5 MB a scenario may be by default.
      env: { ...process.env, TOLLGATE_MAX_FILE_SIZE: '200MB' },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 26,
    });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`estimate ${file} exited ${r.status}: ${r.stderr}`);
    rss.push(Number(/peak-rss-kb (\d+)/.exec(String(r.stderr))[1]) / 1024);
  }
  return { ms: median(times), mb: median(rss) };
}

// Issue 20: a large scenario file priced end to end (read, validated, priced, written as JSON); 1.00x is linear in lines.
async function large() {
  const plans = await loadDriver('plans');
  const small = estimateProcess(plans.planFile(10_000, 0), 3);
  const big = estimateProcess(plans.planFile(100_000, 0), 3);
  console.log(
    `estimate 100,000-line scenario --format json: ${fmt(big.ms)}, peak RSS ${big.mb.toFixed(0)} MB = ${ratio(big.ms, 10 * small.ms)} ten times the 10,000-line file (${fmt(small.ms)}, ${small.mb.toFixed(0)} MB); target <= 5 s, <= 800 MB`,
  );
}
