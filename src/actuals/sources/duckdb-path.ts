/**
 * A file name as DuckDB must be given it to read that one file. DuckDB reads
 * `*`, `?` and `[` in any path as a glob, so `bill*.csv` would also read its
 * neighbour `bill-2.csv` and double the total; each of them inside brackets
 * (`[*]`, `[?]`, `[[]`) matches only itself. Patterns the user asked for
 * (a glob given on purpose) are passed as written, not through this.
 */
export function literalPath(file: string): string {
  return file.replace(/[*?[]/g, (c) => `[${c}]`);
}
