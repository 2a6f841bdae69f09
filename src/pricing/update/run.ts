import { InputError } from '../../model/diagnostics.js';
import type { Provider } from '../../model/scenario.js';
import { cloud } from '../../providers/index.js';
import type { Fetch, FetchRequest } from '../../providers/provider.js';
import { RemoteGaveUp } from '../../remote/discipline.js';
import { describeFetchError, PricingApiError } from './errors.js';

/** Fetch and map one provider's rates; any failure of the API becomes a PricingApiError saying what to do. */
export async function fetchPrices(provider: Provider, req: FetchRequest): Promise<Fetch> {
  try {
    return await cloud(provider).prices.fetch(req);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof RemoteGaveUp) throw new PricingApiError(`${e.message}; nothing was written`);
    throw new PricingApiError(describeFetchError(provider, e));
  }
}
