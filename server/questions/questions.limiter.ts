import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { QuestionLimits } from '../limits/limits.config.js';
import { memoryBackend, type LimiterBackend, type Taken } from '../limits/throttle.js';

/**
 * The public question endpoint's own counters (rate-limiter-flexible, like server/limits): per address, and per
 * device; a request without a device id counts at the device rate for its address. Apart from the chairs'
 * throttles and queues: a flood of questions never delays a command.
 */
export class QuestionLimiter {
  private readonly perAddress: RateLimiterAbstract;
  private readonly perDevice: RateLimiterAbstract;

  constructor(limits: QuestionLimits, backend: LimiterBackend = memoryBackend) {
    this.perAddress = backend('lectern:questions:address', limits.perAddress, limits.windowSeconds);
    this.perDevice = backend('lectern:questions:device', limits.perDevice, limits.windowSeconds);
  }

  /** Takes one question of the address's and the device's (or, without a device, the address's device) budget. */
  async take(address: string, device: string | undefined): Promise<Taken> {
    const byAddress = await consume(this.perAddress, address);
    if (!byAddress.ok) return byAddress;
    return consume(this.perDevice, device ? `device:${device}` : `address:${address}`);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<Taken> {
  try {
    await limiter.consume(key, 1);
    return { ok: true };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
    console.error('[lectern] question rate limiter store failed; letting the question through:', refusal);
    return { ok: true };
  }
}
