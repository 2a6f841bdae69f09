/** The cells of CSV text as csv-stringify writes it (quoted cells may hold commas; none hold newlines). */
export function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"(.*)"$/, '$1').replace(/""/g, '"')));
}
