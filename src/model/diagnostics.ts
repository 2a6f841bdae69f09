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

/** Invalid input: reported as `file:line:col: message`, exit code 2, never a stack trace. */
/** Past this many, a run of errors is cut short: the first ones are what the user fixes first. */
export const SHOWN = 20;

export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const more = diagnostics.length - SHOWN;
    super([...diagnostics.slice(0, SHOWN).map(formatDiagnostic), ...(more > 0 ? [`… and ${more} more errors`] : [])].join('\n'));
    this.name = 'InputError';
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.position ? `${d.file}:${d.position.line}:${d.position.col}` : d.file;
  const hint = d.suggestion ? `\n  hint: ${d.suggestion}` : '';
  return `${where}: error: ${d.message}${hint}`;
}
