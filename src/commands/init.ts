import { existsSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT, UsageError, stringOption, type Io, type ParsedArgs } from '../cli/verb.js';
import { PROVIDERS } from '../model/scenario.js';
import { AnswerError, scenarioYaml, type InitAnswers } from '../init/plan.js';
import { QUESTIONS } from '../init/questions.js';
import { bundledPricingDir, loadPricingBook } from '../pricing/load.js';
import { writeAtomic } from '../write-atomic.js';
import { projectFile } from '../projection.js';
import { money } from '../model/numbers.js';

const DEFAULT_FILE = 'plan.yaml';

class Interrupted extends Error {}

/** Asks one line on the terminal; Ctrl-C or end of input ends `init` without writing. */
function terminalAsker(io: Io) {
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
  let interrupted = false;
  rl.on('SIGINT', () => {
    interrupted = true;
    rl.close();
  });
  return {
    async ask(prompt: string, fallback: string | undefined): Promise<string> {
      const shown = fallback === undefined || fallback === '' ? '' : ` [${fallback}]`;
      try {
        const answer = (await rl.question(`${prompt}${shown}: `)).trim();
        return answer === '' ? (fallback ?? '') : answer;
      } catch {
        throw new Interrupted(interrupted ? 'interrupted' : 'input ended');
      }
    },
    close: () => rl.close(),
  };
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('init writes one FILE');
  const file = resolve(args.positionals[0] ?? DEFAULT_FILE);
  const shown = args.positionals[0] ?? DEFAULT_FILE;
  const tty = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const tables = loadPricingBook(PROVIDERS, []).tables;
  const asker = tty ? terminalAsker(io) : undefined;
  try {
    if (existsSync(file) && !args.values.force) {
      if (!asker) throw new UsageError(`${shown} exists; pass --force to overwrite it`);
      const yes = await asker.ask(`${shown} exists. Overwrite it? (y/N)`, 'n');
      if (!/^y(es)?$/i.test(yes)) {
        io.stdout.write(`left ${shown} as it was\n`);
        return EXIT.input;
      }
    }
    const draft: Partial<InitAnswers> = { name: nameFrom(file, stringOption(args, 'name')) };
    for (const q of QUESTIONS) {
      if (q.when && !q.when(draft)) continue;
      const flag = stringOption(args, q.flag);
      for (;;) {
        const fallback = q.fallback(draft, tables);
        const value = flag ?? (asker ? await asker.ask(q.prompt(draft, tables), fallback) : fallback);
        if (value === undefined) {
          if (!asker) throw new UsageError(`--${q.flag} is needed: ${q.prompt(draft, tables)}`);
          io.stdout.write('  an answer is needed\n');
          continue;
        }
        try {
          q.apply(value, draft, tables);
          break;
        } catch (e) {
          if (!(e instanceof AnswerError)) throw e;
          if (flag !== undefined || !asker) throw new UsageError(`--${q.flag}: ${e.message}`);
          io.stdout.write(`  ${e.message}\n`);
        }
      }
    }
    const schema = relative(dirname(file), resolve(bundledPricingDir(), '..', 'scenarios', 'schema.json'));
    let text: string;
    try {
      text = scenarioYaml(draft as InitAnswers, tables, schema);
    } catch (e) {
      if (e instanceof AnswerError) throw new UsageError(`--${e.field}: ${e.message}`);
      throw e;
    }
    writeAtomic(file, text);
    // Priced at once, so a plan init writes is one estimate accepts.
    const { estimate } = projectFile(file, []);
    io.stdout.write(`wrote ${shown}: ${money(estimate.totals.total)}/month projected\nnext: tollgate estimate ${shown}  (or tollgate open ${shown} to turn the knobs)\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof Interrupted) {
      io.stderr.write(`\ntollgate init: ${e.message}; nothing written\n`);
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    asker?.close();
  }
}

/** The scenario's name from the file's, made a valid name (letters, digits, . _ -). */
function nameFrom(file: string, given: string | undefined): string {
  const raw = given ?? basename(file, extname(file));
  const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned || 'plan';
}
