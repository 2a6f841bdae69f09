import { DuckDBInstance } from '@duckdb/node-api';

/** Run SQL in a throwaway in-memory DuckDB (writing fixtures: COPY … TO), rows back as text. */
export async function duck(query: string): Promise<Record<string, string>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`SET TimeZone = 'UTC'`);
    return (await c.runAndReadAll(query)).getRowObjectsJson().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
