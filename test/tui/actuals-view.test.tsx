import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { loadDoc } from '../../src/tui/load.js';
import { defaultActualsSetup, initialSession, type Session } from '../../src/tui/state.js';
import { Decimal } from '../../src/model/decimal.js';
import { month, october, startCostExplorer, type GroupRow } from '../actuals/ce-server.js';
import { RECSYS } from './fixtures.js';
import { BACKSPACE, ESC, TAB, press, until as untilFrame, type Rendered } from './ink-driver.js';

let mounted: Rendered | undefined;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  mounted?.unmount();
  mounted = undefined;
  for (const c of cleanups.splice(0)) await c();
});


/** The bundled example as `tollgate open` starts it in December 2026; setup as --actuals-source / --month would give. */
function open(setup: Partial<Session['actualsSetup']> = {}, rows = 24): Rendered {
  const s = initialSession([loadDoc(RECSYS)], { cols: 80, rows }, { ...defaultActualsSetup(), lastMonth: '2026-11', ...setup });
  mounted = render(<App initial={s} colour={false} />);
  return mounted;
}

// DuckDB and the AWS SDK load on first use: the first fetch in a run can take a few seconds.
const until = (app: Rendered, test: (frame: string) => boolean, what: string) => untilFrame(app, test, what, 15_000);
const showing = (app: Rendered, text: string) => until(app, (f) => f.includes(text), JSON.stringify(text));

