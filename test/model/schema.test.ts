import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/model/scenario-json-schema.js';
import { PROVIDERS } from '../../src/model/scenario.js';
import { loadPricingBook } from '../../src/pricing/load.js';
import { REPO } from '../helpers.js';
import { tollgate } from '../cli-run.js';

type Node = { description?: string; properties?: Record<string, Node>; items?: Node; enum?: string[]; examples?: string[]; allOf?: unknown[]; type?: string };
const tables = Object.values(loadPricingBook(PROVIDERS, []).tables);
const schema = scenarioJsonSchema(tables) as Node & { additionalProperties: boolean };
const item = (key: string) => schema.properties![key]!.items!;

describe('scenarios/schema.json', () => {
  it('is in sync with the zod schema and the bundled catalog (regenerate: npm run schema)', () => {
    const onDisk = JSON.parse(readFileSync(join(REPO, 'scenarios', 'schema.json'), 'utf8'));
    expect(onDisk).toEqual(scenarioJsonSchema(tables));
  });

  it('describes numbers as numbers and rejects unknown keys, as the loader does', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema.properties!.hours_per_month)).toContain('"number"');
    expect(Object.keys(schema.properties!)).toEqual(expect.arrayContaining(['name', 'nodes', 'storage', 'transfers', 'budget', 'pricing']));
  });

  it('describes every key (add a line to src/model/scenario-key-docs.ts for a new one)', () => {
    const missing: string[] = [];
    const walk = (node: Node, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description) missing.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
      }
      if (node.items) walk(node.items, `${path}*.`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('offers the catalog: instance types, regions and storage classes, narrowed per provider', () => {
    const nodes = item('nodes').properties!;
    expect(nodes.provider!.enum).toEqual(['aws', 'gcp', 'azure']);
    expect(nodes.purchase!.enum).toEqual(expect.arrayContaining(['on-demand', 'spot']));
    expect(nodes.instance!.enum).toEqual(expect.arrayContaining(['p5.48xlarge', 'a3-highgpu-8g', 'Standard_ND96isr_H100_v5']));
    expect(nodes.region!.enum).toEqual(expect.arrayContaining(['us-east-1', 'us-central1', 'eastus']));
    expect(item('storage').properties!.class!.enum).toEqual(expect.arrayContaining(['fsx-lustre-persistent-2-125', 'gcs-nearline', 'gcs-standard', 's3-standard', 's3-standard-ia']));
    const gcp = (item('nodes').allOf as { if: { properties: { provider: { const: string } } }; then: { properties: { instance: { enum: string[] } } } }[]).find(
      (b) => b.if.properties.provider.const === 'gcp',
    )!;
    expect(gcp.then.properties.instance.enum).toContain('a3-highgpu-8g');
    expect(gcp.then.properties.instance.enum).not.toContain('p5.48xlarge');
    expect(item('transfers').properties!.from!.examples).toEqual(expect.arrayContaining(['aws:us-east-1', 'gcp:us-central1', 'internet', 'on-prem']));
  });

  it('every bundled example validates against it: no enum refuses what the loader accepts', () => {
    const nodes = item('nodes').properties!;
    for (const f of ['recsys-feature-store', 'single-cloud-training', 'azure-training', 'cross-region-replication']) {
      const text = readFileSync(join(REPO, 'scenarios', `${f}.yaml`), 'utf8');
      for (const m of text.matchAll(/^\s+instance: (\S+)/gm)) expect(nodes.instance!.enum, `${f}: ${m[1]}`).toContain(m[1]);
    }
  });

  it('tollgate schema prints it', async () => {
    const r = await tollgate(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(REPO, 'scenarios', 'schema.json'), 'utf8')));
  });
});
