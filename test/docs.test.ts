import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles, expectedExit, findBlocks, render, runSteps, steps, trimEnd, where } from '../scripts/docs/blocks.js';
import { VERBS } from '../src/cli/verbs.js';
import { REPO } from './helpers.js';

/**
 * Every example in README.md and docs/ is run: a ```console block's output must be
 * what the command prints today (npm run docs rewrites them after a deliberate
 * change), a ```sh block's commands must exit as documented.
 */
const files = docFiles(REPO);
const blocks = files.flatMap((f) => findBlocks(f, readFileSync(f, 'utf8')));

describe.concurrent('documented commands', () => {
  for (const block of blocks.filter((b) => b.kind === 'console')) {
    it(`${where(REPO, block)} prints what it shows`, async () => {
      const list = steps(block);
      const results = await runSteps(REPO, list);
      expect(render(list, results.map((r) => r.output)).join('\n')).toBe(trimEnd(block.body).join('\n'));
    }, 120_000);
  }
  for (const block of blocks.filter((b) => b.kind === 'sh' && steps(b).length)) {
    it(`${where(REPO, block)} runs as documented`, async () => {
      const list = steps(block);
      const results = await runSteps(REPO, list);
      expect(results.map((r, i) => `${list[i]!.command} → exit ${r.code}`)).toEqual(list.map((s) => `${s.command} → exit ${expectedExit(s.command)}`));
    }, 120_000);
  }
});

describe('the documentation', () => {
  it('keeps the README a front door: at most 300 lines, with the two set-up commands', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it("walks through the first scenario in the stages docs/examples/first-scenario/ holds", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const final = readFileSync(join(REPO, 'docs', 'examples', 'first-scenario', '4-budget.yaml'), 'utf8');
    const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(snippets.length).toBeGreaterThanOrEqual(4);
    for (const snippet of snippets) expect(final).toContain(snippet);
  });

  it('has a page per verb that shows its --help as it is', () => {
    for (const verb of VERBS) {
      const page = join(REPO, 'docs', `${verb.name}.md`);
      expect(existsSync(page), `docs/${verb.name}.md`).toBe(true);
      expect(readFileSync(page, 'utf8'), `docs/${verb.name}.md shows tollgate ${verb.name} --help`).toContain(`\n$ tollgate ${verb.name} --help\n`);
    }
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const dest = path ? join(dirname(file), path) : file;
        if (!existsSync(dest)) broken.push(`${relative(REPO, file)}: ${target} (no such file)`);
        else if (anchor && dest.endsWith('.md') && !anchors(readFileSync(dest, 'utf8')).has(anchor)) broken.push(`${relative(REPO, file)}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** The ids GitHub gives a page's headings. */
function anchors(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const base = m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n ? `${base}-${n}` : base);
  }
  return ids;
}
