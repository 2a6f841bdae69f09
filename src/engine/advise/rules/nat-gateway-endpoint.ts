import type { Rule } from '../rule.js';
import { itemName, pricedTransfers } from './plan-lines.js';

/**
 * Traffic between private nodes and S3 in their region pays the NAT
 * gateway's per-GB processing on top of a free path; a gateway VPC endpoint
 * (`via: gateway-endpoint`: no hourly fee, no per-GB fee) on the subnets'
 * route tables takes it off the NAT. S3 and DynamoDB are the two services with
 * gateway endpoints; a plan names S3 buckets (storage: items) but no DynamoDB
 * table yet, so only S3 items are matched (traffic to a DynamoDB table written
 * as provider:region is nat-to-interface-endpoint's, whose note names the gateway).
 */
export const natGatewayEndpoint: Rule = {
  id: 'nat-to-gateway-endpoint',
  when: 'traffic between nodes and S3 in their region goes via: nat-gateway',
  instead: 'a gateway endpoint (free; S3 and DynamoDB have them), so the traffic no longer passes the NAT gateway',
  priced: 'the engine prices the plan with via: gateway-endpoint (no charge, no NAT)',
  propose(ctx) {
    return pricedTransfers(ctx)
      .filter(({ transfer: t, path, line }) => t.via === 'nat-gateway' && line.provider === 'aws' && path === 'same-region-storage' && [t.from, t.to].some((e) => itemName(e, 'storage')))
      .map(({ transfer: t }) => ({
        subject: `transfers.${t.name}`,
        alternative: 'an S3 gateway endpoint on the route tables of the nodes\u2019 subnets: no hourly or per-GB charge',
        edits: [{ kind: 'set', section: 'transfers', name: t.name, field: 'via', value: 'gateway-endpoint' }],
        notes: [
          'the S3 path in the region stays free; only the NAT gateway\u2019s processing (and its hourly fee, if nothing else uses it) goes',
        ],
      }));
  },
};
