import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBucket } from '../../../../server/limits/connection-bucket.js';
import { memoryBackend, Throttle } from '../../../../server/limits/throttle.js';

afterEach(() => vi.useRealTimers());

describe("a connection's own event bucket", () => {
  it('50 a second with bursts of 100: 100 at once, then refused until the second is over, then 50 more', () => {
    const bucket = new ConnectionBucket({ perSecond: 50, burst: 100 });
    const at = 1_000_000;
    const first = Array.from({ length: 101 }, () => bucket.take(at));
    expect(first.filter((t) => t.ok)).toHaveLength(100);
    expect(first[100]).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(bucket.take(at + 400)).toEqual({ ok: false, retryAfterMs: 600 });
    const next = Array.from({ length: 51 }, () => bucket.take(at + 1000));
    expect(next.filter((t) => t.ok)).toHaveLength(50);
  });

  it('answers as the rate-limiter-flexible Throttle on memory did, event for event', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ perSecond: fc.integer({ min: 1, max: 8 }), extra: fc.integer({ min: 0, max: 8 }) }),
        // Mostly floods (no gap, a few ms), now and then a pause past a window's end.
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 11_000 })), {
          minLength: 1,
          maxLength: 80,
        }),
        async ({ perSecond, extra }, gaps) => {
          vi.setSystemTime(1_700_000_000_000);
          const limit = { perSecond, burst: perSecond + extra };
          const bucket = new ConnectionBucket(limit);
          const throttle = new Throttle(memoryBackend, `lectern:test:${Math.random()}`, limit);
          for (const gap of gaps) {
            vi.advanceTimersByTime(gap);
            const taken = bucket.take(Date.now());
            expect(taken).toEqual(await throttle.take('socket'));
            if (!taken.ok) refused += 1;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(refused).toBeGreaterThan(20); // the runs did reach refusals
  });
});
