import { Decimal } from './decimal.js';

/** Plain decimal notation, never exponent form, never rounded: the machine-readable form. */
export function exact(d: Decimal): string {
  return d.toFixed();
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A whole count for people, grouped (10,000) without loading Intl, which costs ~9 ms at start-up. */
export function count(n: number): string {
  return group(String(n));
}

/** Money for people: rounded to cents, grouped, with a sign for negatives. */
export function money(d: Decimal): string {
  const rounded = d.toDecimalPlaces(2);
  const [int, frac] = rounded.abs().toFixed(2).split('.') as [string, string];
  return `${rounded.isNegative() && !rounded.isZero() ? '-' : ''}$${group(int)}.${frac}`;
}

/** A quantity for people: grouped, at most `places` decimals, trailing zeros dropped. */
export function amount(d: Decimal, places = 2): string {
  // Rounding only when there is something to round: a catalog listing formats thousands of rates, most already short.
  const fixed = (d.decimalPlaces() > places ? d.toDecimalPlaces(places) : d).toFixed();
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  const grouped = int.length > 3 ? group(int) : int;
  return dot < 0 ? grouped : `${grouped}${fixed.slice(dot)}`;
}

/** A unit rate for people: enough decimals to show sub-cent rates ($0.0004), no more. */
export function rate(d: Decimal): string {
  return `$${amount(d, 6)}`;
}

export function percent(d: Decimal, places = 1): string {
  return `${d.times(100).toDecimalPlaces(places).toFixed()}%`;
}

const GIB = new Decimal(2).pow(30);

/** Bytes for people, in GiB with two decimals ("5.00 GiB"). */
export function gib(bytes: Decimal): string {
  return `${bytes.div(GIB).toFixed(2)} GiB`;
}
