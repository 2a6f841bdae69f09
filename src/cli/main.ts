import { parseArgs } from 'node:util';
import { InputError } from '../model/diagnostics.js';
import { ServiceError } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { anySettings } from '../config/files.js';
import { redacting } from '../redact.js';
import { WriteError } from '../write-atomic.js';
import { toOutFile } from './out-file.js';
import { EXIT, UsageError, stringOption, type Io, type Verb } from './verb.js';
import { VERBS } from './verbs.js';

export { EXIT, type Io };

function generalHelp(): string {
  const verbs = VERBS.map((v) => `  ${v.name.padEnd(10)} ${v.summary}`).join('\n');
  return `tollgate: what will this ML plan cost per month, egress included?

usage: tollgate [VERB] [SCENARIO...] [options]

verbs:
${verbs}

  -h, --help     help (tollgate VERB --help for a verb's options)
  --version      print the version

exit codes: 0 ok · 1 internal error · 2 invalid input · 3 budget exceeded ·
            4 actuals variance over threshold · 130 interrupted
`;
}

/** Parse and dispatch; every failure becomes an exit code, never a stack trace for bad input. */
export async function main(argv: readonly string[], given: Io): Promise<number> {
  // Every message, warning and progress line goes to stderr: no credential gets through it.
  const io: Io = { ...given, stderr: redacting(given.stderr) };
  const first = argv[0];
  const verbGiven = first !== undefined && !first.startsWith('-') && !/\.ya?ml$/i.test(first);
  const verbName = verbGiven ? first : 'open';
  const rest = verbGiven ? argv.slice(1) : [...argv];
  let verb: Verb | undefined;
  let origins: Record<string, string> = {};
  let parsedPositionals: string[] = [];
  try {
    verb = VERBS.find((v) => v.name === verbName);
    if (!verb) {
      const hint = didYouMean(verbName, VERBS.map((v) => v.name));
      throw new UsageError(`unknown verb ${JSON.stringify(verbName)}${hint ? `; ${hint}` : ''}`);
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...verb.options, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (parsed.values.version) {
      io.stdout.write(`${io.version}\n`);
      return EXIT.ok;
    }
    if (parsed.values.help) {
      io.stdout.write(verbGiven ? verb.usage : generalHelp());
      return EXIT.ok;
    }
    parsedPositionals = parsed.positionals;
    const args = { values: parsed.values, positionals: parsed.positionals };
    if (anySettings(process.cwd(), process.env)) {
      const { settingsFor } = await import('../config/apply.js');
      origins = await settingsFor(verb, args, process.cwd(), process.env);
    }
    const impl = await verb.load();
    const outFile = 'out-file' in verb.options ? stringOption(args, 'out-file') : undefined;
    if (outFile !== undefined) return await toOutFile(outFile, io, async (toFile) => impl.run(args, toFile));
    return await impl.run(args, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`${e.message}\n`);
      return EXIT.input;
    }
    if (e instanceof WriteError) {
      io.stderr.write(`tollgate: ${e.message}\n`);
      return EXIT.internal;
    }
    if (e instanceof ServiceError) {
      // A billing or pricing API failed: clear a progress line first, name the verb (and subcommand).
      const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
      const during = verb?.nested && parsedPositionals[0] ? `${verbName} ${parsedPositionals[0]}` : verbName;
      io.stderr.write(`${tty ? '\r\x1b[K' : ''}tollgate: ${during}: ${e.message}\n`);
      return EXIT.internal;
    }
    if (e instanceof UsageError) {
      const helpCmd = verb && verbGiven ? `tollgate ${verb.name} --help` : 'tollgate --help';
      const from = Object.keys(origins).find((o) => e.message.includes(`--${o}`));
      const set = from ? ` (--${from} set by ${origins[from]})` : '';
      io.stderr.write(`tollgate: ${e.message}${set}\nRun '${helpCmd}' for usage.\n`);
      return EXIT.input;
    }
    io.stderr.write(`tollgate: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.TOLLGATE_DEBUG) io.stderr.write(`${(e as Error)?.stack}\n`);
    else io.stderr.write('This is a bug in tollgate; run again with TOLLGATE_DEBUG=1 for details.\n');
    return EXIT.internal;
  }
}
