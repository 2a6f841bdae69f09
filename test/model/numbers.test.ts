import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { amount, rate } from '../../src/model/numbers.js';

// amount() rounds only when a figure has more decimals than it shows: both paths must print the same way.
describe('amount and rate', () => {
  it('rounds half to even past the places shown, and drops trailing zeros', () => {
    expect(amount(new Decimal('2.345'))).toBe('2.34');
    expect(amount(new Decimal('2.355'))).toBe('2.36');
    expect(amount(new Decimal('1.999'))).toBe('2');
    expect(rate(new Decimal('19.36206').div(8))).toBe('$2.420258');
  });
  it('leaves short figures as written, trailing zeros of the text dropped', () => {
    expect(amount(new Decimal('4.50'))).toBe('4.5');
    expect(amount(new Decimal('768'))).toBe('768');
    expect(rate(new Decimal('0.0004'))).toBe('$0.0004');
  });
  it('groups integers of four digits and more, signs included', () => {
    expect(amount(new Decimal('1234.5'))).toBe('1,234.5');
    expect(amount(new Decimal('-1234567'))).toBe('-1,234,567');
    expect(amount(new Decimal('-123'))).toBe('-123');
    expect(rate(new Decimal('98.3200001'))).toBe('$98.32');
  });
});
