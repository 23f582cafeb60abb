// One load generator process: opens its share of light screens (tests/bench/fanout/raw-client.ts) on loopback,
// reports how long connecting took and when each change arrived. Bounded: it exits by itself when the bench has
// asked nothing for LOAD_IDLE_SECONDS, or as soon as the bench that forked it goes away; a screen that has no
// snapshot SCREEN_READY_MS after it opened counts as failed (and is closed), so `connected` always comes.
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
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
 * 10-25 ms pauses with every screen of the process waiting, fell inside the later steps' deliveries. And they are
 * parsed a few milliseconds at a time, stopping as soon as a frame arrives: at 10,000 screens the steps overlap,
 * quiet spells are rare, and parsing everything held in one go blocked a load process for 1.4-2.3 s, stamping
 * every frame that arrived meanwhile that late (a whole change step 2 s late, for the floor and Lectern alike).
 */
const QUIET_MS = 100;
const SLICE_MS = 5;
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
    parseSlice(0);
  }, QUIET_MS);
}
/** Parses from client `from` on for SLICE_MS, then yields; a frame stamped meanwhile ends it (and re-arms the timer). */
function parseSlice(from: number): void {
  if (epochNow() - lastStamp < QUIET_MS) return;
  const until = performance.now() + SLICE_MS;
  let next = from;
  while (next < clients.length && performance.now() < until) clients[next++]!.reportChanges();
  if (next < clients.length) setImmediate(parseSlice, next);
}
/** `${hallId}:${revision}` → arrival times (epoch ms) */
const arrivals = new Map<string, number[]>();

/** This process's own pauses since the last collect: a stalled load process makes its screens look late. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let gcMaxMs = 0;
/** GC entries reach the observer after the fact: the collect's own full collection is older than this. */
let pausesSince = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.startTime >= pausesSince) gcMaxMs = Math.max(gcMaxMs, entry.duration);
}).observe({ entryTypes: ['gc'] });

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
    const pauses = { loopMaxMs: loopDelay.max / 1e6, gcMaxMs };
    // A full collection now, while the bench waits for this answer, rather than one that the connect storm's
    // garbage brings during the next change steps (this process's pause is its screens' lateness).
    globalThis.gc?.();
    loopDelay.reset(); // after the collection above, so that its pause counts towards nothing
    gcMaxMs = 0;
    pausesSince = performance.now();
    reply({ type: 'arrivals', arrivals: gathered, received: clients.length, pauses });
  }
  if (message.type === 'close') {
    for (const client of clients) client.close();
    clients = [];
    reply({ type: 'closed' });
  }
});
reply({ type: 'started' });
