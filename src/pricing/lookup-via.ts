import type { Decimal } from '../model/decimal.js';
import type { Network, PricingTableInput, Tier } from '../model/pricing.js';
import { didYouMean, listSome } from '../model/suggest.js';
import { LookupError, rowDate } from './lookup.js';

/**
 * The rates of the paths a transfer can take (`via:`), one lookup each. A
 * table without the row is a lookup error at the transfer's `via` that says
 * so: such rates are left out rather than guessed.
 */
function row<K extends 'gateway_endpoint' | 'interface_endpoint' | 'cdn' | 'interconnect'>(
  table: PricingTableInput,
  key: K,
  via: string,
): NonNullable<Network[K]> {
  const found = table.network?.[key];
  if (!found) {
    throw new LookupError(
      `via: ${via} is not priced for ${table.provider}: the ${table.provider} table has no network.${key} rates (no published figure was confirmed)`,
      `price it in a pricing override file (network.${key}), or remove via: ${via}`,
      'via',
    );
  }
  return found as NonNullable<Network[K]>;
}

function inRegion<T>(rates: Record<string, T>, region: string, what: string, table: PricingTableInput): T {
  const rate = rates[region];
  if (rate === undefined) {
    throw new LookupError(
      `no ${table.provider} ${what} price for ${region}`,
      `${what} is priced in: ${listSome(Object.keys(rates))}; or add ${region} in a pricing override file`,
      'via',
    );
  }
  return rate;
}

export function gatewayEndpointRate(table: PricingTableInput): { rate: Decimal; as_of?: string } {
  return row(table, 'gateway_endpoint', 'gateway-endpoint');
}

export function interfaceEndpointRates(table: PricingTableInput, region: string): { name: string; perAzHour: Decimal; perGB: Tier[]; as_of?: string } {
  const r = row(table, 'interface_endpoint', 'vpc-endpoint');
  return {
    ...rowDate(table, r.as_of),
    name: r.name ?? 'interface endpoint',
    perAzHour: inRegion(r.per_az_hour, region, 'interface endpoint', table),
    perGB: inRegion(r.per_gb, region, 'interface endpoint processing', table),
  };
}

export function cdnRates(table: PricingTableInput): NonNullable<Network['cdn']> {
  return row(table, 'cdn', 'cdn');
}

export function interconnectRates(
  table: PricingTableInput,
  region: string,
  port: string | undefined,
): { name: string; port: string; perPortHour: Decimal; perGB: Decimal; assumption?: string; as_of?: string } {
  const r = row(table, 'interconnect', 'interconnect');
  const speed = port ?? r.default_port;
  const byRegion = r.ports[speed];
  if (!byRegion) {
    const hint = didYouMean(speed, Object.keys(r.ports));
    throw new LookupError(
      `no ${r.name} port ${JSON.stringify(speed)} in the ${table.provider} table`,
      hint ?? `ports: ${listSome(Object.keys(r.ports))}`,
      'port',
    );
  }
  return {
    ...rowDate(table, r.as_of),
    name: r.name,
    port: speed,
    perPortHour: inRegion(byRegion, region, `${r.name} ${speed} port`, table),
    perGB: inRegion(r.per_gb, region, `${r.name} data transfer out`, table),
    ...(r.assumption ? { assumption: r.assumption } : {}),
  };
}
