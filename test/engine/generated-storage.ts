import type { Decimal } from '../../src/model/decimal.js';
import type { StorageLine } from '../../src/model/scenario.js';

/** Generated stored volumes as storage lines: S3 Standard in us-east-1 or GCS Standard in us-central1 (both tiered or flat in the fixture tables). */
export function storageLines(stores: readonly { gb: Decimal; cls: string }[]): StorageLine[] {
  return stores.map((s, i) => ({
    name: `s${i}`,
    provider: s.cls as 'aws' | 'gcp',
    region: s.cls === 'aws' ? 'us-east-1' : 'us-central1',
    class: s.cls === 'aws' ? 's3-standard' : 'gcs-standard',
    gb: s.gb,
  }));
}
