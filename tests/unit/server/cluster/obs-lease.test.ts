import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObsLeaseStatus } from '../../../../shared/index.js';
import { ObsLeases, type LeaseBackend } from '../../../../server/cluster/obs-lease.js';

/** Redis's lease semantics in memory, on the faked clock: SET NX PX, compare-and-renew, compare-and-delete. */
class FakeRedisLeases implements LeaseBackend {
  private readonly keys = new Map<string, { holder: string; expiresAt: number }>();
  /** While set, every call rejects (Redis away). */
  down = false;
  /** While set, every call answers only after this many ms (a slow Redis). */
  delayMs = 0;

  holder(hallId: string): string | null {
    const key = this.keys.get(hallId);
    return key && key.expiresAt > Date.now() ? key.holder : null;
  }

  async takeOrRenew(hallId: string, holder: string, ttlMs: number): Promise<string> {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.down) throw new Error('Connection is closed.');
    const current = this.holder(hallId);
    if (current === null || current === holder) {
      this.keys.set(hallId, { holder, expiresAt: Date.now() + ttlMs });
      return holder;
    }
    return current;
  }

  async release(hallId: string, holder: string): Promise<void> {
    if (this.holder(hallId) === holder) this.keys.delete(hallId);
  }
}

function node(backend: LeaseBackend, nodeId: string) {
  const leases = new ObsLeases({ backend, nodeId, now: () => Date.now(), log: () => undefined });
  const seen: ObsLeaseStatus[] = [];
  return {
    leases,
    seen,
    start: () => leases.start(['namba'], (_hall, status) => seen.push(status)),
    held: () => leases.status('namba').held,
  };
}

let redis: FakeRedisLeases;
beforeEach(() => {
  vi.useFakeTimers();
  redis = new FakeRedisLeases();
});
afterEach(() => vi.useRealTimers());

describe('the OBS lease between nodes', () => {
  it('goes to exactly one of two nodes, and the other knows who holds it', async () => {
    const a = node(redis, 'a');
    const b = node(redis, 'b');
    a.start();
    b.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(a.held()).toBe(true);
    expect(b.held()).toBe(false);
    expect(b.leases.status('namba')).toEqual({ node: 'b', holder: 'a', held: false });
    // Renewed every 2 s: it stays with A as long as A lives.
    await vi.advanceTimersByTimeAsync(30_000);
    expect([a.held(), b.held()]).toEqual([true, false]);
    expect(a.seen.map((s) => s.holder)).toEqual(['a']);
  });

  it('passes to the other node within 10 s once its holder stops renewing (dies)', async () => {
    const a = node(redis, 'a');
    const b = node(redis, 'b');
    a.start();
    await vi.advanceTimersByTimeAsync(10);
    b.start();
    await vi.advanceTimersByTimeAsync(10);
    // kill -9: A's timers stop, nothing is released.
    await vi.advanceTimersByTimeAsync(1500);
    const diedAt = Date.now();
    // A's rounds stop (its process is gone); its lease stays in Redis until the TTL.
    (a.leases as unknown as { closed: boolean }).closed = true;
    let takenAt: number | undefined;
    while (takenAt === undefined && Date.now() - diedAt < 20_000) {
      await vi.advanceTimersByTimeAsync(100);
      if (b.held()) takenAt = Date.now();
    }
    expect(takenAt).toBeDefined();
    expect(takenAt! - diedAt).toBeLessThanOrEqual(10_000);
    // Never earlier than A's lease could have run out in Redis.
    expect(takenAt! - diedAt).toBeGreaterThan(3000);
  });

  it('a holder whose renewal fails stops driving at once, before its lease can expire in Redis', async () => {
    const a = node(redis, 'a');
    const b = node(redis, 'b');
    a.start();
    b.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(a.held()).toBe(true);
    redis.down = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(a.held()).toBe(false);
    expect(a.seen.at(-1)).toEqual({ node: 'a', holder: null, held: false });
    // Redis back: whoever takes it, exactly one node holds it again.
    redis.down = false;
    await vi.advanceTimersByTimeAsync(8000);
    expect([a.held(), b.held()].filter(Boolean)).toHaveLength(1);
  });

  it('a holder whose renewals hang drops the lease by itself before the TTL, and no two nodes ever hold it', async () => {
    const a = node(redis, 'a');
    const b = node(redis, 'b');
    a.start();
    await vi.advanceTimersByTimeAsync(10);
    b.start();
    redis.delayMs = 7000;
    // Sample both nodes every 50 ms for 20 s: never both; A lets go while Redis still has its lease.
    let droppedAt: number | undefined;
    for (let t = 0; t < 20_000; t += 50) {
      await vi.advanceTimersByTimeAsync(50);
      const aHolds = a.held();
      expect(aHolds && b.held()).toBe(false);
      if (!aHolds && droppedAt === undefined) {
        droppedAt = Date.now();
        expect(redis.holder('namba')).toBe('a');
      }
    }
    expect(droppedAt).toBeDefined();
  });

  it('releases on close, so the other node takes over at its next round', async () => {
    const a = node(redis, 'a');
    const b = node(redis, 'b');
    a.start();
    await vi.advanceTimersByTimeAsync(10);
    b.start();
    await vi.advanceTimersByTimeAsync(10);
    await a.leases.close();
    expect(a.held()).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(b.held()).toBe(true);
  });
});
