import { describe, expect, it } from 'vitest';
import { formatEstimateHtml } from '../../src/format/html/estimate.js';
import { estimateYaml } from '../helpers.js';

describe('HTML report escaping', () => {
  // Scenario names are validated to [A-Za-z0-9._-], but the renderer must not rely on that (assumptions, descriptions, pricing sources are free text).
  it('a scenario or line name with markup is shown as text, never run or parsed as HTML', () => {
    const e = estimateYaml('name: p\nnodes: [{name: n, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1, hours: 10}]\n');
    const html = formatEstimateHtml([{ ...e, scenario: '<script>alert(1)</script>', lines: e.lines.map((l) => ({ ...l, name: 'a"><img src=x onerror=alert(1)>' })) }]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-scenario="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the page can make no request: a CSP of default-src none, no script, link, font or image', () => {
    const html = formatEstimateHtml([estimateYaml('name: p\nnodes: [{name: n, provider: aws, region: us-east-1, instance: p4d.24xlarge, count: 1}]\n')]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(script|link|img|iframe|object)\b|@import|url\(/i);
  });
});
