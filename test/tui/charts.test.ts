import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { planBar, sparkline } from '../../src/tui/charts.js';

const d = (...v: number[]) => v.map((x) => new Decimal(x));

describe('planBar', () => {
  it('spent within the plan is █ and the unspent rest ░, scaled to the plan', () => {
    expect(planBar(new Decimal(100), new Decimal(75), 8)).toBe('██████░░');
  });

  it('spent past the plan is ▓ beyond the planned length, scaled to the spend', () => {
    expect(planBar(new Decimal(75), new Decimal(100), 8)).toBe('██████▓▓');
  });

  it('nothing planned: all of it ▓; nothing at all: blank', () => {
    expect(planBar(new Decimal(0), new Decimal(5), 4)).toBe('▓▓▓▓');
    expect(planBar(new Decimal(0), new Decimal(0), 4)).toBe('    ');
  });
});

describe('sparkline', () => {
  it('one cell per day, lowest ▁ to highest █', () => {
    expect(sparkline(d(0, 1, 2, 3, 4, 5, 6, 7))).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline(d(700, 820, 760))).toBe('▁█▅');
  });

  it('a flat series sits in the middle; no series draws nothing', () => {
    expect(sparkline(d(5, 5, 5))).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
  });
});
