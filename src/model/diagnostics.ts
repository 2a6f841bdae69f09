import { isAbsolute, relative } from 'node:path';

export interface Position {
  line: number;
  col: number;
}

/** One problem with something the user wrote, located in their file. */
export interface Diagnostic {
  file: string;
  position?: Position;
  message: string;
  suggestion?: string;
}

/** Past this many, a run of errors is cut short: the first ones are what the user fixes first. */
export const SHOWN = 20;

/** Invalid input: reported as `file:line:col: message`, exit code 2, never a stack trace. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const more = diagnostics.length - SHOWN;
    super([...diagnostics.slice(0, SHOWN).map((d) => formatDiagnostic(d)), ...(more > 0 ? [`… and ${more} more errors`] : [])].join('\n'));
    this.name = 'InputError';
  }
}

/** `file:line:col: error: …` (or `warning:` for a plan that is valid but likely not what was meant), with its hint. */
export function formatDiagnostic(d: Diagnostic, severity: 'error' | 'warning' = 'error'): string {
  const where = d.position ? `${d.file}:${d.position.line}:${d.position.col}` : d.file;
  const hint = d.suggestion ? `\n  hint: ${d.suggestion}` : '';
  return `${where}: ${severity}: ${d.message}${hint}`;
}

/** A path as the user would write it: relative to where they ran tollgate, when it is below there. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
