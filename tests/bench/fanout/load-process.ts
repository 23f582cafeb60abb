// One load generator process: opens its share of light screens (tests/bench/fanout/raw-client.ts) on loopback,
// reports how long connecting took and when each change arrived. Bounded: it exits by itself when the bench has
// asked nothing for LOAD_IDLE_SECONDS, or as soon as the bench that forked it goes away; a screen that has no
// snapshot SCREEN_READY_MS after it opened counts as failed (and is closed), so `connected` always comes.
import { epochNow, RawClient } from './raw-client.js';
import type { LoadReply, LoadRequest } from './load-protocol.js';

const LOAD_IDLE_SECONDS = 150;
const SCREEN_READY_MS = 30_000;
let idle: ReturnType<typeof setTimeout> | undefined;
/** (Re)arms the idle bound: called at start and at every request. */
function stillWanted(): void {
  clearTimeout(idle);
  idle = setTimeout(() => process.exit(3), LOAD_IDLE_SECONDS * 1000);
  idle.unref();
}
stillWanted();
process.on('disconnect', () => process.exit(0));

let clients: RawClient[] = [];
/**
 * The frames are parsed once no change has arrived for QUIET_MS (the steps are 300 ms apart), not kept until
 * the bench collects: twenty steps of frames held in a load process grew its heap until major collections,
 * 10-25 ms pauses with every screen of the process waiting, fell inside the later steps' deliveries.
 */
const QUIET_MS = 100;
let lastStamp = 0;
let parseTimer: ReturnType<typeof setTimeout> | undefined;
function parseWhenQuiet(at: number): void {
  lastStamp = at;
  parseTimer ??= setTimeout(function check() {
    const quietFor = epochNow() - lastStamp;
    if (quietFor < QUIET_MS) {
      parseTimer = setTimeout(check, QUIET_MS - quietFor);
      return;
    }
    parseTimer = undefined;
    for (const client of clients) client.reportChanges();
  }, QUIET_MS);
}
/** `${hallId}:${revision}` → arrival times (epoch ms) */
const arrivals = new Map<string, number[]>();

function reply(message: LoadReply): void {
  process.send?.(message);
}

async function connectAll(request: Extract<LoadRequest, { type: 'connect' }>): Promise<void> {
  const startedAt = epochNow();
  let failed = 0;
  let next = 0;
  const open = async () => {
    while (next < request.halls.length) {
      const index = next++;
      const hallId = request.halls[index]!;
      const client = new RawClient({
        wsBase: request.wsBases[index % request.wsBases.length]!,
        hallId,
        onChange: (revision, at) => {
          const key = `${hallId}:${revision}`;
          const list = arrivals.get(key);
          if (list) list.push(at);
          else arrivals.set(key, [at]);
        },
        onStamp: parseWhenQuiet,
      });
      clients.push(client);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no snapshot in time')), SCREEN_READY_MS);
      });
      try {
        await Promise.race([client.ready, late]);
      } catch {
        failed += 1;
        client.close();
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, open));
  const bytes = clients.reduce((sum, c) => sum + c.bytes, 0);
  reply({ type: 'connected', ms: epochNow() - startedAt, failed, bytes, doneAt: epochNow() });
}

process.on('message', (message: LoadRequest) => {
  stillWanted();
  if (message.type === 'connect') void connectAll(message);
  if (message.type === 'collect') {
    for (const client of clients) client.reportChanges();
    const gathered = Object.fromEntries(arrivals);
    arrivals.clear();
    // A full collection now, while the bench waits for this answer, rather than one that the connect storm's
    // garbage brings during the next change steps (this process's pause is its screens' lateness).
    globalThis.gc?.();
    reply({ type: 'arrivals', arrivals: gathered, received: clients.length });
  }
  if (message.type === 'close') {
    for (const client of clients) client.close();
    clients = [];
    reply({ type: 'closed' });
  }
});
reply({ type: 'started' });
