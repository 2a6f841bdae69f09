import { amount, money, rate } from '../../../model/numbers.js';
import { tableFor } from '../../../pricing/lookup.js';
import { interfaceEndpointRates } from '../../../pricing/lookup-via.js';
import type { Proposal, Rule } from '../rule.js';
import { crossing } from './crossing.js';
import { pricedTransfers } from './plan-lines.js';
import { volumeOf, withTransferField } from './volume.js';

/** Paths inside one region: where an interface endpoint reaches the service (price-via's vpc-endpoint fit). */
const IN_REGION = new Set(['same-zone', 'inter-zone', 'same-region-storage']);

/**
 * Private nodes that reach another service of their cloud in the same region
 * (a registry, a queue, an API) through the NAT gateway pay its per-GB
 * processing on every GB. An interface endpoint (PrivateLink) reaches the
 * service privately for an hourly fee per AZ and a smaller per-GB fee: it
 * pays above a volume, which the finding states. S3 and DynamoDB are the
 * gateway endpoint's (free): object storage with a gateway-endpoint rate is
 * left to that rule.
 */
export const natInterfaceEndpoint: Rule = {
  id: 'nat-to-interface-endpoint',
  when: 'traffic between nodes and another service of their cloud in the same region goes via: nat-gateway',
  instead: 'an interface endpoint (PrivateLink): hours per AZ and a per-GB fee instead of the NAT gateway\u2019s processing, when cheaper at that volume',
  priced: 'the engine prices the plan with via: vpc-endpoint (1 AZ: endpoint hours and tiered processing, no NAT); the volume where it pays is shown',
  propose(ctx) {
    const out: Proposal[] = [];
    for (const { transfer: t, path, line } of pricedTransfers(ctx)) {
      if (t.via !== 'nat-gateway' || !IN_REGION.has(path) || line.provider === undefined || line.region === undefined) continue;
      const table = tableFor(ctx.book, line.provider);
      if (path === 'same-region-storage' && table.network?.gateway_endpoint) continue;
      let ep;
      try {
        ep = interfaceEndpointRates(table, line.region);
      } catch {
        continue; // no interface endpoint rates for this region: nothing to price it against
      }
      const { field, now, unit } = volumeOf(t);
      const perAz = ep.perAzHour.times(ctx.hoursPerMonth);
      out.push({
        subject: `transfers.${t.name}`,
        alternative: `an ${ep.name} in ${line.region}, 1 AZ: ${ctx.hoursPerMonth} h \u00d7 ${rate(ep.perAzHour)} and from ${rate(ep.perGB[0]!.rate)}/GB processed instead of the NAT\u2019s`,
        edits: [{ kind: 'set', section: 'transfers', name: t.name, field: 'via', value: 'vpc-endpoint' }],
        notes: [
          `each further AZ the endpoint serves adds ${money(perAz)}/month (endpoint_azs: N)`,
          ...(table.network?.gateway_endpoint ? ['if the service is S3 or DynamoDB, a gateway endpoint is free instead: for S3, name the bucket as a storage: end and use via: gateway-endpoint'] : []),
        ],
        explain(c, after) {
          const note = crossing(
            c,
            (x) => withTransferField(c.scenario, t.name, field, x),
            (x) => withTransferField(after, t.name, field, x),
            now,
            (at) => `break-even: the endpoint pays above ${amount(at)} ${unit} through it (now ${amount(now)})`,
            'the endpoint stays cheaper',
            unit,
          );
          return note ? [note] : [];
        },
      });
    }
    return out;
  },
};
