import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { Decimal } from '../../src/model/decimal.js';
import { money } from '../../src/model/numbers.js';
import { tollgate } from '../cli-run.js';
import { REPO } from '../helpers.js';
import { CHROMIUM, launchChromium } from './browser.js';

const EXAMPLES = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`);
// TOLLGATE_SCREENSHOTS=DIR keeps the reports and their screenshots to look at.
const out = process.env.TOLLGATE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'tollgate-html-'));
if (!CHROMIUM) console.warn('skipping the HTML report browser test: no chromium (apt-get install chromium; .ci/run installs it)');

interface Rendered {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  screenshot: string;
}

describe.skipIf(!CHROMIUM)('HTML reports in headless Chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await launchChromium();
  }, 60000);
  afterAll(async () => {
    await context?.close();
  });

  /** Write the report, open it from disk, and record every console error and every request besides the file itself. */
  async function render(name: string, html: string): Promise<Rendered> {
    const file = join(out, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => r.url() !== url && requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    const screenshot = join(out, `${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    return { page, consoleErrors, requests, screenshot };
  }

  async function json(args: string[]) {
    const r = await tollgate([...args, '--format', 'json']);
    return JSON.parse(r.stdout);
  }

  async function html(args: string[], code = 0) {
    const r = await tollgate([...args, '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    return r.stdout;
  }

  const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => [e.getAttribute('data-exact'), e.textContent?.trim()]));

  it.each(EXAMPLES)('estimate %s: totals as in the JSON, every category, no console error, no request', async (scenario) => {
    const expected = await json(['estimate', scenario]);
    const r = await render(`estimate-${scenario.replace(/\W/g, '_')}`, await html(['estimate', scenario]));
    const total = await texts(r.page, '[data-figure=total]');
    expect(total).toEqual([[expected.totals.total, money(new Decimal(expected.totals.total))]]);
    const categories = [...new Set(expected.lines.map((l: { category: string }) => l.category))] as string[];
    const shown = await texts(r.page, 'tr[data-category] td.num');
    expect(shown).toEqual(
      ['compute', 'storage', 'egress', 'ingress', 'network'].filter((c) => categories.includes(c)).map((c) => [expected.totals[c], money(new Decimal(expected.totals[c]))]),
    );
    for (const l of expected.lines) expect(await r.page.locator('section.report').textContent()).toContain(l.name);
    for (const a of expected.assumptions) expect(await r.page.locator('ul.assumptions').innerText()).toContain(a);
    expect(r.consoleErrors).toEqual([]);
    expect(r.requests).toEqual([]);
    await r.page.close();
  });

  it('estimate: egress tiers per provider, and the tornado for a ranged plan', async () => {
    const r = await render('estimate-tiers-tornado', await html(['estimate', 'scenarios/recsys-feature-store.yaml', 'scenarios/feature-store-read-nightly.yaml']));
    const recsys = r.page.locator('section[data-scenario="recsys-feature-store"]');
    expect(await recsys.locator('.tiers').evaluateAll((els) => els.map((e) => e.getAttribute('data-provider')))).toEqual(['aws', 'gcp']);
    expect(await recsys.locator('.tiers[data-provider=gcp] td').allInnerTexts()).toContain('$0.12');
    const ranged = r.page.locator('section[data-scenario="feature-store-read-nightly"]');
    const tornado = ranged.locator('svg[aria-label^=tornado] rect');
    expect(await tornado.count()).toBeGreaterThan(1);
    // Every input's bar has a width: each range moves the total.
    const widths = await tornado.evaluateAll((els) => els.map((e) => Number(e.getAttribute('width'))));
    expect(Math.max(...widths)).toBeGreaterThan(100);
    expect(await recsys.locator('svg[aria-label^=tornado]').count()).toBe(0);
    expect(r.consoleErrors).toEqual([]);
    expect(r.requests).toEqual([]);
    await r.page.close();
  });

  it('compare: every plan total as in the JSON, categories, cheapest', async () => {
    const args = ['compare', 'scenarios/feature-store-replicated.yaml', 'scenarios/feature-store-read-nightly.yaml', 'scenarios/recsys-feature-store.yaml'];
    const expected = await json(args);
    const r = await render('compare', await html(args));
    const totals = await r.page.$$eval('[data-figure=total]', (els) =>
      els.map((e) => ({ scenario: e.getAttribute('data-scenario'), exact: e.getAttribute('data-exact'), text: e.textContent, cheapest: !!e.querySelector('.cheapest') })),
    );
    expect(totals).toEqual(
      expected.scenarios.map((s: { scenario: string; total: string }) => ({
        scenario: s.scenario,
        exact: s.total,
        text: expect.stringContaining(money(new Decimal(s.total))),
        cheapest: s.scenario === expected.cheapest,
      })),
    );
    const categories = await r.page.$$eval('[data-category]', (els) => els.map((e) => e.getAttribute('data-category')));
    expect(categories).toEqual(Object.keys(expected.categories));
    expect(r.consoleErrors).toEqual([]);
    expect(r.requests).toEqual([]);
    await r.page.close();
  });

  it('actuals: projected and actual totals as in the JSON, every category, spend per day', async () => {
    const args = ['actuals', 'scenarios/recsys-feature-store.yaml', '--month', '2026-10', '--source', 'sample'];
    const expected = await json(args);
    const r = await render('actuals', await html(args, 4));
    for (const figure of ['projected', 'actual'] as const) {
      expect(await texts(r.page, `[data-figure=${figure}]`)).toEqual([[expected.total[figure], money(new Decimal(expected.total[figure]))]]);
    }
    const categories = await r.page.$$eval('[data-category]', (els) => els.map((e) => e.getAttribute('data-category')));
    expect(categories).toEqual(expected.categories.map((c: { category: string }) => c.category));
    const days = await r.page.locator('svg[aria-label="spend per day"] rect').count();
    expect(days).toBe(expected.daily.length);
    expect(days).toBe(31);
    expect(r.consoleErrors).toEqual([]);
    expect(r.requests).toEqual([]);
    await r.page.close();
  });

  it('dark mode follows prefers-color-scheme; print is light whatever the scheme', async () => {
    const r = await render('estimate-dark', await html(['estimate', 'scenarios/recsys-feature-store.yaml']));
    const background = () => r.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await r.page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await r.page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(20, 23, 29)');
    await r.page.screenshot({ path: join(out, 'estimate-dark.png') });
    await r.page.emulateMedia({ colorScheme: 'dark', media: 'print' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await r.page.close();
  });
});
