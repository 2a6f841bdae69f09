import type { ParseArgsConfig } from 'node:util';

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
/** Formats only some verbs render (each verb lists them): a self-contained HTML report, GitHub Actions workflow commands. */
export type Format = (typeof FORMATS)[number] | 'html' | 'github-annotations';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  version: string;
}

export const EXIT = { ok: 0, internal: 1, input: 2, budget: 3, variance: 4, interrupted: 130 } as const;

// Bad arguments: reported with the verb's usage, exit code 2. Defined on the model floor so
// any layer parsing a flag's text throws the same class; the commands import it from here.
export { UsageError } from '../model/errors.js';

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** One CLI verb: its help, its options, and its implementation loaded only when it runs. */
export interface Verb {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Its positionals are scenario files: with none given, the config's `scenarios` globs name them. */
  takesScenarios?: boolean;
  /** The first positional names a subcommand (`pricing update`), named with the verb in failure messages. */
  nested?: boolean;
  load: () => Promise<{ run: (args: ParsedArgs, io: Io) => Promise<number> | number }>;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v.map(String) : [];
}
