import { describe, expect, it } from 'vitest';
import { ageInDays, staleWarnings } from '../src/pricing/staleness.js';
import type { PricingSource } from '../src/model/pricing-book.js';

const source = (as_of: string, role: PricingSource['role'] = 'bundled'): PricingSource => ({
  provider: 'aws',
  as_of,
  source: 'https://example.test',
  file: role === 'bundled' ? 'pricing/aws.yaml' : 'negotiated.yaml',
  role,
});
const today = new Date('2026-11-25T18:30:00Z');

describe('pricing staleness', () => {
  it('counts whole days between the as_of date and today', () => {
    expect(ageInDays('2026-11-25', today)).toBe(0);
    expect(ageInDays('2026-08-27', today)).toBe(90);
    expect(ageInDays('2025-11-25', today)).toBe(365);
  });

  it('warns only past the limit, and says how to refresh a bundled table', () => {
    expect(staleWarnings([source('2026-08-27')], today)).toEqual([]);
    expect(staleWarnings([source('2026-08-26')], today)).toEqual([
      'warning: pricing/aws.yaml prices are 91 days old (as_of 2026-08-26, older than 90 days); refresh with `tollgate pricing update aws`',
    ]);
    expect(staleWarnings([source('2026-11-01', 'override')], today, 7)).toEqual([
      'warning: negotiated.yaml prices are 24 days old (as_of 2026-11-01, older than 7 days)',
    ]);
  });
});
