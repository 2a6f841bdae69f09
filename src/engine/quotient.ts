import { Decimal } from '../model/decimal.js';

const WORD = 10_000_000n; // decimal.js keeps digits in base-10^7 words
const POW10: bigint[] = [1n];

export function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

/** |x| as coefficient × 10^exponent, the coefficient an integer (x finite; zero is coefficient 0). */
export function integerForm(x: Decimal): { c: bigint; digits: number; exponent: number } {
  const words = x.d;
  let c = BigInt(words[0]!);
  let digits = String(words[0]).length;
  for (let i = 1; i < words.length; i++) {
    c = c * WORD + BigInt(words[i]!);
    digits += 7;
  }
  return { c, digits, exponent: x.e - digits + 1 };
}

/**
 * `a.div(b)`, the same Decimal to the last digit, in integers. decimal.js divides
 * by a divisor of more than one base-10^7 word in a long division that costs ~3 µs
 * and ~3 KB of garbage a call; a tiered aggregate's every line divides by the
 * aggregate (each line's fraction of it), so on 10^5 lines that division was the
 * largest part of pricing. The quotient is taken to Decimal's precision and
 * rounded half-even as Decimal rounds it (decimal.js division is correctly
 * rounded, so both give the one nearest value); any other case (another rounding
 * mode, a zero or non-finite operand, a one-word divisor, which decimal.js
 * divides fast itself) is `a.div(b)`. test/engine/quotient.test.ts checks them equal.
 */
export function quotient(a: Decimal, b: Decimal): Decimal {
  if (Decimal.rounding !== Decimal.ROUND_HALF_EVEN || !a.d || !b.d || b.d.length < 2 || a.isZero() || b.isZero()) return a.div(b);
  const p = Decimal.precision;
  const x = integerForm(a);
  const y = integerForm(b);
  // Scaled so the integer quotient has p or p + 1 digits.
  const k = Math.max(0, p - (x.digits - y.digits));
  let q = (x.c * pow10(k)) / y.c;
  let r = x.c * pow10(k) - q * y.c;
  let den = y.c;
  let scale = k;
  const extra = q.toString().length - p;
  if (extra > 0) {
    const drop = pow10(extra);
    const low = q % drop;
    q /= drop;
    // What was cut off, over its denominator: (low·den + r) / (drop·den).
    r = low * den + r;
    den *= drop;
    scale -= extra;
  }
  const twice = 2n * r;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  return new Decimal(`${a.s === b.s ? '' : '-'}${q}e${x.exponent - y.exponent - scale}`);
}
