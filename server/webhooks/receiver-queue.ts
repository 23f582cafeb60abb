import type { WebhookReceiverStatus } from '../../shared/index.js';
import type { WebhookEvent } from '../config/webhooks.schema.js';
import type { WebhookReceiver } from './webhook-receivers.js';
import { webhookSignature } from './webhook-signature.js';

/** One event for one receiver: its id (the same on every retry, for the receiver to drop repeats) and body. */
export interface Delivery {
  id: string;
  event: WebhookEvent;
  body: string;
}

/** How a delivery ended: received (2xx), given up (after its attempts, or refused by a 4xx), or pushed out. */
export type DeliveryResult = 'delivered' | 'failed' | 'dropped';

/** A receiver's delivery state (shared with the console). */
export type ReceiverStatus = WebhookReceiverStatus;

/** How a queue sends and waits (real by default; tests make it quick). */
export interface QueuePolicy {
  /** Attempts per delivery before it is given up (default 6). */
  maxAttempts: number;
  /** Wait before the 2nd attempt (ms); doubled for each further one, with jitter (default 1000). */
  baseDelayMs: number;
  /** Per request (default 5000). */
  timeoutMs: number;
  /** Deliveries waiting at most; the oldest goes when a new one comes to a full queue (default 1000). */
  maxQueued: number;
  random: () => number;
  /** Wall-clock time (epoch ms): the timestamp header and the status times. */
  wallNow: () => number;
  fetch: typeof fetch;
  userAgent: string;
}

export const DEFAULT_POLICY: Omit<QueuePolicy, 'userAgent'> = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  timeoutMs: 5000,
  maxQueued: 1000,
  random: Math.random,
  wallNow: Date.now,
  fetch: (...args) => fetch(...args),
};

/** Wait before attempt `attempt + 1` (attempt counted from 1): base·2^(attempt−1), half of it random ("equal jitter"). */
export function retryDelay(attempt: number, baseDelayMs: number, random: () => number): number {
  const full = baseDelayMs * 2 ** (attempt - 1);
  return full / 2 + (random() * full) / 2;
}

/** Network errors, timeouts, 5xx and 429 are worth another try; any other answer is the receiver's final word. */
const retryable = (status: number | null) => status === null || status >= 500 || status === 429;

/**
 * One receiver's deliveries, sent one at a time in the order they came (a receiver sees a hall's events in
 * order), each retried with backoff until it is received or given up. Nothing here is awaited by a command.
 */
export class ReceiverQueue {
  private readonly waiting: Delivery[] = [];
  private sending = false;
  private readonly closing = new AbortController();
  private readonly state: Omit<ReceiverStatus, 'url' | 'events' | 'signed' | 'queued'> = {
    delivered: 0,
    failed: 0,
    dropped: 0,
    lastStatus: null,
    lastError: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
  };

  constructor(
    readonly receiver: WebhookReceiver,
    private readonly policy: QueuePolicy,
    private readonly onResult: (result: DeliveryResult) => void = () => {},
  ) {}

  /** Queues a delivery and starts sending if idle; never throws, never waits. */
  enqueue(delivery: Delivery): void {
    if (this.closing.signal.aborted) return;
    if (this.waiting.length >= this.policy.maxQueued) {
      this.waiting.shift();
      this.count('dropped');
    }
    this.waiting.push(delivery);
    if (!this.sending) void this.drain();
  }

  status(): ReceiverStatus {
    return {
      url: this.receiver.shownUrl,
      events: [...this.receiver.events],
      signed: this.receiver.secret !== undefined,
      queued: this.waiting.length + (this.sending ? 1 : 0),
      ...this.state,
    };
  }

  /** Stops: the request on its way is cut, what waits is not sent. */
  close(): void {
    this.closing.abort();
    this.waiting.length = 0;
  }

  private count(result: DeliveryResult): void {
    this.state[result]++;
    this.onResult(result);
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
        const result = await this.deliver(next);
        if (this.closing.signal.aborted) return;
        this.count(result);
      }
    } finally {
      this.sending = false;
    }
  }

  private async deliver(delivery: Delivery): Promise<'delivered' | 'failed'> {
    for (let attempt = 1; ; attempt++) {
      const status = await this.attempt(delivery);
      if (status !== null && status >= 200 && status < 300) return 'delivered';
      if (!retryable(status) || attempt >= this.policy.maxAttempts || this.closing.signal.aborted) return 'failed';
      await this.sleep(retryDelay(attempt, this.policy.baseDelayMs, this.policy.random));
    }
  }

  /** One POST; answers its status, or null when none came (the error is kept in the status). */
  private async attempt(delivery: Delivery): Promise<number | null> {
    const timestamp = String(this.policy.wallNow());
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.policy.userAgent,
      'x-lectern-event': delivery.event,
      'x-lectern-delivery': delivery.id,
      'x-lectern-timestamp': timestamp,
    };
    if (this.receiver.secret) headers['x-lectern-signature'] = webhookSignature(this.receiver.secret, timestamp, delivery.body);
    this.state.lastAttemptAt = this.policy.wallNow();
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
    try {
      const response = await this.policy.fetch(this.receiver.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.any([this.closing.signal, timeout]),
      });
      // The body is not read: a receiver's answer is its status. Dropping it frees the connection.
      void response.body?.cancel().catch(() => {});
      this.state.lastStatus = response.status;
      const ok = response.status >= 200 && response.status < 300;
      this.state.lastError = ok ? null : `HTTP ${response.status}`;
      if (ok) this.state.lastSuccessAt = this.policy.wallNow();
      return response.status;
    } catch (error) {
      this.state.lastStatus = null;
      this.state.lastError = timeout.aborted ? `timeout after ${this.policy.timeoutMs / 1000} s` : errorCode(error);
      return null;
    }
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.closing.signal;
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** A network error by its code (ECONNREFUSED, ENOTFOUND…): fetch's own message is only "fetch failed". */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
