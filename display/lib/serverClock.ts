import { ref, type Ref } from 'vue';
import { bestOffset, type ClockSample, type LecternClientSocket } from '../../shared/index.js';

/** How often a screen re-syncs its clock with the server (ms). */
const SYNC_INTERVAL_MS = 30_000;
/** Samples kept; the one with the smallest round trip wins. */
const SAMPLES_KEPT = 8;

/**
 * Server time on this screen, NTP style: pings the server, keeps the offset of the fastest round trip,
 * and ticks with the monotonic `performance.now()`, so a screen whose own clock is wrong still shows
 * the right time.
 */
export interface ServerClock {
  /** Server time now (epoch ms). */
  now(): number;
  /** True once at least one sample arrived. */
  synced: Ref<boolean>;
  /** Runs a burst of samples now (on connect and reconnect). */
  sync(): void;
  stop(): void;
}

export function createServerClock(socket: LecternClientSocket): ServerClock {
  const samples: ClockSample[] = [];
  const synced = ref(false);
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
        offset = best;
        synced.value = true;
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
    sync,
    stop: () => clearInterval(timer),
  };
}
