import { logger } from '../observability/logger.js';
import { HallWatchSchema, type LecternServerSocket } from '../../shared/index.js';
import { StoreUnavailableError } from '../store/store.js';

/** Calls an acknowledgement only when the client sent one: a missing or bogus callback never throws. */
export function answer<T>(ack: unknown, value: T): void {
  if (typeof ack === 'function') (ack as (value: T) => void)(value);
}

/**
 * Wraps a socket handler so that nothing a client sends can crash the server: a throw or a rejection is logged
 * and answered `internal` (when the client asked for an answer). Every argument arrives `unknown`.
 */
export function guarded(socket: LecternServerSocket, name: string, handler: (...args: unknown[]) => unknown) {
  return (...args: unknown[]): void => {
    Promise.resolve()
      .then(() => handler(...args))
      .catch((error: unknown) => {
        if (error instanceof StoreUnavailableError) {
          return answer(args[args.length - 1], { ok: false, error: 'store_unavailable', message: error.message });
        }
        logger().error({ err: error, socket: socket.id, event: name }, `socket event ${name} failed`);
        answer(args[args.length - 1], { ok: false, error: 'internal', message: 'the server could not handle this event' });
      });
  };
}

/** An event no handler group registered is ignored, with an `unknown_event` answer when the client asked for one. */
export function answerUnknownEvents(socket: LecternServerSocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (socket.listeners(event as 'hall:watch').length > 0) return;
    answer(args[args.length - 1], { ok: false, error: 'unknown_event', message: `no such event "${event}"` });
  });
}

/** `hall:unwatch` and `questions:unwatch`: leave the room of the hall the payload names; answer whether it named one. */
export function leaveOnUnwatch(
  socket: LecternServerSocket,
  event: 'hall:unwatch' | 'questions:unwatch',
  roomOf: (hallId: string) => string,
): void {
  socket.on(
    event,
    guarded(socket, event, (payload, ack) => {
      const parsed = HallWatchSchema.safeParse(payload);
      if (parsed.success) void socket.leave(roomOf(parsed.data.hallId));
      answer(ack, { ok: parsed.success });
    }),
  );
}
