import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers.js';
import { loadDoc } from '../../src/tui/load.js';
import { initialSession, reduce, type Action, type Session } from '../../src/tui/state.js';

export const RECSYS = join(REPO, 'scenarios/recsys-feature-store.yaml');
/** p4d.24xlarge on-demand in us-east-1, bundled aws table. */
export const P4D_RATE = '21.957642';

/** A private copy of the bundled example, so tests may save over it. */
export function recsysCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-tui-'));
  const file = join(dir, 'recsys.yaml');
  copyFileSync(RECSYS, file);
  return file;
}

export function scenarioFile(yaml: string, name = 'plan.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tollgate-tui-')), name);
  writeFileSync(file, yaml);
  return file;
}

export function session(files: string[] = [RECSYS], size = { cols: 80, rows: 24 }): Session {
  return initialSession(files.map((f) => loadDoc(f)), size);
}

export function run(s: Session, ...actions: Action[]): Session {
  return actions.reduce(reduce, s);
}

/** A small plan with a spot-priced GPU group, a zoned group and two transfers. */
export const SMALL = `name: small
nodes:
  - name: h200s          # spot is listed for p5en
    provider: aws
    region: us-east-1
    instance: p5en.48xlarge
    count: 2
    hours: 100
  - name: api
    provider: aws
    region: us-east-1
    zone: us-east-1a
    instance: m7i.xlarge
    count: 1
storage:
  - name: lake
    provider: aws
    region: us-east-1
    class: s3-standard
    gb: 1000
transfers:
  - name: pull
    from: aws:us-east-1
    to: "gcp:us-central1"
    gb_per_day: 10
    days: 30
  - name: out
    from: aws:us-east-1
    to: internet
    gb_per_month: 50
`;

/** A plan with ranges, priced against the bundled aws and gcp tables: trainer count and hours drive its spread. */
export const RANGED = `name: ranged
budget: {monthly: 15000}
nodes:
  - name: trainers
    provider: aws
    region: us-east-1
    instance: p4d.24xlarge
    count: {low: 1, expected: 2, high: 4}
    hours: {low: 100, expected: 200, high: 300}
storage:
  - name: lake
    provider: aws
    region: us-east-1
    class: s3-standard
    gb: {low: 5000, expected: 10000, high: 40000}
transfers:
  - name: pull
    from: aws:us-east-1
    to: "gcp:us-central1"
    gb_per_month: {p50: 3000, p95: 12000}
`;

/** A plan of `count` nodes of `instance` all month, `gb` in S3 and a nightly cross-cloud pull. */
export const planOf = (name: string, instance: string, count: number, gb: number, gbPerDay: number) => `name: ${name}
nodes:
  - name: trainers
    provider: aws
    region: us-east-1
    instance: ${instance}
    count: ${count}
storage:
  - name: feature-store
    provider: aws
    region: us-east-1
    class: s3-standard
    gb: ${gb}
transfers:
  - name: nightly-pull
    from: aws:us-east-1
    to: "gcp:us-central1"
    gb_per_day: ${gbPerDay}
    days: 30
`;

/** A gang of two p5en on spot under the interruption model, with comments on its lines. */
export const SPOT_GANG = `name: buying
nodes:
  - name: train              # the fine-tune
    provider: aws
    region: us-east-1
    instance: p5en.48xlarge
    count: 2
    hours: 100               # useful hours
    purchase: spot           # cheap, interruptible
    interruptions_per_hour: 0.05
    checkpoint_every_hours: 1
    restart_hours: 0.25
    gang: true
`;
