import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { QuestionLimits } from '../limits/limits.config.js';
import { memoryBackend, type LimiterBackend, type Taken } from '../limits/throttle.js';
import type { Logger } from '../observability/logger.js';

/**
 * The public question endpoint's own counters (rate-limiter-flexible, like server/limits): per address, and per
 * device; a request without a device id counts at the device rate for its address. Apart from the chairs'
 * throttles and queues: a flood of questions never delays a command.
 */
export class QuestionLimiter {
  private readonly perAddress: RateLimiterAbstract;
  private readonly perDevice: RateLimiterAbstract;
  /** Whether the last take found the store failing (logged once per outage, not per question). */
  private storeFailing = false;

  constructor(
    limits: QuestionLimits,
    /** Where a failing store is reported (the server's log). */
    private readonly log: Logger,
    backend: LimiterBackend = memoryBackend,
  ) {
    this.perAddress = backend('lectern:questions:address', limits.perAddress, limits.windowSeconds);
    this.perDevice = backend('lectern:questions:device', limits.perDevice, limits.windowSeconds);
  }

  /** Takes one question of the address's and the device's (or, without a device, the address's device) budget. */
  async take(address: string, device: string | undefined): Promise<Taken> {
    const byAddress = await this.consume(this.perAddress, address);
    if (!byAddress.ok) return byAddress;
    return this.consume(this.perDevice, device ? `device:${device}` : `address:${address}`);
  }

  /** One of `key`'s budget. A store that fails (Redis away) lets the question through, and says so once. */
  private async consume(limiter: RateLimiterAbstract, key: string): Promise<Taken> {
    try {
      await limiter.consume(key, 1);
      this.storeFailing = false;
      return { ok: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
      if (!this.storeFailing) {
        this.log.warn({ err: refusal }, 'question rate limiter store failed; letting questions through until it is back');
      }
      this.storeFailing = true;
      return { ok: true };
    }
  }
}
