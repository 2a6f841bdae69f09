import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** Run the CLI in-process (no build needed; no TTY unless asked), collecting what it prints. */
export async function runMain(argv: string[], opts: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    return { stream, text: () => text };
  };
  const out = collect();
  const err = collect();
  // A terminal on stderr is where progress is shown.
  if (opts.tty) Object.assign(err.stream, { isTTY: true });
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), version: 'test' });
  return { code, stdout: out.text(), stderr: err.text() };
}
