import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '../../src/actuals/reconcile.js';
import { Decimal } from '../../src/model/decimal.js';
import { estimatedDaysText } from '../../src/tui/actuals-text.js';

const days = (estimated: number[]) =>
  ({ daily: Array.from({ length: 31 }, (_, i) => ({ day: `2026-10-${String(i + 1).padStart(2, '0')}`, cost: new Decimal(1), estimated: estimated.includes(i + 1) })) }) as Reconciliation;

describe('estimatedDaysText', () => {
  it('is absent when every day is final', () => {
    expect(estimatedDaysText(days([]))).toBeUndefined();
  });

  it('names one day, a run of days as first…last, scattered days one by one', () => {
    expect(estimatedDaysText(days([31]))).toBe('  ~ estimated by the provider, not final: 10-31');
    expect(estimatedDaysText(days([29, 30, 31]))).toBe('  ~ estimated by the provider, not final: 10-29…10-31');
    expect(estimatedDaysText(days([5, 30, 31]))).toBe('  ~ estimated by the provider, not final: 10-05, 10-30, 10-31');
  });
});
