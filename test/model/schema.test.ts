import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/model/scenario-json-schema.js';
import { REPO } from '../helpers.js';

describe('scenarios/schema.json', () => {
  it('is in sync with the zod schema (regenerate: npm run schema)', () => {
    const onDisk = JSON.parse(readFileSync(join(REPO, 'scenarios', 'schema.json'), 'utf8'));
    expect(onDisk).toEqual(scenarioJsonSchema());
  });

  it('describes numbers as numbers and rejects unknown keys, as the loader does', () => {
    const schema = scenarioJsonSchema() as { additionalProperties: boolean; properties: Record<string, { type?: string }> };
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema.properties.hours_per_month)).toContain('"number"');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'nodes', 'storage', 'transfers', 'budget', 'pricing']));
  });
});
