import type { LecternServerSocket } from '../../shared/index.js';
import { answer } from '../socket/guarded.js';
import { ConnectionBucket } from './connection-bucket.js';
import type { BucketLimit } from './limits.config.js';
import { rateLimitedMessage, type Taken } from './throttle.js';

/** The acknowledgement of a refused event: `rate_limited`, how long to wait (ms) and a message. */
export function rateLimitedAnswer(taken: Extract<Taken, { ok: false }>, what: string) {
  return {
    ok: false as const,
    error: 'rate_limited',
    message: rateLimitedMessage(taken.retryAfterMs, what),
    retryAfterMs: taken.retryAfterMs,
  };
}

/**
 * Bounds the events one connection may send (any event): over its bucket an event is dropped unhandled, answered
 * `rate_limited` when it asked for an acknowledgement. The connection itself stays. The bucket is the
 * connection's own (ConnectionBucket), taken synchronously: nothing per event beyond two counters.
 */
export function throttleSocketEvents(socket: LecternServerSocket, limit: BucketLimit): void {
  const bucket = new ConnectionBucket(limit);
  socket.use((packet, next) => {
    const taken = bucket.take(Date.now());
    if (taken.ok) return next();
    answer(packet[packet.length - 1], rateLimitedAnswer(taken, 'events on this connection'));
  });
}
