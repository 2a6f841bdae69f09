import { MONTE_CARLO_OPTIONS, SAMPLES_ALWAYS, SAMPLES_COMPARE, monteCarloUsage } from './montecarlo-options.js';
import { OUT_FILE_OPTION, OUT_FILE_USAGE } from './out-file.js';
import type { Verb } from './verb.js';

/** The parseArgs options of a month's check, taken alike by `actuals` and by `open` (for its actuals view); read by actualsOptions (actuals-options.ts). */
const ACTUALS_OPTIONS = {
  month: { type: 'string' },
  source: { type: 'string' },
  threshold: { type: 'string' },
  cost: { type: 'string' },
  refresh: { type: 'boolean' },
  'max-scan': { type: 'string' },
  period: { type: 'string' },
  provider: { type: 'string' },
  timeout: { type: 'string' },
} as const;

const FORMAT_OPTION = { format: { type: 'string' } } as const;
/** `--prices bundled` comes with every verb that reads pricing tables: the cached catalog is never forced on one. */
const PRICING_OPTION = { pricing: { type: 'string', multiple: true }, prices: { type: 'string' } } as const;
/** Every verb that prices a scenario warns on stderr about tables older than this. */
const MAX_AGE_OPTION = { 'max-age': { type: 'string' } } as const;
const MAX_AGE_USAGE = `  --max-age DAYS    warn (on stderr) when a pricing table used is older than
                    this; default 90, or TOLLGATE_PRICING_MAX_AGE_DAYS`;

