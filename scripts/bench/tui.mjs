// Issue 4 figures: the session's first frame, and keystroke to frame on a 500-line scenario.
import { spawn } from 'node:child_process';
import { ROOT, fmt, loadDriver, median, percentile, ratio } from './lib.mjs';

/**
 * Milliseconds until `marker` appears on a pseudo-terminal running `command`
 * (util-linux `script` provides the terminal); without a marker, until it exits.
 */
function ptyTime(command, marker) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const env = { ...process.env, CI: '', CONTINUOUS_INTEGRATION: '' };
    delete env.CI;
    delete env.CONTINUOUS_INTEGRATION;
    // A pty made without a terminal behind it is 0x0; give it the size the issue names.
    const child = spawn('script', ['-qfec', `stty cols 80 rows 24; ${command}`, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
    let seen = '';
    let framed; // ms to the first frame; resolved once the session has quit, so runs never overlap
    const elapsed = () => Number(process.hrtime.bigint() - t) / 1e6;
    child.stdin.on('error', () => {}); // the session may be gone before its quit key lands
    child.stdout.on('data', (d) => {
      seen += d;
      if (marker && framed === undefined && seen.includes(marker)) {
        framed = elapsed();
        // Keys sent before Ink switches the terminal to raw mode are only echoed; wait for it.
        setTimeout(() => child.stdin.write('q'), 150);
        setTimeout(() => child.kill(), 2000).unref();
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (!marker) resolve(elapsed());
      else if (framed !== undefined) resolve(framed);
      else reject(new Error(`no frame with ${marker}:\n${seen}`));
    });
    // A session that never draws must fail the bench, not hang it.
    setTimeout(() => child.kill(), 10_000).unref();
  });
}

async function medianPty(command, marker, runs = 9) {
  const times = [];
  for (let i = 0; i < runs + 1; i++) times.push(await ptyTime(command, marker));
  return median(times.slice(1)); // the first run warms the file cache
}

export default async function () {
  const node = process.execPath;
  // Both sides pay for `script` and a shell; that overhead is measured and taken off both.
  const wrapper = await medianPty('true');
  const bare = (await medianPty(`${node} -e 0`)) - wrapper;
  const frame = (await medianPty(`${node} bin/tollgate.js open scenarios/recsys-feature-store.yaml`, 'TOTAL per month')) - wrapper;
  console.log(`open first frame: ${fmt(frame)} = ${ratio(frame, bare)} node -e 0 (${fmt(bare)}); target <= 3x`);

  const tui = await loadDriver('tui', { asShipped: true });
  const floor = (await tui.minimalFrameLatencies(60)).slice(5);
  const floorP95 = percentile(floor, 95);
  console.log(`keystroke to frame, a minimal Ink app: median ${fmt(median(floor))}, p95 ${fmt(floorP95)} (the baseline below)`);
  for (const [lines, target] of [
    [500, 16],
    [2000, 33],
  ]) {
    const file = tui.generatedScenarioFile(lines);
    const recompute = tui.recomputeTimes(file, 200).slice(20);
    const frames = (await tui.frameLatencies(file, 60)).slice(5);
    const what = `${lines.toLocaleString('en-US')} lines`;
    console.log(`keystroke recompute, ${what}: median ${fmt(median(recompute))}, p95 ${fmt(percentile(recompute, 95))}`);
    const p95 = percentile(frames, 95);
    console.log(`keystroke to frame, ${what}: median ${fmt(median(frames))}, p95 ${fmt(p95)} = ${ratio(p95, floorP95)} the minimal app's p95; target p95 <= ${target} ms`);
  }
}
