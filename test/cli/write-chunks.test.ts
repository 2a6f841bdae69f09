import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeChunks } from '../../src/cli/write-chunks.js';

describe('writing a large output in pieces', () => {
  it('waits for a slow reader: everything arrives in order, and at most a piece or two is ever buffered', async () => {
    const got: string[] = [];
    let most = 0;
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk, _enc, done) {
        got.push(String(chunk));
        setImmediate(done);
      },
    });
    const pieces = Array.from({ length: 200 }, (_, i) => `piece ${i};`);
    const watched = (function* () {
      for (const p of pieces) {
        most = Math.max(most, slow.writableLength);
        yield p;
      }
    })();
    await writeChunks(slow, watched);
    await new Promise((r) => slow.end(r));
    expect(got.join('')).toBe(pieces.join(''));
    expect(most).toBeLessThanOrEqual(2 * 'piece 199;'.length);
  });

  it('stops, without hanging, when the reader has gone', async () => {
    let written = 0;
    const gone = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, done) {
        written++;
        done(new Error('EPIPE'));
      },
    });
    gone.on('error', () => {});
    await writeChunks(gone, Array.from({ length: 1000 }, () => 'x'));
    expect(written).toBe(1);
  });
});
