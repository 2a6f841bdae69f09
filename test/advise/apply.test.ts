import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/engine/advise/advise.js';
import { appliedText } from '../../src/commands/advise-apply.js';
import { loadScenario, parseScenario } from '../../src/model/load-scenario.js';
import { priceLoaded, projectFile } from '../../src/projection.js';
import { REPO } from '../helpers.js';
import { runMain } from '../pricing/run-main.js';

const examples = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));

describe('advise --apply: what is written costs what the finding says', () => {
  it('every bundled example: each finding with a change, written back and re-read, prices at its "after" total exactly', () => {
    const checked: string[] = [];
    for (const name of examples) {
      const p = projectFile(join(REPO, 'scenarios', name));
      const comments = p.loaded.source.text.split('\n').filter((l) => l.trimStart().startsWith('#'));
      for (const f of advise(p.loaded.scenario, p.book).findings.filter((x) => x.edits.length)) {
        const text = appliedText(p.loaded.source.text, p.loaded.scenario, f);
        expect(text, `${name} ${f.subject}`).toBeDefined();
        expect(priceLoaded(parseScenario(text!, p.loaded.file), p.book).totals.total.toFixed(), `${name} ${f.subject}`).toBe(f.after.toFixed());
        // Only the changed lines differ: every comment line of the file is still there.
        for (const c of comments) expect(text).toContain(c);
        checked.push(`${name} ${f.rule}`);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'recsys-as-deployed.yaml nat-to-gateway-endpoint',
        'recsys-as-deployed.yaml cross-cloud-replica',
        'feature-store-read-nightly.yaml cross-cloud-replica',
        'single-cloud-training.yaml inter-zone-to-one-zone',
      ]),
    );
  });

  it('the CLI writes the NAT finding into a copy of the as-deployed example: one value changed, nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-advise-'));
    const file = join(dir, 'as-deployed.yaml');
    copyFileSync(join(REPO, 'scenarios', 'recsys-as-deployed.yaml'), file);
    const before = readFileSync(file, 'utf8');
    const r = await runMain(['advise', file, '--apply', '2', '--max-age', '100000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('applied finding 2 (transfers.checkpoint-sync)');
    expect(r.stderr).toContain('$20,985.21 → $20,917.71/month');
    expect(readFileSync(file, 'utf8')).toBe(before.replace('    gb_per_month: 1500\n    via: nat-gateway\n', '    gb_per_month: 1500\n    via: gateway-endpoint\n'));
    expect(loadScenario(file).scenario.transfers!.find((t) => t.name === 'checkpoint-sync')!.via).toBe('gateway-endpoint');
  });

  it('the CDN and interface-endpoint findings: --apply adds the via: line under the transfer, comments kept, and estimate agrees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-advise-'));
    const file = join(dir, 'serving.yaml');
    const before = `# serving in us-east-1
name: serving
nodes:
  - name: api               # private subnets
    provider: aws
    region: us-east-1
    zone: us-east-1a
    instance: m7i.xlarge
    count: 1
transfers:
  - name: predictions       # to users, straight out of EC2
    from: nodes:api
    to: internet
    gb_per_month: 20000     # ~650 GB a day
  - name: registry          # image pulls from ECR through the NAT
    from: aws:us-east-1
    to: nodes:api
    gb_per_month: 3000
    via: nat-gateway        # private subnets
  - {name: pulls, from: internet, to: nodes:api, gb_per_month: 10, via: nat-gateway}
`;
    writeFileSync(file, before);
    const cdn = await runMain(['advise', file, '--apply', '1', '--max-age', '100000']);
    expect(cdn.code).toBe(0);
    expect(cdn.stderr).toContain('applied finding 1 (transfers.predictions)');
    const withCdn = before.replace('    gb_per_month: 20000     # ~650 GB a day\n', '    gb_per_month: 20000     # ~650 GB a day\n    via: cdn\n');
    expect(readFileSync(file, 'utf8')).toBe(withCdn);
    const endpoint = await runMain(['advise', file, '--apply', '1', '--max-age', '100000']);
    expect(endpoint.code).toBe(0);
    expect(endpoint.stderr).toContain('applied finding 1 (transfers.registry)');
    expect(readFileSync(file, 'utf8')).toBe(withCdn.replace('    via: nat-gateway        # private subnets', '    via: vpc-endpoint        # private subnets'));
    const est = await runMain(['estimate', file, '--format', 'json', '--max-age', '100000']);
    // 20,000 GB through CloudFront (1,564.16) and the endpoint (30 + 7.30) in place of egress (1,742.20) and NAT processing (135).
    // m7i 730 × 0.2016 + CloudFront 1,564.16 + registry inter-zone 60 + endpoint 30 + 7.30 + the NAT for pulls 0.45 + 32.85.
    expect(JSON.parse(est.stdout).totals.total).toBe('1841.928');
    expect(JSON.parse(est.stdout).lines.map((l: { kind: string }) => l.kind)).toEqual(expect.arrayContaining(['cdn-delivery', 'endpoint-processing', 'endpoint-hours']));
  });

  it('a commitment finding writes the purchase into the group; a number past the list, or not a number, is refused with exit 2 and nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-advise-'));
    const file = join(dir, 'recsys.yaml');
    copyFileSync(join(REPO, 'scenarios', 'recsys-feature-store.yaml'), file);
    const before = readFileSync(file, 'utf8');
    const past = await runMain(['advise', file, '--apply', '9', '--max-age', '100000']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--apply 9: there are 2 findings');
    expect((await runMain(['advise', file, '--apply', 'x'])).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const applied = await runMain(['advise', file, '--apply', '1', '--max-age', '100000']);
    expect(applied.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toMatch(/purchase: committed-use/);
    expect(after).toMatch(/term: 3y/);
    // every comment the user wrote is still there
    for (const c of before.match(/#.*$/gm) ?? []) expect(after).toContain(c.trim());
    const est = await runMain(['estimate', file, '--format', 'json', '--max-age', '100000']);
    // the serving line is now 6 × 730 × $0.384130899 (the 3-year CUD bills every hour), the rest of the plan as before
    expect(JSON.parse(est.stdout).totals.total).toBe('21205.698936124638671875');
  });

  it('the commitment edit writes purchase, term, payment, plan in that order into a flow map, and the comment stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-advise-'));
    const file = join(dir, 'flow.yaml');
    writeFileSync(file, 'name: flow\nnodes: [{name: gpu, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 2}] # two nodes\n');
    const applied = await runMain(['advise', file, '--apply', '1', '--max-age', '100000']);
    expect(applied.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      'name: flow\nnodes: [{name: gpu, provider: aws, region: us-east-1, instance: p5.48xlarge, count: 2, purchase: reserved, term: 3y, payment: no-upfront, plan: standard}] # two nodes\n',
    );
  });
});
