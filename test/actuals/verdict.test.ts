import { describe, expect, it } from 'vitest';
import type { Comparison, Reconciliation } from '../../src/actuals/reconcile.js';
import { verdict } from '../../src/format/actuals-describe.js';
import { Decimal } from '../../src/model/decimal.js';

function comparison(projected: string, actual: string, flag?: Comparison['flag']): Comparison {
  const p = new Decimal(projected);
  const a = new Decimal(actual);
  return { projected: p, actual: a, difference: a.minus(p), variance: a.minus(p).div(p), ...(flag ? { flag } : {}) };
}

/** Only what the verdict reads: the threshold, the total and the categories. */
function report(total: Comparison, categories: (Comparison & { category: string })[]): Reconciliation {
  return { threshold: new Decimal('0.1'), total, categories } as unknown as Reconciliation;
}

describe('the actuals verdict line', () => {
  it('names what is over the threshold', () => {
    const r = report(comparison('100', '120', 'over'), [{ category: 'egress', ...comparison('10', '30', 'over') }]);
    expect(verdict(r)).toBe('OVER: total +20%, egress +200% past the 10% threshold (exit 4)');
  });

  it('does not call a category that came in far under the plan "within" the threshold', () => {
    // compute 1000 → 5: -99.5%; the total 1100 → 105 is -90.45…%, printed to one place.
    const r = report(comparison('1100', '105', 'under'), [
      { category: 'compute', ...comparison('1000', '5', 'under') },
      { category: 'storage', ...comparison('100', '100') },
    ]);
    expect(verdict(r)).toBe('ok: none over the 10% threshold; under by more than 10%: total -90.5%, compute -99.5%');
  });

  it('says all is within the threshold only when it is', () => {
    const r = report(comparison('100', '95'), [{ category: 'storage', ...comparison('100', '95') }]);
    expect(verdict(r)).toBe('ok: total and every category within 10% of the projection');
  });
});
