// Issue 6 and 11 figures: `tollgate actuals --source FILE` on a 1,000,000-row FOCUS
// export (Parquet and CSV) and a 10,000,000-row Parquet one (generated here, never
// committed) against DuckDB alone running the same aggregation on the same file,
// peak RSS of the tollgate process, and the number of Cost Explorer requests one
// month's check makes (against a local JSON 1.1 server).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fmt, median, ratio } from './lib.mjs';

const ROWS = 1_000_000;
const BIG_ROWS = 10_000_000;
const DIR = join(ROOT, '.bench', 'actuals');
const SCENARIO = 'scenarios/recsys-feature-store.yaml';

// Hourly rows over October 2026 in FOCUS columns: AWS usage types and Google SKUs, two teams' tags.
const generateSql = (rows) => `SELECT
  CASE WHEN i % 5 = 0 THEN 'Google Cloud' ELSE 'AWS' END AS ProviderName,
  CASE WHEN i % 5 = 0 THEN 'Compute Engine' ELSE 'Amazon Elastic Compute Cloud' END AS ServiceName,
  CASE WHEN i % 7 < 4 THEN 'Compute' WHEN i % 7 < 6 THEN 'Networking' ELSE 'Storage' END AS ServiceCategory,
  CASE WHEN i = 17 THEN 'Credit' ELSE 'Usage' END AS ChargeCategory,
  TIMESTAMP '2026-10-01 00:00:00' + to_hours(i % 744) AS ChargePeriodStart,
  TIMESTAMP '2026-10-01 01:00:00' + to_hours(i % 744) AS ChargePeriodEnd,
  'USD' AS BillingCurrency,
  round(0.0001 + (i % 1000) * 0.0137, 10) AS BilledCost,
  round(0.0001 + (i % 1000) * 0.0137, 10) AS EffectiveCost,
  round((i % 97) * 0.25, 6) AS ConsumedQuantity,
  CASE WHEN i % 5 = 0 THEN 'hour' ELSE 'Hrs' END AS ConsumedUnit,
  CASE WHEN i % 5 = 0 THEN 'us-central1' ELSE 'us-east-1' END AS RegionId,
  'res-' || (i % 5000) AS ResourceId,
  CASE WHEN i % 3 = 0 THEN '{"team":"search"}' ELSE '{"team":"recsys"}' END AS Tags,
  CASE WHEN i % 5 = 0 THEN NULL ELSE ['BoxUsage:p4d.24xlarge','BoxUsage:m7i.xlarge','SpotUsage:p4d.24xlarge','DataTransfer-Out-Bytes',
    'DataTransfer-Regional-Bytes','NatGateway-Bytes','NatGateway-Hours','TimedStorage-ByteHrs','Requests-Tier1','CW:MetricMonitorUsage'][1 + i % 10] END AS x_UsageType,
  CASE WHEN i % 5 = 0 THEN ['G2 Instance Core running in Americas','Nvidia L4 GPU running in Americas','Standard Storage US Regional',
    'Network Internet Data Transfer Out from Americas to Americas'][1 + i % 4] ELSE 'usage' END AS ChargeDescription
FROM range(${rows}) t(i)`;

// The same aggregation tollgate runs, written out by hand for DuckDB alone.
const aggregate = (from) => `SET TimeZone = 'UTC';
SELECT strftime(CAST(ChargePeriodStart AS TIMESTAMPTZ), '%Y-%m-%d') AS day, max(CAST(ChargePeriodEnd AS TIMESTAMPTZ)) AS period_end,
  ProviderName, ServiceName, ServiceCategory, ChargeCategory, COALESCE(NULLIF(x_UsageType, ''), NULLIF(ChargeDescription, ''), '') AS usage_type,
  RegionId, ConsumedUnit, BillingCurrency,
  SUM(CAST(BilledCost AS DECIMAL(38,12)))::VARCHAR, SUM(CAST(EffectiveCost AS DECIMAL(38,12)))::VARCHAR, SUM(CAST(ConsumedQuantity AS DECIMAL(38,12)))::VARCHAR
FROM ${from}
WHERE CAST(ChargePeriodStart AS TIMESTAMPTZ) >= '2026-10-01 00:00:00+00'::TIMESTAMPTZ AND CAST(ChargePeriodStart AS TIMESTAMPTZ) < '2026-11-01 00:00:00+00'::TIMESTAMPTZ
  AND (NOT (lower(ProviderName) LIKE 'aws%') OR json_extract_string(CAST(Tags AS VARCHAR), '$."team"') = 'recsys')
  AND (NOT (lower(ProviderName) LIKE 'google%') OR json_extract_string(CAST(Tags AS VARCHAR), '$."team"') = 'recsys')
GROUP BY ALL`;

function node(args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, ...r };
}

