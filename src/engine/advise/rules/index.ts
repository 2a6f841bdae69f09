import type { Rule } from '../rule.js';
import { commitment } from './commitment.js';
import { crossCloudReplica } from './cross-cloud-replica.js';
import { egressToCdn } from './egress-to-cdn.js';
import { natGatewayEndpoint } from './nat-gateway-endpoint.js';
import { natInterfaceEndpoint } from './nat-interface-endpoint.js';
import { oneZone } from './one-zone.js';
import { spotToOnDemand } from './spot-to-on-demand.js';

/** Every rule `advise` runs, in the order the docs list them. */
export const RULES: readonly Rule[] = [natGatewayEndpoint, natInterfaceEndpoint, egressToCdn, crossCloudReplica, oneZone, commitment, spotToOnDemand];
