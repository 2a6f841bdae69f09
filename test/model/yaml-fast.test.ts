import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/decimal.js';
import { fullParse, parseYamlSource } from '../../src/model/yaml-source.js';
import { REPO } from '../helpers.js';

/** Data as comparable text: Decimals by their digits and kind, so 4 and "4" differ. */
const canonical = (v: unknown): unknown => {
  if (Decimal.isDecimal(v)) return { decimal: (v as Decimal).toString() };
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
};
const fast = (text: string) => {
  try {
    return { data: canonical(parseYamlSource(text, 'f.yaml').data) };
  } catch (e) {
    return { error: (e as Error).message };
  }
};
const full = (text: string) => {
  try {
    return { data: canonical(fullParse(text, 'f.yaml').data) };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

const files = (dir: string) =>
  readdirSync(join(REPO, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(REPO, dir, f));

describe('the fast YAML path', () => {
  it('reads every bundled scenario and bad-input file as the full parse does (or fails as it does)', () => {
    const all = [...files('scenarios'), ...files('test/bad-input')];
    expect(all.length).toBeGreaterThan(40);
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      expect(fast(text), f).toEqual(full(text));
    }
  });

  it('takes numbers from their source text, as written, and leaves quoted ones text', () => {
    const text = 'a: 0.1\nb: 123456789012.1234567890123\nc: "4"\nd: 1e3\ne: 0x1F\nf: -0.000\ng: yes\nh: ~\ni: [1, 2.50]\n';
    expect(fast(text)).toEqual(full(text));
    expect((parseYamlSource(text, 'f.yaml').data as { b: Decimal }).b.toFixed()).toBe('123456789012.1234567890123');
  });

  it('agrees with the full parse on generated documents', () => {
    const scalar = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
      fc.constantFrom('true', 'False', 'null', '~', '', 'yes', 'on', '.inf', '-.Inf', '.nan', '0o17', '0x1f', '1_000', '1e3', '+1', '.5', '5.', '"quoted"', "'single'", '2026-12-01', 'a b', 'us-east-1'),
      fc.stringMatching(/^[a-z][a-z0-9:._-]{0,12}$/),
      // Plain numerals around the short-cut's 17-digit edges (and past 40 digits and 1e18).
      fc.stringMatching(/^[-+]?0*[0-9]{0,22}(\.[0-9]{0,22})?$/),
    );
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    const doc = fc.array(fc.tuple(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`))), { maxLength: 8 });
    fc.assert(
      fc.property(doc, (pairs) => {
        const text = pairs.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
        expect(fast(text)).toEqual(full(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds positions only when asked, from the full parse', () => {
    const source = parseYamlSource('name: x\nnodes:\n  - name: a\n    count: 4\n', 'f.yaml');
    expect(source.positions.get(JSON.stringify(['nodes', 0, 'count']))?.value).toEqual({ line: 4, col: 12 });
  });
});
