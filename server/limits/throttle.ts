import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { BucketLimit, RateLimits } from './limits.config.js';

/**
 * Where the counters live: one rate-limiter-flexible limiter of `points` per `durationSec`, under `name`.
 * Memory by default; the multi-node mode passes one that returns a `RateLimiterRedis` on the shared Redis
 * (same options plus `storeClient`), so every node counts a token's commands together.
 */
export type LimiterBackend = (name: string, points: number, durationSec: number) => RateLimiterAbstract;

/** Counters in this process's memory (one node). */
export const memoryBackend: LimiterBackend = (name, points, duration) =>
  new RateLimiterMemory({ keyPrefix: name, points, duration });

/**
 * Counters in Redis, shared by every node on it (`--redis`): a token's commands count together wherever they
 * land. While Redis is away the limiter answers at once instead of queueing (`rejectIfRedisNotReady`), and
 * `Throttle.take` lets the request through: the command itself then answers 503 `store_unavailable`.
 */
export function redisBackend(client: Redis, prefix: string): LimiterBackend {
  return (name, points, duration) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${prefix}limits:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
    });
}

/**
 * Counters in the primary process of `--workers N` (rate-limiter-flexible's cluster limiter, over the workers'
 * IPC channel): a token's requests count together on every worker. An answer slower than `timeoutMs` lets the
 * request through (`Throttle.take`).
 */
export const clusterBackend: LimiterBackend = (name, points, duration) =>
  new RateLimiterCluster({ keyPrefix: name, points, duration, timeoutMs: 1000 });

/** How long the burst pool (`burst − perSecond` requests above the sustained rate) takes to fill again, in s. */
export const BURST_REFILL_SECONDS = 10;

/** The answer of a throttle: go on, or wait `retryAfterMs` (ms) before trying again. */
export type Taken = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A token bucket per key (a token's actor, an address): `perSecond` requests in every second, plus
 * a pool of `burst − perSecond` for bursts that fills again every BURST_REFILL_SECONDS (rate-limiter-flexible's
 * BurstyRateLimiter). A refused request does not move the moment the key may send again: each window ends when
 * it ends, however much was refused in it. Counted in real time (the limiter's own clock), not the rehearsal clock:
 * a flood is a flood at any `--clock`.
 */
export class Throttle {
  private readonly limiter: Pick<RateLimiterAbstract, 'consume'>;
  /** Whether the last take found the store failing (logged once per outage, not per request). */
  private storeFailing = false;

  constructor(
    backend: LimiterBackend,
    name: string,
    limit: BucketLimit,
    /** Where a failing store is reported (the server's log). */
    private readonly warn: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
  ) {
    const steady = backend(`${name}:rate`, limit.perSecond, 1);
    const extra = limit.burst - limit.perSecond;
    this.limiter = extra > 0 ? new BurstyRateLimiter(steady, backend(`${name}:burst`, extra, BURST_REFILL_SECONDS)) : steady;
  }

  /** Takes one request of `key`'s bucket. A store that fails (Redis away) lets the request through, and says so. */
  async take(key: string): Promise<Taken> {
    try {
      await this.limiter.consume(key, 1);
      this.storeFailing = false;
      return { ok: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
      if (!this.storeFailing) this.warn('rate limiter store failed; letting requests through until it is back', refusal);
      this.storeFailing = true;
      return { ok: true };
    }
  }
}

/**
 * The throttles of a server: per token, per address without a token, and the limit of each socket connection
 * (a bucket each connection keeps itself: server/limits/connection-bucket.ts).
 */
export interface Throttles {
  token: Throttle;
  address: Throttle;
  socket: BucketLimit;
}

/** Builds the throttles of `limits` on a backend (memory unless the multi-node mode passes Redis). */
export function createThrottles(
  limits: RateLimits,
  backend: LimiterBackend = memoryBackend,
  warn?: (message: string, error: unknown) => void,
): Throttles {
  return {
    token: new Throttle(backend, 'lectern:token', limits.token, warn),
    address: new Throttle(backend, 'lectern:address', limits.address, warn),
    // Per connection: a socket lives on one process, so its bucket stays with it whatever the backend.
    socket: limits.socket,
  };
}

/** A Retry-After header value: whole seconds, at least 1. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** The message of a refusal, for a person. */
export function rateLimitedMessage(retryAfterMs: number, what = 'requests'): string {
  return `too many ${what}: try again in ${retryAfterSeconds(retryAfterMs)} s`;
}
