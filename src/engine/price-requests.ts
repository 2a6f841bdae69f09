import { Decimal } from '../model/decimal.js';
import type { LineItem } from '../model/estimate.js';
import type { PricingBook } from '../model/pricing-book.js';
import type { StorageLine } from '../model/scenario.js';
import { requestRate, tableFor, type RequestOp } from '../pricing/lookup.js';

const THOUSAND = new Decimal(1000);

const OPS: readonly { op: RequestOp; field: 'get_requests_per_month' | 'put_requests_per_month'; what: string }[] = [
  { op: 'get', field: 'get_requests_per_month', what: 'read (GET) requests' },
  { op: 'put', field: 'put_requests_per_month', what: 'write/list (PUT, COPY, POST, LIST) requests' },
];

/**
 * Object-storage request charges: one line per storage item and kind of
 * request, quantity in thousands of requests × the class's rate per 1,000 in
 * its region. Request fees are flat per class and region, so no aggregate.
 */
export function priceRequests(
  lines: readonly StorageLine[],
  book: PricingBook,
  fail: (path: (string | number)[], e: unknown) => void,
  assume: (text: string) => void,
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
        const quantity = count.div(THOUSAND);
        out.push({
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
        });
      } catch (e) {
        fail(['storage', index], e);
      }
    }
  });
  return out;
}
