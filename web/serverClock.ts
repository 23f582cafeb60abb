import { ref, type Ref } from 'vue';
import { bestOffset, type ClockSample, type LecternClientSocket } from '../shared/index.js';

/** How often a screen re-syncs its clock with the server (ms). */
const SYNC_INTERVAL_MS = 30_000;
/** Samples kept; the one with the smallest round trip wins. */
const SAMPLES_KEPT = 8;
/** An offset change a screen redraws for at once instead of at its next tick (ms). */
const NOTICEABLE_MS = 100;

/**
 * Server time on this screen, NTP style: pings the server, keeps the offset of the fastest round trip,
 * and ticks with the monotonic `performance.now()`, so a screen whose own clock is wrong still shows
 * the right time.
 */
export interface ServerClock {
  /** Server time now (epoch ms). */
  now(): number;
  /** True once at least one sample arrived: before it, `now()` is only the screen's own clock. */
  synced: Ref<boolean>;
  /** Bumped when the offset moves by a noticeable amount (the first sync, a server on another clock). */
  offsetVersion: Ref<number>;
  /** Runs a burst of samples now (on connect and reconnect). */
  sync(): void;
  stop(): void;
}

export function createServerClock(socket: LecternClientSocket): ServerClock {
  const samples: ClockSample[] = [];
  const synced = ref(false);
  const offsetVersion = ref(0);
  // Before the first sample, trust the screen's own clock.
  let offset = Date.now() - performance.now();

  function sampleOnce(): void {
    const t0 = performance.now();
    // An answer that never comes (server gone) is simply never counted.
    socket.emit('clock:ping', t0, (pong) => {
      if (typeof pong?.serverTime !== 'number') return;
      samples.push({ t0, serverTime: pong.serverTime, t1: performance.now() });
      if (samples.length > SAMPLES_KEPT) samples.shift();
      const best = bestOffset(samples);
      if (best !== null) {
        const moved = !synced.value || Math.abs(best - offset) >= NOTICEABLE_MS;
        offset = best;
        synced.value = true;
        if (moved) offsetVersion.value++;
      }
    });
  }

  function sync(): void {
    // A short burst: the fastest of a few round trips is the truest.
    for (let i = 0; i < 4; i++) setTimeout(sampleOnce, i * 250);
  }

  const timer = setInterval(sampleOnce, SYNC_INTERVAL_MS);
  socket.on('connect', () => {
    samples.length = 0;
    sync();
  });
  if (socket.connected) sync();

  return {
    now: () => performance.now() + offset,
    synced,
    offsetVersion,
    sync,
    stop: () => clearInterval(timer),
  };
}
