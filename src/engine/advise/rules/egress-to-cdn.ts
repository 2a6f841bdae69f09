import { Decimal } from '../../../model/decimal.js';
import { parseEndpoint } from '../../../model/endpoint.js';
import { amount, rate } from '../../../model/numbers.js';
import { tableFor } from '../../../pricing/lookup.js';
import type { Proposal, Rule } from '../rule.js';
import { crossing } from './crossing.js';
import { pricedTransfers } from './plan-lines.js';
import { withTransferField } from './volume.js';

/**
 * What a plan sends straight to the internet (predictions, downloads to
 * users) pays the cloud's internet egress tiers. The same bytes through the
 * cloud's CDN pay the CDN's own tiers (often with a larger free allowance),
 * the origin fetch (free from an AWS origin) and a request fee. Which is
 * cheaper depends on the volume and the requests, so the engine prices both;
 * a plan that does not say its requests gets the request count up to which
 * the CDN still pays.
 */
export const egressToCdn: Rule = {
  id: 'egress-to-cdn',
  when: 'a transfer to the internet priced on the cloud\u2019s internet egress (no via:), whose table has CDN rates',
  instead: 'the cloud\u2019s CDN in front of it (via: cdn): its delivery tiers, origin fetch and request fee, when cheaper at that volume',
  priced: 'the engine prices the plan with via: cdn (the CDN\u2019s tiers on the provider-wide total, its request fee when requests_per_month is given)',
  propose(ctx) {
    const out: Proposal[] = [];
    for (const { transfer: t, path, line } of pricedTransfers(ctx)) {
      if (t.via !== undefined || path !== 'internet' || parseEndpoint(t.to).kind !== 'internet' || line.provider === undefined) continue;
      const cdn = tableFor(ctx.book, line.provider).network?.cdn;
      if (!cdn) continue;
      out.push({
        subject: `transfers.${t.name}`,
        alternative: `${cdn.name} in front of ${t.from}: ${cdn.name}\u2019s delivery tiers instead of ${line.provider} internet egress, origin fetch ${cdn.origin_fetch.isZero() ? 'free' : `${rate(cdn.origin_fetch)}/GB`}`,
        edits: [{ kind: 'set', section: 'transfers', name: t.name, field: 'via', value: 'cdn' }],
        notes: [`a CDN serves what viewers fetch (cacheable responses and downloads); ${cdn.assumption ?? 'its rates are the table\u2019s'}`],
        explain(c, after) {
          const requests = cdn.requests;
          const saving = c.total(c.scenario)?.minus(c.total(after) ?? 0);
          if (t.requests_per_month !== undefined || !requests || !saving?.gt(0)) return [];
          // The request fee is not in the figure: say up to how many requests a month the CDN still pays.
          // It cannot pay past the free requests plus the saving at the cheapest charged rate.
          const charged = requests.tiers.filter((x) => x.rate.gt(0));
          if (charged.length === 0) return [];
          const free = requests.tiers.filter((x) => x.rate.isZero() && x.up_to !== undefined).reduce((m, x) => Decimal.max(m, x.up_to!), new Decimal(0));
          const cheapest = Decimal.min(...charged.map((x) => x.rate));
          const million = new Decimal(1e6);
          const high = free.plus(saving.div(cheapest)).times(requests.per).div(million).times(2).ceil();
          const note = crossing(
            c,
            () => c.scenario,
            (x) => withTransferField(after, t.name, 'requests_per_month', x.times(million)),
            high,
            (at) => `not in the figure: ${cdn.name}\u2019s request fee (requests_per_month not given); it still pays below ${amount(at)} million requests a month`,
            'the CDN pays whatever the requests',
            'million requests a month',
            high,
          );
          return note ? [note] : [];
        },
      });
    }
    return out;
  },
};