/** The files, written once into .bench/ (gitignored); the CSV only when asked for. */
async function generate(rows, parquet, csv) {
  if (existsSync(parquet) && (!csv || existsSync(csv))) return;
  mkdirSync(DIR, { recursive: true });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (${generateSql(rows)}) TO '${parquet}' (FORMAT parquet)`);
  if (csv) {
    await c.run(`COPY (SELECT * REPLACE (strftime(ChargePeriodStart, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodStart, strftime(ChargePeriodEnd, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodEnd) FROM read_parquet('${parquet}')) TO '${csv}' (FORMAT csv, HEADER)`);
  }
  c.closeSync();
  db.closeSync();
}

const PEAK_RSS = "process.on('exit',()=>process.stderr.write('\\nmaxrss='+process.resourceUsage().maxRSS+'\\n'))";

/** One end-to-end `tollgate actuals --source FILE --format json`: wall time, and peak RSS (MB) read inside the process at exit. */
function tollgateOnce(file) {
  const r = node(['--import', `data:text/javascript,${encodeURIComponent(PEAK_RSS)}`, 'bin/tollgate.js', 'actuals', SCENARIO, '--month', '2026-10', '--source', file, '--format', 'json']);
  if (r.status !== 0 && r.status !== 4) throw new Error(`tollgate actuals exited ${r.status}: ${r.stderr}`);
  JSON.parse(r.stdout.toString());
  return { ms: r.ms, rssMB: Number(/maxrss=(\d+)/.exec(r.stderr.toString())?.[1] ?? 0) / 1024 };
}

/** DuckDB alone, in its own node process, running the same aggregation on the same file. */
function duckdbOnce(from) {
  const script = `import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
const rows = (await c.runAndReadAll(${JSON.stringify(aggregate(from))})).getRowObjectsJson();
if (!rows.length) process.exit(3);`;
  const file = join(ROOT, '.bench', 'duckdb-alone.mjs');
  writeFileSync(file, script);
  const r = node([file]);
  if (r.status !== 0) throw new Error(`duckdb alone exited ${r.status}: ${r.stderr}`);
  return r.ms;
}

/** Medians over `runs`, the two measured in turn so that machine load drifts hit both alike; the first pair warms the file cache. */
function compare(file, from, runs) {
  const alone = [];
  const tg = [];
  let peak = 0;
  for (let i = 0; i <= runs; i++) {
    const a = duckdbOnce(from);
    const t = tollgateOnce(file);
    peak = Math.max(peak, t.rssMB);
    if (i > 0) {
      alone.push(a);
      tg.push(t.ms);
    }
  }
  return { alone: median(alone), tollgate: median(tg), rssMB: peak };
}

/** Cost Explorer requests for one month's check: a fresh cache, then the same month again. */
async function costExplorerRequests() {
  let count = 0;
  const cost = (amount) => ({ UnblendedCost: { Amount: amount, Unit: 'USD' }, NetAmortizedCost: { Amount: amount, Unit: 'USD' } });
  const day = (n) => new Date(Date.UTC(2026, 9, n)).toISOString().slice(0, 10);
  // The usage query's month, and the record-type query's 31 days (as Cost Explorer answers DAILY), in one page each.
  const usage = [{ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Total: {}, Estimated: false,
    Groups: [{ Keys: ['Amazon Elastic Compute Cloud - Compute', 'BoxUsage:p4d.24xlarge'], Metrics: { ...cost('17000'), UsageQuantity: { Amount: '774', Unit: 'Hrs' } } }] }];
  const days = Array.from({ length: 31 }, (_, i) => ({ TimePeriod: { Start: day(i + 1), End: day(i + 2) }, Total: {}, Estimated: false,
    Groups: [{ Keys: ['Usage'], Metrics: cost('548.387096774') }, ...(i === 0 ? [{ Keys: ['Credit'], Metrics: cost('-100') }] : [])] }));
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      count += 1;
      const daily = JSON.parse(body || '{}').Granularity === 'DAILY';
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ResultsByTime: daily ? days : usage }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cache = mkdtempSync(join(tmpdir(), 'tollgate-bench-ce-'));
  const env = {
    AWS_ENDPOINT_URL_COST_EXPLORER: `http://127.0.0.1:${server.address().port}`,
    AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_EC2_METADATA_DISABLED: 'true', TOLLGATE_CACHE_DIR: cache,
  };
  const runOnce = async () => {
    const before = count;
    // Asynchronous spawn: the local server lives in this process and must keep answering.
    const { spawn } = await import('node:child_process');
    await new Promise((resolve, reject) => {
      const p = spawn(process.execPath, ['bin/tollgate.js', 'actuals', SCENARIO, '--month', '2026-10', '--source', 'aws', '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
      p.on('exit', (code) => (code === 0 || code === 4 ? resolve() : reject(new Error(`tollgate actuals --source aws exited ${code}`))));
    });
    return count - before;
  };
  const first = await runOnce();
  const cached = await runOnce();
  server.close();
  rmSync(cache, { recursive: true, force: true });
  return { first, cached };
}

export default async function () {
  const parquet = join(DIR, `focus-${ROWS}.parquet`);
  const csv = join(DIR, `focus-${ROWS}.csv`);
  const big = join(DIR, `focus-${BIG_ROWS}.parquet`);
  await generate(ROWS, parquet, csv);
  await generate(BIG_ROWS, big);
  // The baseline reads the files as tollgate does (every CSV column as text, NULL and empty as nulls).
  for (const [label, file, from, runs] of [
    ['1,000,000-row FOCUS Parquet', parquet, `read_parquet('${parquet}')`, 5],
    ['1,000,000-row FOCUS CSV    ', csv, `read_csv('${csv}', header = true, all_varchar = true, nullstr = ['', 'NULL', 'null'])`, 5],
    ['10,000,000-row FOCUS Parquet', big, `read_parquet('${big}')`, 3],
  ]) {
    const m = compare(file, from, runs);
    console.log(`actuals     ${label} ${fmt(m.tollgate)} = ${ratio(m.tollgate, m.alone)} DuckDB alone (${fmt(m.alone)}); target <= 1.5x · peak RSS ${m.rssMB.toFixed(0)} MB (target <= 400 MB)`);
  }
  const ce = await costExplorerRequests();
  console.log(`actuals     Cost Explorer requests for one month: ${ce.first} (target <= 2 for a one-page month), ${ce.cached} when cached (target 0)`);
}
