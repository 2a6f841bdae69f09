// Re-runs every ```console example in README.md and docs/ and writes what each command
// prints today under it (npm run docs). test/docs.test.ts checks the same blocks.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { docFiles, findBlocks, render, runSteps, steps, where } from './docs/blocks.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
for (const file of docFiles(repo)) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // Bottom-up, so a block's new length does not move the ones above it.
  const blocks = findBlocks(file, text).filter((b) => b.kind === 'console').reverse();
  for (const block of blocks) {
    const list = steps(block);
    const results = await runSteps(repo, list);
    lines.splice(block.line + 1, block.body.length, ...render(list, results.map((r) => r.output)));
    console.log(`${where(repo, block)}: ${list.length} command(s)`);
  }
  const next = lines.join('\n');
  if (next !== text) writeFileSync(file, next);
}
