import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from '../src/redact.js';

describe('redact', () => {
  it('removes the values of credential variables, whatever their shape', () => {
    const env = { AWS_SECRET_ACCESS_KEY: 'abc/def+ghi', AWS_SESSION_TOKEN: 'plain-words-session', GITHUB_TOKEN: 'xyzzy-token-1', AWS_PROFILE: 'prod-account' };
    const text = 'failed: abc/def+ghi then plain-words-session and xyzzy-token-1 with profile prod-account';
    expect(redact(text, env)).toBe(`failed: ${REDACTED} then ${REDACTED} and ${REDACTED} with profile prod-account`);
  });

  it('keeps the values of variables that only say where a credential is', () => {
    const env = { GOOGLE_APPLICATION_CREDENTIALS: '/home/me/adc.json', AWS_SHARED_CREDENTIALS_FILE: '/home/me/.aws/credentials' };
    expect(redact('read /home/me/adc.json', env)).toBe('read /home/me/adc.json');
  });

  it('removes text shaped like well-known keys and tokens', () => {
    const cases = [
      'AKIAIOSFODNN7EXAMPLE',
      'ya29.a0AfH6SMBx3kLmNoPqRsTuVwXyZ0123456789',
      'AIzaSyA-1234567890abcdefghijklmnopqrstu',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'glpat-abcdefghij0123456789',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD',
    ];
    for (const c of cases) expect(redact(`the service said: ${c} is invalid`, {})).toBe(`the service said: ${REDACTED} is invalid`);
    expect(redact('Authorization: Bearer abcdefghijklmnopqrstuvwxyz', {})).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', {})).toBe(`AWS_SECRET_ACCESS_KEY=${REDACTED}`);
    expect(redact('{"api_key": "s3cr3t-value"}', {})).toBe(`{"api_key": "${REDACTED}"}`);
  });

  it('leaves ordinary report text alone', () => {
    const text = 'trainers  aws us-east-1  p4d.24xlarge × 4  800 h  $17,566.11\nNextPageToken repeated; Cost Explorer requests: 2 ($0.02)';
    expect(redact(text, {})).toBe(text);
  });

  it('never leaves a credential value in any text it is embedded in', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string(), fc.string(), (secret, before, after) => {
        fc.pre(!secret.includes(REDACTED));
        const out = redact(`${before}${secret}${after}`, { MY_API_KEY: secret });
        expect(out).not.toContain(secret);
      }),
    );
  });
});