describe('the actuals view', () => {
  it('a offers the bundled sample for 2026-10, fetches it and shows projected vs actual, the daily sparkline and unplanned spend', async () => {
    const app = open();
    await showing(app, 'TOTAL per month');
    await press(app, 'a');
    let frame = await showing(app, 'Enter fetch');
    expect(frame).toMatch(/source\s+sample/);
    expect(frame).toMatch(/▸ month\s+2026-10█/);
    // Typed out as a person choosing them would, over what was offered.
    const erase = (n: number) => Array.from({ length: n }, () => BACKSPACE);
    await press(app, TAB, ...erase(6), ...'sample', TAB, ...erase(7), ...'2026-10');
    await until(app, (f) => /source\s+sample\n▸ month\s+2026-10█/.test(f), 'the typed source and month');
    await press(app, '\r');
    frame = await showing(app, 'unplanned spend (no projected line)');
    expect(frame).toContain('actuals 2026-10 · recsys-feature-store · against the saved plan');
    expect(frame).toMatch(/EGRESS\s+█+▓+\s+\$1,009\.02\s+\$1,175\.15\s+\+16\.5% ▲/);
    expect(frame).toMatch(/STORAGE .*\+13\.3% ▲/);
    expect(frame).toMatch(/COMPUTE\s+█+░\s+\$21,746\.49\s+\$20,973\.40\s+-3\.6%$/m);
    expect(frame).toMatch(/TOTAL .*\$23,262\.08\s+\$23,199\.36\s+-0\.3%/);
    expect(frame).toMatch(/daily 10-01…10-31 [▁▂▃▄▅▆▇█]{31} low \$[\d,.]+ · high \$[\d,.]+/);
    expect(frame).toMatch(/network\s+aws us-east-1 NatGateway-Bytes\s+\$425\.21/);
    expect(frame).toContain('credit -$1,000.00 · net billed $22,199.36');
    expect(frame).toContain('OVER: storage +13.3%, egress +16.5% past the 10% threshold');
    // The source's note, wrapped at a word into two lines of the 79 usable columns.
    expect(frame).toContain('\nnote: the sample bill is synthetic (scripts/generate-sample-bill.ts), a month\nof the bundled example only: not a real invoice\n');
    expect(frame).toMatch(/^INGRESS .*\$0\.00 +\$0\.00/m);
    expect(frame.split('\n').length).toBeLessThan(24);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await press(app, ESC);
    await showing(app, 'TOTAL per month');
  });

  it('compares the plan as edited, and says so', async () => {
    const app = open({ source: 'sample', month: '2026-10' });
    await showing(app, 'TOTAL per month');
    // Serving (6 nodes) is the second line; two fewer brings compute under the bill.
    await press(app, 'j', '-', '-', 'a');
    const frame = await showing(app, 'against the edited plan (not saved)');
    expect(frame).toMatch(/COMPUTE .*\$20,500\.20\s+\$20,973\.40\s+\+2\.3%/);
  });

  it('on a short terminal the unplanned list gives way, counting what it leaves out', async () => {
    // 21 rows: the report has an INGRESS row since the plan's $0 ingress line is shown too (issue 16).
    const app = open({ source: 'sample', month: '2026-10' }, 21);
    await showing(app, 'TOTAL per month');
    await press(app, 'a');
    const frame = await showing(app, 'unplanned spend (no projected line): $600.92');
    expect(frame).toContain('NatGateway-Bytes');
    // $600.92 unplanned - $425.21 NAT bytes shown = $175.71 left out.
    expect(frame).toContain('  … 5 more, $175.71');
    // The note gives way too: one line, cut short.
    expect(frame).toContain('\nnote: the sample bill is synthetic (scripts/generate-sample-bill.ts), a month …\n');
    expect(frame.split('\n').length).toBeLessThan(21);
  });

  it('--period billing and --provider reach the view: the invoice\'s rows, and the providers asked compared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-view-'));
    const file = join(dir, 'focus.csv');
    // A September row on October's invoice, an October row, and a Microsoft row the plan does not mention.
    writeFileSync(
      file,
      `ProviderName,ServiceName,ServiceCategory,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingCurrency,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,RegionId,ChargeDescription
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-09-30T00:00:00Z,2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,USD,100,100,1,Hours,us-east-1,late September usage
AWS,Amazon Elastic Compute Cloud,Compute,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2026-10-01T00:00:00Z,USD,50,50,1,Hours,us-east-1,October usage
Microsoft,Virtual Machines,Compute,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2026-10-01T00:00:00Z,USD,7,7,1,Hours,eastus,October usage
`,
    );
    const byCharge = open({ source: file, month: '2026-10' }, 40);
    await showing(byCharge, 'TOTAL per month');
    await press(byCharge, 'a');
    let frame = await showing(byCharge, 'other providers in this bill');
    expect(frame).toMatch(/TOTAL .*\$50\.00/);
    expect(frame).toContain('not compared with the plan: Microsoft $7.00');
    byCharge.unmount();

    const byInvoice = open({ source: file, month: '2026-10', period: 'billing', providers: ['aws', 'azure'] }, 40);
    await showing(byInvoice, 'TOTAL per month');
    await press(byInvoice, 'a');
    frame = await showing(byInvoice, 'unplanned spend');
    // $100 + $50 of AWS on the invoice, and Microsoft's $7 compared as well (unplanned: no line of the plan is Azure).
    expect(frame).toMatch(/TOTAL .*\$157\.00/);
    expect(frame).not.toContain('other providers in this bill');
  });

  it('a missing billing file is reported in the view; the session carries on', async () => {
    const app = open();
    await showing(app, 'TOTAL per month');
    await press(app, 'a', TAB, ...Array.from({ length: 6 }, () => BACKSPACE), ...'/nowhere/bill.csv', '\r');
    const frame = await showing(app, '✗ no actuals for 2026-10 from /nowhere/bill.csv');
    expect(frame).toContain('/nowhere/bill.csv: error: billing file not found');
    await press(app, 'a');
    await until(app, (f) => /source\s+\/nowhere\/bill\.csv\n▸ month\s+2026-10█/.test(f), 'the prompt again, as it was');
    await press(app, ESC);
    await showing(app, 'TOTAL per month');
  });

  it('a month that is not YYYY-MM is refused in the prompt', async () => {
    const app = open();
    await showing(app, 'TOTAL per month');
    await press(app, 'a', BACKSPACE, BACKSPACE, BACKSPACE, '\r');
    await showing(app, '✗ month "2026" is not YYYY-MM');
  });

  it('shows the basis, and marks categories and lines past the threshold with ▲/▼ (--threshold 15% --cost effective)', async () => {
    const app = open({ source: 'sample', month: '2026-10', threshold: new Decimal('0.15'), costBasis: 'effective' });
    await showing(app, 'TOTAL per month');
    await press(app, 'a');
    const frame = await showing(app, 'unplanned spend (no projected line)');
    expect(frame).toContain('▲▼ past ±15%');
    expect(frame).toMatch(/^cost: effective \(EffectiveCost, amortized\)\s+projected\s+actual\s+variance$/m);
    // The sample bill has no commitment: effective = billed. Storage +13.3% is within 15% now, egress +16.5% is not.
    expect(frame).toMatch(/STORAGE .*\+13\.3%$/m);
    expect(frame).toMatch(/EGRESS .*\+16\.5% ▲$/m);
    // predictions-to-users: $271.29 billed against $194.52 projected, +39.5%; no other line is past 15% (the CLI table's figures).
    expect(frame).toContain('lines past ±15%: predictions-to-users +39.5% ▲\n');
    expect(frame).toContain('net effective $22,199.36');
    expect(frame).toContain('OVER: egress +16.5% past the 15% threshold');
  });

  it('draws the daily sparkline of a Cost Explorer answer served by the local server, estimated days marked', async () => {
    // $700 a day of usage, $800 on the 31st: the lowest level 30 times, then the highest. The 30th and 31st are estimated.
    const days = october((n) => [[['Usage'], n === 31 ? '800' : '700'], ...(n === 1 ? [[['Credit'], '-50'] as GroupRow] : [])], 30);
    const usage = month([[['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '21800', '774']], true);
    const server = await costExplorer((req) => ({ body: { ResultsByTime: req.body.Granularity === 'DAILY' ? days : [usage] } }));
    const app = open({ source: 'aws', month: '2026-10' });
    await showing(app, 'TOTAL per month');
    await press(app, 'a');
    const frame = await showing(app, 'unplanned spend');
    expect(server.seen.map((r) => r.body.Granularity)).toEqual(['MONTHLY', 'DAILY']);
    expect(frame).toContain(`daily 10-01…10-31 ${'▁'.repeat(30)}█ low $700.00 · high $800.00`);
    expect(frame).toContain('  ~ estimated by the provider, not final: 10-30…10-31');
    // 30 × 700 + 800 = 21,800, all compute; the credit summed from the days.
    expect(frame).toMatch(/COMPUTE .*\$21,746\.49\s+\$21,800\.00\s+\+0\.2%$/m);
    expect(frame).toContain('credit -$50.00 · net billed $21,750.00');
    // All p4d hours land on trainers: 21,800 / 17,566.1136 - 1 = +24.1%; serving has no bill at all.
    expect(frame).toContain('lines past ±10%: trainers +24.1% ▲, serving -100% ▼, +6 more');
    expect(frame).toContain('\nnote: AWS marks this month as estimated: it was not cached and may still change\n');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--refresh fetches a cached month again on the first fetch only; later fetches are answered from the cache', async () => {
    const days = october(() => [[['Usage'], '700']]);
    const usage = month([[['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], '21700', '774']]);
    const server = await costExplorer((req) => ({ body: { ResultsByTime: req.body.Granularity === 'DAILY' ? days : [usage] } }));
    // Each session fetches October twice (a, then a and Enter on the same source and month);
    // each paid fetch is 2 requests (the monthly and the daily query).
    const twice = async (refresh: boolean, first: string) => {
      const app = open({ source: 'aws', month: '2026-10', refresh });
      await showing(app, 'TOTAL per month');
      await press(app, 'a');
      await showing(app, first);
      await press(app, 'a');
      await showing(app, 'Enter fetch');
      await press(app, '\r');
      await showing(app, 'answered from the cache');
      app.unmount();
    };
    // Without --refresh: the first fetch pays and fills the cache, the second is free.
    await twice(false, 'Cost Explorer requests: 2');
    expect(server.seen).toHaveLength(2);
    // With --refresh, on that cache: the first fetch pays again (2 more), the second is free.
    await twice(true, 'Cost Explorer requests: 2');
    expect(server.seen).toHaveLength(4);
  });

  it('counts Cost Explorer requests and their cost while the answer is awaited; Esc drops it', async () => {
    await costExplorer(() => ({ hang: true }));
    const app = open({ source: 'aws', month: '2026-10' });
    await showing(app, 'TOTAL per month');
    await press(app, 'a');
    const frame = await showing(app, '1 Cost Explorer request so far ($0.01 at $0.01 each)');
    expect(frame).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] fetching actuals for 2026-10 from aws…/);
    await press(app, ESC);
    await showing(app, 'TOTAL per month');
  });
});

/** The local Cost Explorer, with the environment pointing the SDK's default chain at it (and an empty cache) until the test ends. */
async function costExplorer(reply: Parameters<typeof startCostExplorer>[0]) {
  const server = await startCostExplorer(reply);
  const env = {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', // as src/cli.ts sets it
    AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_ENDPOINT_URL_COST_EXPLORER: server.endpoint,
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    TOLLGATE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'tollgate-tui-ce-')),
  };
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  cleanups.push(server.close, () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  Object.assign(process.env, env);
  return server;
}
