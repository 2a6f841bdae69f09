import { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { StorageLine } from '../model/scenario.js';
import { requestRate, tableFor, type RequestOp } from '../pricing/lookup.js';
import type { PricingTrace } from './trace.js';

/** Requests are priced per thousand: a product by 1/1000 (trace.ts), the same Decimal as a division by 1000. */
const PER_THOUSAND = new Decimal('0.001');

const OPS: readonly { op: RequestOp; field: 'get_requests_per_month' | 'put_requests_per_month'; what: string }[] = [
  { op: 'get', field: 'get_requests_per_month', what: 'read (GET) requests' },
  { op: 'put', field: 'put_requests_per_month', what: 'write/list (PUT, COPY, POST, LIST) requests' },
];

/**
 * Object-storage request charges: one line per storage item and kind of
 * request, quantity in thousands of requests × the class's rate per 1,000 in
 * its region. Request fees are flat per class and region, so no aggregate;
 * `trace` hears each line's count as its quantity's only field.
 */
export function priceRequests(
  lines: readonly StorageLine[],
  book: PricingBook,
  fail: (path: (string | number)[], e: unknown) => void,
  assume: (text: string) => void,
  trace?: PricingTrace,
): LineItem[] {
  const out: LineItem[] = [];
  lines.forEach((line, index) => {
    for (const { op, field, what } of OPS) {
      const count = line[field];
      if (count === undefined) continue;
      try {
        const table = tableFor(book, line.provider);
        const rate = requestRate(table, line.class, line.region, op);
        const requests = table.storage?.[line.class]?.requests;
        if (requests?.assumption) assume(`${line.provider} ${line.class} requests: ${requests.assumption}`);
        const quantityOf = (l: StorageLine) => l[field]!.times(PER_THOUSAND);
        const quantity = quantityOf(line);
        const item: LineItem = {
          kind: `${op}-requests`,
          name: line.name,
          category: 'storage',
          provider: line.provider,
          region: line.region,
          description: `${table.storage?.[line.class]?.description ?? line.class} ${what}, ${count} a month`,
          quantity,
          unit: '1K requests',
          rate,
          cost: quantity.times(rate),
          ref: ['storage', index, field],
        };
        out.push(item);
        trace?.line(item, quantityOf, [field, PER_THOUSAND]);
      } catch (e) {
        fail(['storage', index], e);
      }
    }
  });
  return out;
}
