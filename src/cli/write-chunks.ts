/**
 * Write the pieces of a large output one after another, waiting whenever the
 * stream's buffer is full: a pipe read slower than tollgate writes (`| jq`,
 * `| gzip`) would otherwise hold the whole output in memory (a 10^6-line
 * plan's JSON is about 1 GB) and fail with ENOBUFS. Stops, without waiting,
 * once the stream is gone (its reader closed it).
 */
export async function writeChunks(out: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  const stream = out as NodeJS.WritableStream & { destroyed?: boolean };
  for (const chunk of chunks) {
    if (stream.destroyed) return;
    if (out.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        out.off('error', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
      out.on('error', done);
    });
  }
}
