import type { LecternServerSocket } from '../../shared/index.js';
import { answer } from '../socket/guarded.js';
import { rateLimitedMessage, type Throttle, type Taken } from './throttle.js';

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
 * `rate_limited` when it asked for an acknowledgement. The connection itself stays.
 */
export function throttleSocketEvents(socket: LecternServerSocket, throttle: Throttle): void {
  socket.use((packet, next) => {
    void throttle.take(socket.id).then((taken) => {
      if (taken.ok) return next();
      answer(packet[packet.length - 1], rateLimitedAnswer(taken, 'events on this connection'));
    });
  });
}