/** Every verb, in the order `--help` lists them. Implementations load lazily. */
export const VERBS: Verb[] = [
  {
    name: 'open',
    summary: 'interactive session (the default verb; a table when not on a terminal)',
    usage: `usage: tollgate [open] [SCENARIO...] [--pricing FILE]...
                     [--source aws|gcp|sample|FILE] [--month YYYY-MM]
                     [--threshold 10%] [--cost billed|effective] [--refresh]
                     [--max-scan SIZE] [--period charge|billing]
                     [--provider aws,gcp,azure]

Opens a full-screen session for what-if editing: move with j/k or the arrows,
+/- changes a node count, Enter types a count, GB or transfer volume, h hours,
p on-demand/spot, i/r instance and region, f/t transfer ends; every change
re-prices at once. u/U undo/redo, X reset, s saves (comments and layout kept),
c compares (with ranges: each total's p50/p95 and the chance each plan costs
less than the first), a checks a month's bill against the plan as edited, m
shows the Monte Carlo spread and tornado of a scenario with ranges, ? lists
every key, q quits. Two to four SCENARIOs open side by side in the compare
view (Tab switches which one is edited).
Without a terminal (pipes, CI) it prints the estimate table instead and exits 0.
With no SCENARIO, opens the bundled example scenarios/recsys-feature-store.yaml.

options:
  --pricing FILE     a pricing override file; may repeat
  --prices bundled   ignore the catalog that pricing update --all cached
for the actuals view (a), as \`tollgate actuals\` takes them:
  --source SOURCE    where a fetches the bill: aws, gcp, sample or a billing
                     file (--actuals-source is the same option)
  --month YYYY-MM    the month a compares; with --source too, a fetches at
                     once, otherwise it asks (default: last month)
  --threshold PCT    variance marked ▲/▼ past it (default 10%)
  --cost BASIS       billed (default) or effective (amortized; aws, sample
                     and FOCUS files, not gcp)
  --refresh          the session's first fetch skips the cache (aws, gcp);
                     later fetches read the cache it filled
  --max-scan SIZE    (gcp) the most the BigQuery query may scan (default 100GiB)
  --timeout TIME     (aws, gcp) the most one fetch may take (default 120 s)
  --period BASIS     (billing files) charge (default: the month's usage) or
                     billing (the rows on that month's invoice)
  --provider LIST    the providers compared (default: the plan's); the
                     others in the bill are shown apart
`,
    options: { ...PRICING_OPTION, ...ACTUALS_OPTIONS, 'actuals-source': { type: 'string' } },
    load: () => import('../commands/open.js'),
  },
  {
    name: 'estimate',
    summary: 'priced monthly projection: compute, storage, egress, ingress, network',
    usage: `usage: tollgate estimate SCENARIO... [--format table|json|csv|markdown|html]
                         [--pricing FILE]... [--max-age DAYS]

Prices each scenario's node groups, storage and transfers against the bundled
pricing tables (pricing/*.yaml) and any override files, and prints the monthly
projection: compute, storage, egress, ingress and network, with every
assumption made.

options:
${OUT_FILE_USAGE}  --format FORMAT   table (default), json, csv, markdown or html (one
                    self-contained page: bars, egress tiers, tornado)
  --pricing FILE    a pricing override file (negotiated rates); may repeat;
                    applied after the scenario's own pricing: list
  --prices bundled  ignore the catalog that pricing update --all cached
${MAX_AGE_USAGE}
${monteCarloUsage(SAMPLES_ALWAYS)}
A scenario with ranges ({low, expected, high} or {p50, p95}) or a spot group's
interruptions is priced at its point values, then sampled: expected cost,
p50/p90/p95 per category and total, the probability of exceeding the budget,
and which inputs drive the spread. In CSV the sampled figures follow the
scenario's lines as rows of kind spread (name expected, p50, …) and probability
(name over_budget), the figure in the quantity column; their cost stays empty,
so costs still sum to the total.
`,
    options: { ...OUT_FILE_OPTION, ...FORMAT_OPTION, ...PRICING_OPTION, ...MAX_AGE_OPTION, ...MONTE_CARLO_OPTIONS },
    takesScenarios: true,
    load: () => import('../commands/estimate.js'),
  },
  {
    name: 'compare',
    summary: 'scenarios side by side against the first: deltas, cheapest, what moved',
    usage: `usage: tollgate compare BASELINE SCENARIO...
                        [--format table|json|csv|markdown|html] [--pricing FILE]...
                        [--max-age DAYS] [--samples N] [--seed N]

Prices each scenario and compares them with the first (the baseline): each
category and the total per scenario, the delta and % against the baseline, the
cheapest marked, and the lines that moved (matched by kind and name, so a line
only one scenario has shows as new or absent), each with how every scenario
bought it: the purchase option, the effective $/GPU-hour, what commitments
cover of it and their waste, spot's expected and p95 billed hours per node.
Scenarios with ranges also show the sampled expected, p50, p90, p95 of the
total, the chance of exceeding their budget and the top inputs driving the
spread; and each plan gets its chance of costing less than the baseline, from
paired samples (an input the plans share by name gets the same draw in both).
CSV adds these as rows spread (figure in cost) and probability (share in
delta_ratio) at the end. A spot group's interruptions are sampled with the
ranges, or alone when --samples or --seed is given.
--format markdown is fit to paste into a pull request; --format html is one
self-contained page (inline CSS and SVG) for a review meeting.

options:
${OUT_FILE_USAGE}  --format FORMAT   table (default), json, csv, markdown or html
  --pricing FILE    a pricing override file; may repeat
  --prices bundled  ignore the catalog that pricing update --all cached
${MAX_AGE_USAGE}
${monteCarloUsage(SAMPLES_COMPARE)}`,
    options: { ...OUT_FILE_OPTION, ...FORMAT_OPTION, ...PRICING_OPTION, ...MAX_AGE_OPTION, ...MONTE_CARLO_OPTIONS },
    takesScenarios: true,
    load: () => import('../commands/compare.js'),
  },
  {
    name: 'check',
    summary: 'budget gate for CI: exit 3 when a projection exceeds its budget',
    usage: `usage: tollgate check SCENARIO...
                      [--format table|json|markdown|github-annotations]
                      [--percentile p95] [--pricing FILE]... [--max-age DAYS]
                      [--samples N] [--seed N]

Holds each scenario's monthly projection against its budget (budget: {monthly,
alert_at} in the scenario) and exits 3 when any is over. For a scenario with
ranges or a spot group's interruptions the sampled percentile of the total is
what must fit (p95 by default), and the probability of exceeding the budget is
shown. Past alert_at is a warning, not a failure. A scenario without a budget is listed, not gated.

exit codes: 0 all within budget · 2 invalid input · 3 over budget

options:
${OUT_FILE_USAGE}  --format FORMAT   table (default), json, markdown or github-annotations
                    (::error on each over-budget scenario's budget: line,
                    ::warning past alert_at, then the table)
  --percentile P    for sampled scenarios: the percentile of the total
                    that must fit the budget, p1 … p99 (default p95)
  --pricing FILE    a pricing override file; may repeat
  --prices bundled  ignore the catalog that pricing update --all cached
${MAX_AGE_USAGE}
${monteCarloUsage(SAMPLES_ALWAYS)}`,
    options: { ...OUT_FILE_OPTION, ...FORMAT_OPTION, ...PRICING_OPTION, ...MAX_AGE_OPTION, ...MONTE_CARLO_OPTIONS, percentile: { type: 'string' } },
    takesScenarios: true,
    load: () => import('../commands/check.js'),
  },
  {
    name: 'breakeven',
    summary: 'the value of one input at which two plans cost the same',
    usage: `usage: tollgate breakeven A.yaml B.yaml --vary PATH [--between LOW..HIGH]
       tollgate breakeven SCENARIO --spot GROUP [--vary PATH] [--between ...]
       tollgate breakeven SCENARIO --spot GROUP --spot-overhead PCT --vary PATH
                 [--format table|json|markdown] [--pricing FILE]...

Finds the value of one input at which plan A and plan B cost the same per
month, or says "never within [low, high]" and which plan is cheaper there.

  A.yaml B.yaml   two scenarios; PATH is set to each value in every scenario
                  that has that line (e.g. replicate a feature store once vs
                  read it across clouds every night, varying the nightly read)
  --spot GROUP    one scenario: node group GROUP on-demand (A) vs on spot (B).
                  With interruption fields (interruptions_per_hour, ...) B is
                  billed the interruption model's hours, and without --vary
                  the rate is varied: where spot stops paying. Without them B
                  runs hours × (1 + overhead); without --spot-overhead the
                  overhead itself is varied

PATH names a quantity by line name: nodes.NAME.count, nodes.NAME.hours,
nodes.NAME.interruptions_per_hour, storage.NAME.gb,
transfers.NAME.gb_per_day|gb_per_month|days; also
nodes.NAME.disk.gb|disk.iops|public_ipv4, clusters.NAME.hours,
load_balancers.NAME.hours|processed_gb and the request counts.

Costs are piecewise linear in one input (tiers bend them at band edges); each
crossing is solved exactly per linear piece, in decimal arithmetic.

options:
${OUT_FILE_USAGE}  --vary PATH          the input to vary
  --between LOW..HIGH  the interval to search; default: the input's own range
                       ({low, expected, high}: low..high; {p50, p95}: p05..p95),
                       else 0 to twice its value; for the overhead 0%..500%,
                       for the interruption rate 0 to where B bills 6× hours
  --spot GROUP         compare GROUP on-demand vs spot
  --spot-overhead PCT  the spot re-run overhead, e.g. 15% (groups without
                       interruption fields)
  --format FORMAT      table (default), json or markdown
  --pricing FILE       a pricing override file; may repeat
  --prices bundled     ignore the catalog that pricing update --all cached
  --max-age DAYS       warn (on stderr) when a pricing table used is older
                       than this; default 90, or TOLLGATE_PRICING_MAX_AGE_DAYS
`,
    options: {
      ...OUT_FILE_OPTION,
      ...FORMAT_OPTION,
      ...PRICING_OPTION,
      ...MAX_AGE_OPTION,
      vary: { type: 'string' },
      between: { type: 'string' },
      spot: { type: 'string' },
      'spot-overhead': { type: 'string' },
    },
    load: () => import('../commands/breakeven.js'),
  },
  {
    name: 'place',
    summary: 'where a node group should sit: every priced region, ranked by the whole plan',
    usage: `usage: tollgate place SCENARIO --vary nodes.NAME [--vary nodes.OTHER]...
                      [--same-instance | --gpu MODEL | --min-gpu-memory GB]
                      [--providers aws,gcp] [--regions GLOBS] [--exclude GLOBS]
                      [--purchase on-demand|spot] [--max-p95 USD] [--top N|all]
                      [--consider-copy storage.NAME] [--apply N]
                      [--format table|json|csv|markdown]

Moves each varied node group to every (provider, region) whose table prices
an instance with the same accelerator (the same GPU model and count per node,
at least as many vCPUs; a CPU group: at least its vCPUs and memory), the
cheapest such type there, and prices the whole plan again: its compute, every
transfer naming it (nodes:NAME, or an end written as its provider:region
where no other group runs), tiers, NAT, inter-region and cross-cloud egress,
and the storage it reads. Two groups are placed together (every pair).
Candidates are ranked by total, each with its change against the plan as
written, compute and egress, what the group's transfers cost there, and the
three lines that changed most; with ranges also p50, p95 and the chance it costs
less than the plan as written (paired samples). Every figure is what
\`tollgate estimate\` prints for the file --apply writes.

options:
${OUT_FILE_USAGE}  --vary nodes.NAME   a node group to place; may repeat (the cross product)
  --same-instance     only the group's own instance type (its own cloud)
  --gpu MODEL         this GPU model instead (same count per node)
  --min-gpu-memory GB at least this much GPU memory per node, any model
  --providers LIST    only these clouds, comma-separated
  --regions GLOBS     only regions matching: 'us-*', 'gcp:europe-*' (a glob
                      with a colon matches provider:region); comma-separated
  --exclude GLOBS     leave these regions out, as --regions matches them
  --purchase P        price every candidate on-demand or spot (default: the
                      group's own)
  --max-p95 USD       leave out plans whose p95 (the total, without ranges)
                      is over this a month
  --fixed-ends        transfer ends written as provider:region never move
  --consider-copy storage.NAME
                      also price each placement away from the store with
                      the store copied next to it (its GB there, the group's
                      reads from the copy, a monthly refresh), and the read
                      volume at which copying breaks even
  --copy-gb-per-month GB  the refresh (default: the store's GB ÷ 12 in whole
                      GB, a whole copy a year)
  --top N|all         how many to list (default 10)
  --apply N           write placement N into the file, keeping comments and
                      layout (as the session's save does)
  --format FORMAT     table (default), json, csv or markdown
  --pricing FILE      a pricing override file; may repeat
  --prices bundled    ignore the catalog that pricing update --all cached
${MAX_AGE_USAGE}
${monteCarloUsage(SAMPLES_ALWAYS, 22)}`,
    options: {
      ...OUT_FILE_OPTION,
      ...FORMAT_OPTION,
      ...PRICING_OPTION,
      ...MAX_AGE_OPTION,
      ...MONTE_CARLO_OPTIONS,
      vary: { type: 'string', multiple: true },
      'same-instance': { type: 'boolean' },
      gpu: { type: 'string' },
      'min-gpu-memory': { type: 'string' },
      providers: { type: 'string', multiple: true },
      regions: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      purchase: { type: 'string' },
      'max-p95': { type: 'string' },
      'fixed-ends': { type: 'boolean' },
      'consider-copy': { type: 'string' },
      'copy-gb-per-month': { type: 'string' },
      top: { type: 'string' },
      apply: { type: 'string' },
    },
    load: () => import('../commands/place.js'),
  },
  {
    name: 'advise',
    summary: 'the avoidable lines: each with its priced alternative and the change to make',
    usage: `usage: tollgate advise SCENARIO [--format table|json|markdown]
                       [--apply K] [--fail-over USD] [--pricing FILE]...
                       [--prices bundled] [--max-age DAYS]

Runs each rule over the plan and lists the lines it could avoid, largest
saving first: the line, the priced alternative, the monthly saving and the
change to make in the file (a YAML path and its new value). Every saving is
estimate(plan) − estimate(plan with the change), priced by the same engine
as estimate, so a change that makes another line dearer counts that too.

rules:
  nat-to-gateway-endpoint  S3 traffic in the region via: nat-gateway → a
                           gateway endpoint (free; S3 and DynamoDB have them)
  nat-to-interface-endpoint
                           traffic to another service in the region via:
                           nat-gateway → an interface endpoint (PrivateLink),
                           when cheaper at that volume (break-even shown)
  egress-to-cdn            internet egress to users → the cloud's CDN, when
                           its tiers are cheaper (the requests it can afford)
  cross-cloud-replica      a daily read of a bucket in another cloud → a
                           replica next to the readers (break-evens shown)
  inter-zone-to-one-zone   a transfer between two written zones → one zone
                           (the availability trade-off said)
  on-demand-to-commitment  an on-demand group → the catalog's cheapest
                           commitment, when it pays at the group's hours
  spot-to-on-demand        a spot group whose interruptions cost more than
                           spot saves → on-demand

exit codes: 0 done (findings are advice, not an error) · 2 invalid input ·
            3 with --fail-over, a finding saves more than USD a month

options:
${OUT_FILE_USAGE}  --format FORMAT   table (default), json or markdown
  --apply K         write finding K's change into SCENARIO, keeping its
                    comments and layout; the file is read back and priced,
                    and written only if it costs what the finding says
  --fail-over USD   exit 3 when any one finding saves more than USD a month
                    (a CI gate on avoidable spend)
  --pricing FILE    a pricing override file; may repeat
  --prices bundled  ignore the catalog that pricing update --all cached
${MAX_AGE_USAGE}
`,
    options: { ...OUT_FILE_OPTION, ...FORMAT_OPTION, ...PRICING_OPTION, ...MAX_AGE_OPTION, 'fail-over': { type: 'string' }, apply: { type: 'string' } },
    load: () => import('../commands/advise.js'),
  },
  {
    name: 'pricing',
    nested: true,
    summary: 'browse, compare and refresh the pricing tables (show | diff | update)',
    usage: `usage: tollgate pricing show [INSTANCE] [--gpu MODEL] [--min-gpu-memory GB]
                             [--count N] [--region REGION|GLOB]
                             [--max-price USD] [--provider aws|gcp|azure]
                             [--format table|json] [--pricing FILE]...
       tollgate pricing show --storage|--network [--provider P] [--region R]
       tollgate pricing diff OLD.yaml NEW.yaml [--format table|json|markdown]
       tollgate pricing diff aws|gcp|azure|TABLE.yaml --live [--input FILE]...
       tollgate pricing update aws|gcp|azure [--regions R1,R2]
                               (--out FILE | --write) [--input FILE]
                               [--format table|json]
       tollgate pricing update --all [aws|gcp|azure...] [--regions R1,R2]
                               [--timeout TIME] [--format table|json]

show    instance types with GPUs, vCPUs, memory, on-demand and spot $/hour,
        $/GPU-hour and the cheapest 1-year commitment per GPU-hour in every
        priced region, cheapest first (per GPU-hour with a GPU filter); with
        one --region alone, also that region's network prices: ingress,
        inter-zone, internet egress tiers and rates to other regions.
diff    changed, added and removed rates between two tables, old/new and %;
        with --live, between a table and its provider's API today.
update  refreshes the provider's table from its public pricing API (AWS Price
        List Query API, Google Cloud Billing Catalog API, Azure Retail Prices
        API), keeping comments and entries marked "# override". Writes --out
        FILE, or the bundled table itself with --write. --input reads a saved
        AWS bulk offer file instead of calling the API. What it refreshes:
        aws: on-demand instance prices, S3 storage tiers, NAT gateway,
        inter-zone, inter-region and internet egress tiers; gcp: machine
        prices, Cloud Storage Standard, inter-zone and internet egress tiers;
        azure: VM prices and internet egress tiers.
        With --all, builds the full catalog instead: every region of the
        providers' public bulk sources (AWS bulk offer files, Azure Retail
        Prices API, Google Cloud Billing Catalog) into the user's cache
        ($XDG_CACHE_HOME/tollgate/pricing), and EC2 spot prices
        (DescribeSpotPriceHistory) when AWS credentials are set; a re-run
        after an interrupt continues where it stopped. The verbs below use it
        when it exists.

options:
${OUT_FILE_USAGE}  --format FORMAT   table (default) or json; diff also markdown
  --pricing FILE    (show) a pricing override file to apply; may repeat
  --prices bundled  (show) ignore the cached catalog (default: cache, the
                    catalog that pricing update --all built, when there is one)
  --gpu MODEL       (show) instances with this GPU (H100, A100, L4, ...)
  --min-gpu-memory GB  (show) at least this much memory per GPU
  --count N         (show) exactly N GPUs per instance
  --region REGION   (show) only this region, or a glob: 'eu-*', 'europe-west?'
  --max-price USD   (show) at most this per GPU-hour (with a GPU filter) or
                    per hour (without), on-demand or else spot
  --provider NAME   (show) only this provider
  --storage         (show) storage classes, request, disk and cluster rates
  --network         (show) public IPv4, NAT, endpoint, CDN, interconnect and
                    load balancer rates
  --regions LIST    (update) comma-separated regions to refresh (default: the
                    regions the table lists)
  --out FILE        (update) where to write the refreshed table
  --write           (update) overwrite the bundled table in pricing/
  --live            (diff) compare with the provider's API instead of a file
  --input FILE      (update, diff --live; aws) an AWS bulk offer file to read
                    instead of calling the API; may repeat
  --timeout TIME    (update, diff --live) the most the API calls may take in
                    all, e.g. 90s or 10m (default 300 s; 3600 s with --all)
  --all             (update) build the full catalog into the cache
  --force           (update) write a table even when rates were lost or fell
                    to zero
`,
    options: {
      ...OUT_FILE_OPTION,
      ...FORMAT_OPTION,
      ...PRICING_OPTION,
      gpu: { type: 'string' },
      'min-gpu-memory': { type: 'string' },
      count: { type: 'string' },
      'max-price': { type: 'string' },
      region: { type: 'string' },
      provider: { type: 'string' },
      regions: { type: 'string' },
      out: { type: 'string' },
      write: { type: 'boolean' },
      live: { type: 'boolean' },
      storage: { type: 'boolean' },
      network: { type: 'boolean' },
      input: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      force: { type: 'boolean' },
      all: { type: 'boolean' },
    },
    load: () => import('../commands/pricing.js'),
  },
  {
    name: 'actuals',
    summary: 'check a month of real spend against the projection (exit 4 on drift)',
    usage: `usage: tollgate actuals SCENARIO --month YYYY-MM --source aws|gcp|sample|FILE
                        [--format table|json|csv|markdown|html|github-annotations]
                        [--threshold 10%] [--cost billed|effective]
                        [--period charge|billing] [--provider NAME[,NAME]]
                        [--refresh] [--max-scan SIZE] [--timeout TIME]
                        [--pricing FILE]...

Reads the month's actual spend, maps it onto the scenario's lines (instance and
region, storage class and region, transfer path and region pair) and
categories, and reports projected vs actual, the difference and % variance,
spend the plan does not have (unplanned), lines nothing was billed for
(unused), and credits, refunds, tax and support apart from usage. For the
current month, month-to-date is compared with the pro-rated projection.

sources:
  aws      AWS Cost Explorer (credentials from the default chain / AWS_PROFILE);
           $0.01 per request: requests are counted and finished months cached
  gcp      the Google Cloud billing export in BigQuery (actuals.gcp in the
           scenario; Application Default Credentials): the invoice month,
           from that month's partitions when the table has them; a free dry
           run prints what the query scans and costs first; settled months
           are cached
  sample   the bundled synthetic bill for scenarios/recsys-feature-store.yaml
           (2026-10), to try the check offline
  FILE     a billing export: FOCUS 1.0-1.2 (AWS, Google, Azure, OCI), AWS
           CUR 2.0 or legacy CUR, Azure EA/MCA cost details (actual or
           amortized), Google's cost table or Reports CSV; .csv, .csv.gz or
           .parquet, read with DuckDB. A folder of export parts, or a glob
           pattern in quotes ('exports/2026-10/*.parquet'), reads every part

A bill with providers the plan does not mention (a multi-cloud FOCUS file)
is compared for the plan's providers only; the others are listed apart. A
month the file has no rows for is an error (exit 2) naming what it covers.

The scenario's actuals: block selects its share of the bill (AWS tags and
linked accounts, GCP projects and labels, Azure subscriptions and tags).

options:
${OUT_FILE_USAGE}  --month YYYY-MM   the month to check
  --source SOURCE   aws, gcp, sample or a file path
  --format FORMAT   table (default), json, csv, markdown or html (one
                    self-contained page: bars, spend per day) or
                    github-annotations (::error on each scenario line over
                    the threshold, then the table)
  --threshold PCT   variance that fails the check (default 10%); exit 4 when
                    the total or any category is over it
  --cost BASIS      billed (default): FOCUS BilledCost, what the invoice says;
                    usage covered by Savings Plans, reservations or committed
                    use shows at $0 or discounted and the commitment fee apart.
                    effective: EffectiveCost, amortized: the fee spread over
                    the usage it covers (aws, sample, FOCUS files; not gcp)
  --period BASIS    charge (default): the rows used in the month; billing:
                    the rows on the month's invoice (billing files only)
  --provider NAMES  the providers to compare (aws, gcp, azure or a name the
                    bill uses, comma-separated); default the plan's
  --refresh         fetch again even when the month is cached (aws, gcp)
  --max-scan SIZE   (gcp) the most the BigQuery query may scan, e.g. 50GB or
                    1TiB (default 100GiB, ≈ $0.61 at $6.25/TiB); past it the
                    query is not run (exit 2)
  --timeout TIME    (aws, gcp) the most all requests together may take, e.g.
                    90s or 5m (default 120 s); past it tollgate gives up
                    (exit 1) and caches nothing
  --pricing FILE    a pricing override file; may repeat
  --prices bundled  ignore the catalog that pricing update --all cached
${MAX_AGE_USAGE}
`,
    options: { ...OUT_FILE_OPTION, ...FORMAT_OPTION, ...PRICING_OPTION, ...MAX_AGE_OPTION, ...ACTUALS_OPTIONS },
    load: () => import('../commands/actuals.js'),
  },
  {
    name: 'init',
    summary: 'write a new, commented scenario: asks on a terminal, flags otherwise',
    usage: `usage: tollgate init [FILE] [--provider aws|gcp|azure] [--region REGION]
                     [--gpu MODEL] [--gpus N] [--hours H] [--store-gb GB]
                     [--store-at PROVIDER:REGION] [--read-gb-per-day GB]
                     [--budget USD] [--name NAME] [--force]

Writes FILE (default plan.yaml): one GPU node group, its feature store and the
nightly read between them when they are apart, and a budget, every line
commented, then prices it. On a terminal it asks for whatever the flags leave
out, showing what the tables price; without one the flags and the defaults
below decide. An existing FILE is overwritten only when you say yes, or with
--force (without a terminal it is an error, exit 2).

options:
  --provider NAME       aws (default), gcp or azure
  --region REGION       default: aws us-east-1, gcp us-central1, azure eastus
                        (else the first region with GPUs priced)
  --gpu MODEL           H100 (default, where priced), A100, L4, ...
  --gpus N              GPUs in total (default 8): the largest node size the
                        total fills, cheapest per GPU-hour, and enough nodes
  --hours H             hours each node runs per month (default 730)
  --store-gb GB         the feature store's size (default 0: none)
  --store-at P:R        where the store lives (default: the nodes' region)
  --read-gb-per-day GB  what the nodes read from a store elsewhere each day
                        (needed when the store is elsewhere)
  --budget USD          the monthly budget (default: none)
  --name NAME           the scenario's name (default: from FILE)
  --force               overwrite FILE without asking
`,
    options: {
      provider: { type: 'string' },
      region: { type: 'string' },
      gpu: { type: 'string' },
      gpus: { type: 'string' },
      hours: { type: 'string' },
      'store-gb': { type: 'string' },
      'store-at': { type: 'string' },
      'read-gb-per-day': { type: 'string' },
      budget: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean' },
    },
    load: () => import('../commands/init.js'),
  },
  {
    name: 'config',
    summary: 'the effective settings and where each comes from',
    usage: `usage: tollgate config [--json]

Prints every setting tollgate reads from a config file or the environment,
its value, and where it came from. Flags win over the environment, which wins
over the project's tollgate.yml (the working directory's or the nearest
folder's above it), then the user's $XDG_CONFIG_HOME/tollgate/config.yml
(~/.config/tollgate/config.yml), then the defaults:

  format             default --format of report verbs     TOLLGATE_FORMAT
  max_age            --max-age, days                      TOLLGATE_PRICING_MAX_AGE_DAYS
  pricing            override files, before any --pricing (they add up)
  prices             --prices: cache (default) or bundled   TOLLGATE_PRICES
  actuals.source     --source of actuals and the session  TOLLGATE_ACTUALS_SOURCE
  actuals.threshold  --threshold, e.g. 10%                TOLLGATE_THRESHOLD
  scenarios          globs estimate, compare and check read when given no
                     SCENARIO

Paths in a file are relative to that file.

It reads the same files as every other verb (so an error in one shows here
too, as file:line:col), but its own output is not changed by them.

options:
  --json   the settings as JSON: {settings: {KEY: {value, from}}, files}
`,
    options: { json: { type: 'boolean' } },
    load: () => import('../commands/config.js'),
  },
  {
    name: 'completion',
    summary: 'a shell completion script: bash, zsh or fish',
    usage: `usage: tollgate completion bash|zsh|fish

Prints the completion script for the shell: verbs, their options, scenario
files, --format and --provider values, --region, --gpu and instance names from
the bundled catalog, and the --vary paths and --spot groups of the scenarios
already typed. To install it:

  bash   tollgate completion bash > ~/.local/share/bash-completion/completions/tollgate
         (needs the bash-completion package)
  zsh    tollgate completion zsh > "\${fpath[1]}/_tollgate"   (or: source <(tollgate completion zsh))
  fish   tollgate completion fish > ~/.config/fish/completions/tollgate.fish

The script calls \`tollgate completion complete -- WORDS...\` at each Tab.
`,
    options: {},
    load: () => import('../commands/completion.js'),
  },
  {
    name: 'schema',
    summary: 'print the scenario JSON Schema (for editors and validators)',
    usage: `usage: tollgate schema [--out-file FILE]

Prints the JSON Schema of a scenario file, the one the package ships as
scenarios/schema.json: every key described, and the bundled catalog's
providers, regions, instance types and storage classes as enums (narrowed to
each item's provider), so an editor completes them and flags a typo. Point an
editor at it with a first line of
  # yaml-language-server: $schema=PATH/TO/schema.json
(tollgate init writes that line), or save it: tollgate schema --out-file schema.json

options:
${OUT_FILE_USAGE}`,
    options: { ...OUT_FILE_OPTION },
    load: () => import('../commands/schema.js'),
  },
  {
    name: 'comment',
    summary: 'post the cost change and budget check as one pull request comment',
    usage: `usage: tollgate comment github|gitlab|azure-repos|bitbucket SCENARIO...
                [--repo REPO] [--pull-request N] [--base-ref REF]
                [--behavior update|new|hide-and-new|delete-and-new]
                [--on-over-budget fail|comment] [--dry-run] [--timeout TIME]
                [--percentile p95] [--pricing FILE]... [--max-age DAYS]
                [--samples N] [--seed N]

Compares each scenario as it is on the base branch (read with git show
REF:FILE) with the working tree's, checks it against its budget, and posts
both as one comment on the pull/merge request: per scenario the total before
→ after and the change, the lines that changed most, budget use, p95 where
there are ranges, and the pricing tables' dates; the full tables folded.
A scenario new on the branch shows as new.

In a CI job the repository, the request and the base come from its
environment; flags override them:
  github       GITHUB_REPOSITORY, GITHUB_EVENT_PATH (pull_request.number,
               base.sha), GITHUB_BASE_REF; token GITHUB_TOKEN or GH_TOKEN;
               API GITHUB_API_URL (GITHUB_GRAPHQL_URL for hiding)
  gitlab       CI_PROJECT_ID, CI_MERGE_REQUEST_IID,
               CI_MERGE_REQUEST_DIFF_BASE_SHA; token GITLAB_TOKEN (or
               CI_JOB_TOKEN); API CI_API_V4_URL
  azure-repos  SYSTEM_TEAMPROJECT/BUILD_REPOSITORY_ID,
               SYSTEM_PULLREQUEST_PULLREQUESTID, SYSTEM_PULLREQUEST_TARGETBRANCH;
               token SYSTEM_ACCESSTOKEN; API SYSTEM_COLLECTIONURI
  bitbucket    BITBUCKET_REPO_FULL_NAME, BITBUCKET_PR_ID,
               BITBUCKET_PR_DESTINATION_BRANCH; token BITBUCKET_TOKEN;
               API BITBUCKET_API_URL (default https://api.bitbucket.org/2.0)
The token is never printed. Requests rate limited (429) or unavailable (503)
are retried up to 3 times, waiting as Retry-After says (at most 20 s).

exit codes: 0 posted · 2 invalid input, token refused, request not found ·
            1 the forge failed · 3 a scenario over budget (--on-over-budget fail)

options:
  --repo REPO          OWNER/NAME (github, bitbucket), project id or path
                       (gitlab), PROJECT/REPOSITORY (azure-repos)
  --pull-request N     the pull/merge request number
  --base-ref REF       the git revision to compare against (e.g. origin/main)
  --behavior B         update (default): edit tollgate's earlier comment (found
                       by a hidden marker), or post one; new: always post;
                       hide-and-new: collapse earlier ones, then post (GitHub
                       minimizes, Azure closes the thread, GitLab and Bitbucket
                       replace the old text with a pointer); delete-and-new
  --on-over-budget P   fail (default): exit 3 when a scenario is over budget;
                       comment: post and exit 0
  --dry-run            print the comment instead of posting it (no token needed)
  --timeout TIME       the most all requests to the forge together may take,
                       waits for Retry-After included (default 120 s)
  --percentile P       for sampled scenarios: the percentile of the total
                       that must fit the budget (default p95)
  --pricing FILE       a pricing override file; may repeat
  --prices bundled     ignore the catalog that pricing update --all cached
  --max-age DAYS       warn (on stderr, the job's log) when a price used is older
                       than this; default 90, or TOLLGATE_PRICING_MAX_AGE_DAYS
${monteCarloUsage(SAMPLES_ALWAYS, 23)}`,
    options: {
      ...PRICING_OPTION,
      ...MAX_AGE_OPTION,
      ...MONTE_CARLO_OPTIONS,
      repo: { type: 'string' },
      'pull-request': { type: 'string' },
      'base-ref': { type: 'string' },
      behavior: { type: 'string' },
      'on-over-budget': { type: 'string' },
      'dry-run': { type: 'boolean' },
      percentile: { type: 'string' },
      timeout: { type: 'string' },
    },
    load: () => import('../commands/comment.js'),
  },
];
