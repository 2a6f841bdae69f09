// The questions `tollgate init` asks, in order. Each has the flag that answers it
// without a prompt, a default, and a parser that throws AnswerError on a bad answer.
import type { PricingTableInput } from '../model/pricing.js';
import type { Provider } from '../model/scenario.js';
import { listSome } from '../model/suggest.js';
import { checkRegion, chooseNodes, gpuModels, parseEndpoint, parseProvider, positive, regionsOf, type InitAnswers } from './plan.js';

type Draft = Partial<InitAnswers>;
type Tables = Partial<Record<Provider, PricingTableInput>>;

export interface Question {
  flag: string;
  prompt: (d: Draft, t: Tables) => string;
  /** undefined: the answer may be left empty (no value). */
  fallback: (d: Draft, t: Tables) => string | undefined;
  apply: (value: string, d: Draft, t: Tables) => void;
  /** Asked only when this holds. */
  when?: (d: Draft) => boolean;
}

const here = (d: Draft) => `${d.provider}:${d.region}`;

export const QUESTIONS: Question[] = [
  {
    flag: 'provider',
    prompt: () => 'Cloud provider (aws, gcp, azure)',
    fallback: () => 'aws',
    apply: (v, d) => void (d.provider = parseProvider(v)),
  },
  {
    flag: 'region',
    // The catalog prices dozens of regions: the prompt names the first few (a typo still gets "did you mean").
    prompt: (d, t) => `Region (priced: ${listSome(regionsOf(t[d.provider!]!))})`,
    fallback: (d, t) => regionsOf(t[d.provider!]!)[0],
    apply: (v, d, t) => void (d.region = checkRegion(t[d.provider!]!, v)),
  },
  {
    flag: 'gpu',
    prompt: (d, t) => `GPU model (priced in ${d.region}: ${gpuModels(t[d.provider!]!, d.region!).join(', ')})`,
    fallback: (d, t) => {
      const models = gpuModels(t[d.provider!]!, d.region!);
      return models.includes('H100') ? 'H100' : models[0];
    },
    apply: (v, d, t) => {
      chooseNodes(t[d.provider!]!, d.region!, v, 1);
      d.gpu = v;
    },
  },
  {
    flag: 'gpus',
    prompt: () => 'How many GPUs in total',
    fallback: () => '8',
    apply: (v, d) => void (d.gpus = positive('gpus', v, { integer: true })),
  },
  {
    flag: 'hours',
    prompt: () => 'Hours each node runs per month (730 = all month)',
    fallback: () => '730',
    apply: (v, d) => void (d.hours = positive('hours', v)),
  },
  {
    flag: 'store-gb',
    prompt: () => 'Feature store size in GB (0 for none)',
    fallback: () => '0',
    apply: (v, d) => void (d.storeGb = positive('store-gb', v, { zero: true })),
  },
  {
    flag: 'store-at',
    prompt: () => 'Where the feature store lives, provider:region',
    fallback: here,
    apply: (v, d, t) => {
      const at = parseEndpoint(v, t);
      d.storeAt = `${at.provider}:${at.region}`;
    },
    when: (d) => (d.storeGb ?? 0) > 0,
  },
  {
    flag: 'read-gb-per-day',
    prompt: () => 'GB the nodes read from the store per day',
    fallback: () => undefined,
    apply: (v, d) => void (d.readGbPerDay = positive('read-gb-per-day', v, { zero: true })),
    when: (d) => (d.storeGb ?? 0) > 0 && d.storeAt !== here(d),
  },
  {
    flag: 'budget',
    prompt: () => 'Monthly budget in USD (empty for none)',
    fallback: () => '',
    apply: (v, d) => {
      if (v.trim() !== '') d.budget = positive('budget', v);
    },
  },
];
