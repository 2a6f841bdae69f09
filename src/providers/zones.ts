import type { ZoneProblem } from './provider.js';

/** AWS and Google name a zone after its region plus a letter (us-east-1a, us-central1-a): `example` is that letter's spelling. */
export function namedAfterRegion(provider: string, example: string): (region: string, zone: string) => ZoneProblem | undefined {
  return (region, zone) =>
    zone.startsWith(region)
      ? undefined
      : { message: `zone ${JSON.stringify(zone)} is not in region ${region}`, suggestion: `${provider} zones are named after their region, e.g. ${region}${example}` };
}
