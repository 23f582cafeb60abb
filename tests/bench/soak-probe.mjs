// Preloaded into the server process by tests/bench/soak.ts (NODE_OPTIONS=--import …): every 2 s, after a full GC,
// appends one JSON line to $LECTERN_SOAK_PROBE with the heap, the live handles and the open sockets. Test harness
// only; the server never loads it on its own.
import { appendFileSync, readdirSync, readlinkSync } from 'node:fs';

const file = process.env.LECTERN_SOAK_PROBE;
if (file) {
  setInterval(() => {
    globalThis.gc?.();
    const fds = readdirSync('/proc/self/fd');
    let sockets = 0;
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets++;
      } catch {
        // closed between the listing and the look
      }
    }
    const memory = process.memoryUsage();
    const sample = {
      at: Date.now(),
      heapUsedMb: memory.heapUsed / 2 ** 20,
      rssMb: memory.rss / 2 ** 20,
      handles: process.getActiveResourcesInfo().length,
      fds: fds.length,
      sockets,
    };
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, 2000).unref();
}
