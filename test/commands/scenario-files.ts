import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Write scenario texts into a fresh temporary folder; returns their paths. */
export function scenarioFiles(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const path = join(dir, `${name}.yaml`);
      writeFileSync(path, text);
      return [name, path];
    }),
  );
}
