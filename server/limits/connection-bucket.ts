import { BURST_REFILL_SECONDS, type Taken } from './throttle.js';
import type { BucketLimit } from './limits.config.js';

/** A fixed window: how many were taken in it, and when it ends (epoch ms). */
interface Window {
  taken: number;
  endsAt: number;
}

/**
 * One connection's event bucket, in the connection itself: the same rule as a `Throttle` on memory (`perSecond`
 * in each second, plus a pool of `burst − perSecond` that fills again every BURST_REFILL_SECONDS, each a fixed
 * window from its first event, refused events counted too), without a shared map, a timer per key or a promise
 * per event: a socket lives on one process, and its bucket goes with it. Real time (`now` from Date.now()).
 */
export class ConnectionBucket {
  private readonly steady: Window = { taken: 0, endsAt: 0 };
  private readonly burst: Window = { taken: 0, endsAt: 0 };
  private readonly extra: number;

  constructor(private readonly limit: BucketLimit) {
    this.extra = limit.burst - limit.perSecond;
  }

  take(now: number): Taken {
    if (takeFrom(this.steady, this.limit.perSecond, 1000, now)) return { ok: true };
    if (this.extra <= 0) return { ok: false, retryAfterMs: Math.max(1, this.steady.endsAt - now) };
    if (takeFrom(this.burst, this.extra, BURST_REFILL_SECONDS * 1000, now)) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1, Math.min(this.steady.endsAt - now, this.burst.endsAt - now)) };
  }
}

/** Counts one in `window` (a new window when the last one ended); whether it was within `points`. */
function takeFrom(window: Window, points: number, lengthMs: number, now: number): boolean {
  if (now >= window.endsAt) {
    window.taken = 0;
    window.endsAt = now + lengthMs;
  }
  window.taken += 1;
  return window.taken <= points;
}
