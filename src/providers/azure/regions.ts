/**
 * Azure region names as billing exports write them → the region ids of the
 * pricing tables ("eastus"). FOCUS RegionId is already the id; older exports
 * and RegionName give the display name ("East US 2"), and meter regions put
 * the geography first ("US East 2", "EU West", "JA East").
 */
const GEOGRAPHY_LAST: Readonly<Record<string, string>> = { US: 'us', EU: 'europe', AP: 'asia', IN: 'india' };
const GEOGRAPHY_FIRST: Readonly<Record<string, string>> = {
  JA: 'japan',
  UK: 'uk',
  CA: 'canada',
  AU: 'australia',
  KR: 'korea',
  FR: 'france',
  DE: 'germany',
  CH: 'switzerland',
  NO: 'norway',
  SE: 'sweden',
  BR: 'brazil',
  ZA: 'southafrica',
  AE: 'uae',
};

export function azureRegionId(name: string): string {
  const words = name.trim().split(/\s+/);
  const [code, ...rest] = words;
  const where = rest.join('').toLowerCase();
  const number = /\d+$/.exec(where)?.[0] ?? '';
  const direction = where.slice(0, where.length - number.length);
  const last = code ? GEOGRAPHY_LAST[code] : undefined;
  if (last && direction) return `${direction}${last}${number}`;
  const first = code ? GEOGRAPHY_FIRST[code] : undefined;
  if (first && direction) return `${first}${where}`;
  return words.join('').toLowerCase();
}
