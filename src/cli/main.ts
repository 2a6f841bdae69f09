import { parseArgs } from 'node:util';
import { InputError } from '../model/diagnostics.js';
import { didYouMean } from '../model/suggest.js';
import { FORMATS, helpFor, KNOWN_VERBS, type Format } from './help.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdinIsTTY: boolean;
  version: string;
}

export const EXIT = { ok: 0, internal: 1, input: 2, budget: 3, variance: 4, interrupted: 130 } as const;

class UsageError extends Error {
  constructor(
    message: string,
    readonly verb?: string,
  ) {
    super(message);
  }
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'table';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  const hint = didYouMean(value, FORMATS);
  throw new UsageError(`unknown --format ${JSON.stringify(value)}${hint ? `; ${hint}` : ''} (one of ${FORMATS.join(', ')})`);
}

const OPTIONS = {
  format: { type: 'string' },
  pricing: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Parse and dispatch; every failure becomes an exit code, never a stack trace for bad input. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let verb = 'open';
  let rest = [...argv];
  const verbGiven = rest[0] !== undefined && !rest[0].startsWith('-') && !/\.ya?ml$/i.test(rest[0]);
  if (verbGiven) {
    verb = rest[0]!;
    rest = rest.slice(1);
  }
  try {
    if (!KNOWN_VERBS.includes(verb)) {
      const hint = didYouMean(verb, KNOWN_VERBS);
      throw new UsageError(`unknown verb ${JSON.stringify(verb)}${hint ? `; ${hint}` : ''}`);
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message, verb);
    }
    const { values, positionals } = parsed;
    if (values.version) {
      io.stdout.write(`${io.version}\n`);
      return EXIT.ok;
    }
    if (values.help) {
      io.stdout.write(helpFor(verbGiven ? verb : undefined));
      return EXIT.ok;
    }
    const format = parseFormat(values.format);
    const pricing = values.pricing ?? [];
    switch (verb) {
      case 'estimate': {
        if (positionals.length === 0) throw new UsageError('estimate needs at least one SCENARIO file', verb);
        const { runEstimate } = await import('../commands/estimate.js');
        io.stdout.write(runEstimate(positionals, { format, pricing }));
        return EXIT.ok;
      }
      case 'open': {
        const files = positionals.length ? positionals : ['scenarios/recsys-feature-store.yaml'];
        const { runEstimate } = await import('../commands/estimate.js');
        io.stdout.write(runEstimate(files, { format, pricing }));
        return EXIT.ok;
      }
    }
    return EXIT.internal;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`${e.message}\n`);
      return EXIT.input;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`tollgate: ${e.message}\nRun 'tollgate ${e.verb ? `${e.verb} ` : ''}--help' for usage.\n`);
      return EXIT.input;
    }
    io.stderr.write(`tollgate: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.TOLLGATE_DEBUG) io.stderr.write(`${(e as Error)?.stack}\n`);
    else io.stderr.write('This is a bug in tollgate; run again with TOLLGATE_DEBUG=1 for details.\n');
    return EXIT.internal;
  }
}
