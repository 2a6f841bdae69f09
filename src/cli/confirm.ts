import { createInterface } from 'node:readline';
import type { Io } from './verb.js';

/** A yes/no question on the terminal; without one (a pipe, CI) the answer is no, so nothing is overwritten unasked. */
export async function confirm(io: Io, question: string): Promise<boolean> {
  if (io.stdin.isTTY !== true) return false;
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
