// Bench driver: the interactive session on a generated 500-line scenario,
// recompute alone (the reducer) and keystroke to written frame (Ink on a stand-in TTY).
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement, useState } from 'react';
import { render, Text, useInput } from 'ink';
import { loadDoc } from '../../../src/tui/load.js';
import { renderSession, type Terminal } from '../../../src/tui/run.js';
import { initialSession, reduce, type Session } from '../../../src/tui/state.js';

/** A scenario file with `lines` priced lines: a third node groups, a third storage, a third transfers. */
export function generatedScenarioFile(lines: number): string {
  const third = Math.floor(lines / 3);
  const pairs = [
    ['aws:us-east-1', 'aws:us-east-2'],
    ['aws:us-east-1', 'gcp:us-central1'],
    ['aws:us-east-1', 'internet'],
    ['gcp:us-central1', 'internet'],
    ['on-prem', 'aws:us-east-1'],
  ];
  const out = ['# generated for the session benchmark', 'name: generated', 'hours_per_month: 730', 'nodes:'];
  for (let i = 0; i < third; i++) {
    out.push(`  - name: n${i}`, '    provider: aws', '    region: us-east-1', `    instance: ${i % 2 ? 'g5.xlarge' : 'm7i.xlarge'}`, `    count: ${(i % 7) + 1}`, `    hours: ${100 + (i % 600)}`);
  }
  out.push('storage:');
  for (let i = 0; i < third; i++) {
    out.push(`  - name: s${i}`, '    provider: aws', '    region: us-east-1', '    class: s3-standard', `    gb: ${10 + i}`);
  }
  out.push('transfers:');
  for (let i = 0; i < lines - 2 * third; i++) {
    const [from, to] = pairs[i % pairs.length]!;
    out.push(`  - name: t${i}`, `    from: ${from}`, `    to: ${to}`, `    gb_per_month: ${1 + (i % 500)}`);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'tollgate-bench-')), 'generated.yaml');
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

const SIZE = { cols: 100, rows: 30 };

/** Milliseconds per reducer step (+ then -, on the first node group): the recompute a keystroke costs. */
export function recomputeTimes(file: string, runs: number): number[] {
  let s: Session = initialSession([loadDoc(file)], SIZE);
  if (s.docs[0]!.current.estimate.lines.length < 500) throw new Error('the generated scenario priced fewer than 500 lines');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    s = reduce(s, { type: 'step', by: i % 2 ? -1 : 1 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times;
}

/** Just enough of a TTY for Ink: raw-mode stdin fed by hand, stdout that reports each frame written. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  private pending: string | null = null;
  press(data: string) {
    this.pending = data;
    this.emit('readable');
  }
  read() {
    const data = this.pending;
    this.pending = null;
    return data;
  }
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = SIZE.cols;
  rows = SIZE.rows;
  onFrame?: () => void;
  write(_chunk: string) {
    this.onFrame?.();
    return true;
  }
}

/** Milliseconds from a keypress to Ink writing the changed frame, one key at a time. */
export async function frameLatencies(file: string, keys: number): Promise<number[]> {
  return keyToFrame(keys, (term) => renderSession([loadDoc(file)], term, {}));
}

/** The floor for the same measurement: an Ink app that counts keys and shows the count. */
export async function minimalFrameLatencies(keys: number): Promise<number[]> {
  function Counter() {
    const [n, setN] = useState(0);
    useInput(() => setN((x) => x + 1));
    return createElement(Text, null, `keys: ${n}`);
  }
  return keyToFrame(keys, (term) => render(createElement(Counter), { ...term, exitOnCtrlC: false, patchConsole: false, maxFps: 60 }));
}

async function keyToFrame(keys: number, start: (term: Terminal) => { unmount: () => void }): Promise<number[]> {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const app = start({ stdout, stdin, stderr: stdout } as unknown as Terminal);
  await new Promise((r) => setTimeout(r, 100));
  const times: number[] = [];
  for (let i = 0; i < keys; i++) {
    const written = new Promise<void>((resolve) => (stdout.onFrame = resolve));
    const t = process.hrtime.bigint();
    stdin.press(i % 2 ? '-' : '+');
    await written;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    stdout.onFrame = undefined;
    // Past Ink's frame throttle, so every key is measured on its own.
    await new Promise((r) => setTimeout(r, 25));
  }
  app.unmount();
  return times;
}
