import { copyFileSync, mkdtempSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCompiledTable, serializeTable } from '../src/pricing/compiled.js';
import { bundledPricingDir, readPricingFile } from '../src/pricing/load.js';

function compiledCopy(provider: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-compiled-'));
  const yaml = join(dir, `${provider}.yaml`);
  copyFileSync(join(bundledPricingDir(), `${provider}.yaml`), yaml);
  const json = join(dir, `${provider}.json`);
  writeFileSync(json, serializeTable(readPricingFile(yaml).table, yaml));
  return { yaml, json };
}

describe('precompiled bundled tables', () => {
  it.each(['aws', 'gcp', 'azure'])('%s compiles to exactly the table the YAML gives, Decimals and all', (provider) => {
    const { yaml, json } = compiledCopy(provider);
    const compiled = readCompiledTable(json, yaml);
    expect(compiled).toEqual(readPricingFile(yaml).table);
  });

  it('is ignored once the YAML is edited, so an edited table is never shadowed', () => {
    const { yaml, json } = compiledCopy('aws');
    appendFileSync(yaml, '\n# edited\n');
    expect(readCompiledTable(json, yaml)).toBeUndefined();
    const later = new Date(Date.now() + 5000);
    utimesSync(yaml, later, later);
    expect(readCompiledTable(json, yaml)).toBeUndefined();
  });

  it('is simply absent when not built', () => {
    const { yaml } = compiledCopy('aws');
    expect(readCompiledTable(join(tmpdir(), 'no-such.json'), yaml)).toBeUndefined();
  });
});
