import { describe, expect, it } from 'vitest';
import { VERBS } from '../src/cli/verbs.js';
import { wrapHelp } from '../src/cli/help-text.js';
import { runMain } from './pricing/run-main.js';

const A = 'scenarios/feature-store-replicated.yaml';
const B = 'scenarios/feature-store-read-nightly.yaml';
const RECSYS = 'scenarios/recsys-feature-store.yaml';

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

describe('help (issue 16, 5)', () => {
  it('tollgate help, help VERB and every --help fit 80 columns, wrapped not cut', async () => {
    const general = await runMain(['help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('help [VERB]');
    expect(widest(general.stdout)).toBeLessThanOrEqual(80);
    expect((await runMain(['--help'])).stdout).toBe(general.stdout);
    for (const verb of VERBS) {
      const viaHelp = await runMain(['help', verb.name]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe((await runMain([verb.name, '--help'])).stdout);
      expect(widest(viaHelp.stdout), verb.name).toBeLessThanOrEqual(80);
      // Wrapped, not cut: every word of the usage is still there.
      expect(viaHelp.stdout.split(/\s+/).filter(Boolean)).toEqual(verb.usage.split(/\s+/).filter(Boolean));
    }
  });

  it('help for what is not a verb suggests the nearest one; so does a misspelt verb', async () => {
    const r = await runMain(['help', 'estmate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no help for "estmate": not a verb; did you mean estimate?');
    expect((await runMain(['hlep'])).stderr).toContain('unknown verb "hlep"; did you mean help?');
  });

  it('wrapHelp continues a long option under its description', () => {
    const text = `  --samples N       ${'word '.repeat(20).trim()}`;
    const lines = wrapHelp(text).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {20}\S/);
  });
});

describe('--samples says when each verb samples, as it does (issue 14)', () => {
  const SPOT = 'scenarios/h100-training-spot.yaml'; // no ranges, a spot group under the interruption model
  const OD = 'scenarios/h100-training-on-demand.yaml';
  const samplesLine = async (verb: string) => {
    const help = (await runMain(['help', verb])).stdout;
    const at = help.indexOf('  --samples N');
    return help.slice(at, help.indexOf('  --seed N', at)).replace(/\s+/g, ' ');
  };

  it('estimate, check, place, comment: ranges or spot interruptions are always sampled; estimate does so without a flag', async () => {
    for (const verb of ['estimate', 'check', 'place', 'comment']) {
      expect(await samplesLine(verb), verb).toContain("a scenario with ranges or a spot group's interruptions (interruptions_per_hour) is always sampled");
    }
    expect((await runMain(['estimate', SPOT])).stdout).toContain('UNCERTAINTY · 10,000 samples, seed 1, interruptions of 1 spot group');
  });

  it('compare: interruptions alone only with --samples or --seed', async () => {
    expect(await samplesLine('compare')).toContain("a spot group's interruptions alone when --samples or --seed is given");
    expect((await runMain(['compare', OD, SPOT])).stdout).not.toContain('UNCERTAINTY');
    expect((await runMain(['compare', OD, SPOT, '--samples', '200'])).stdout).toContain('UNCERTAINTY · 200 samples');
  });
});

describe('options: did you mean, in our words (issue 16, 5)', () => {
  it('--fromat: the nearest option, no raw parseArgs message', async () => {
    const r = await runMain(['estimate', RECSYS, '--fromat', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tollgate: unknown option --fromat for estimate; did you mean --format?\nRun 'tollgate estimate --help' for usage.\n");
  });

  it('an option without its value, and a flag given one', async () => {
    expect((await runMain(['estimate', RECSYS, '--format'])).stderr).toContain('tollgate: --format needs a value');
    expect((await runMain(['pricing', 'update', 'aws', '--write=yes'])).stderr).toContain('tollgate: --write takes no value');
  });

  it('an option of another verb is named as unknown for this one', async () => {
    const r = await runMain(['compare', A, B, '--percentile', 'p90']);
    expect(r.stderr).toMatch(/unknown option --percentile for compare/);
    expect(r.stderr).not.toMatch(/To specify a positional argument/);
  });
});

describe('every table fits 80 columns (issue 16, 5)', () => {
  const reports: Record<string, string[]> = {
    estimate: ['estimate', RECSYS],
    compare: ['compare', A, B, RECSYS],
    check: ['check', RECSYS, A],
    actuals: ['actuals', RECSYS, '--source', 'sample', '--month', '2026-10'],
    breakeven: ['breakeven', A, B, '--vary', 'transfers.nightly-feature-read.gb_per_day'],
    advise: ['advise', RECSYS],
    'pricing show': ['pricing', 'show'],
    'pricing show --gpu H100': ['pricing', 'show', '--gpu', 'H100'],
    'pricing show --region us-east-1': ['pricing', 'show', '--region', 'us-east-1'],
  };
  for (const [name, argv] of Object.entries(reports)) {
    it(name, async () => {
      const r = await runMain(argv);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    });
  }

  it('pricing show folds a row onto a second line rather than cutting it: every price is there', async () => {
    const lines = (await runMain(['pricing', 'show', '--gpu', 'H100', '--provider', 'aws', '--region', 'us-east-1'])).stdout.split('\n');
    const row = lines.findIndex((l) => /^aws\s+p5\.48xlarge\s+us-east-1/.test(l));
    expect(row).toBeGreaterThan(0);
    // The prices folded under the facts: on-demand, spot, then per GPU-hour with the 1-year commitment last.
    expect(lines[row + 1]).toMatch(/^\s+192\s+2,048\s+\$55\.04\s+\$28\.106467\s+\$6\.88\s+\$3\.513308\s+\$4\.3344$/);
  });
});
