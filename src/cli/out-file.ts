import { Writable } from 'node:stream';
import { writeAtomic } from '../write-atomic.js';
import type { Io } from './verb.js';

/** The option every report verb takes. */
export const OUT_FILE_OPTION = { 'out-file': { type: 'string' } } as const;

export const OUT_FILE_USAGE = '  --out-file FILE   write the report to FILE, atomically, not to stdout\n';

/**
 * Runs a verb with its stdout collected, then writes what it printed to `file`
 * in one atomic step, whatever the exit code (a budget or variance report is
 * still the report); an error before that leaves the file as it was.
 */
export async function toOutFile(file: string, io: Io, run: (io: Io) => Promise<number>): Promise<number> {
  const chunks: Buffer[] = [];
  const stdout = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const code = await run({ ...io, stdout });
  writeAtomic(file, Buffer.concat(chunks).toString('utf8'));
  io.stderr.write(`wrote ${file}\n`);
  return code;
}
