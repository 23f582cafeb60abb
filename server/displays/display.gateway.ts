import { DisplayHelloSchema, describeZodError, type HelloResult, type LecternServer } from '../../shared/index.js';
import type { DisplayRegistry } from './display-registry.js';

/**
 * The socket side of the display registry: screens introduce themselves with `display:hello` (on every
 * connect), every event they send counts as contact, and a director socket gets the list as it connects.
 */
export function attachDisplayGateway(io: LecternServer, registry: DisplayRegistry): void {
  io.on('connection', (socket) => {
    // Director sockets (in the directors room, see broadcast/directors.ts) start with the current list.
    if (socket.data.role === 'director') socket.emit('displays:changed', registry.list());
    socket.on('display:hello', (payload: unknown, ack?: unknown) => {
      const parsed = DisplayHelloSchema.safeParse(payload);
      // A hello that does not parse changes nothing; the screen stays unlisted until it sends a good one.
      if (parsed.success) registry.hello(socket, parsed.data);
      if (typeof ack !== 'function') return;
      const result: HelloResult = parsed.success
        ? { ok: true }
        : {
            ok: false,
            error: 'invalid',
            message: 'display:hello needs { page, hallId?, name? }',
            problems: describeZodError(parsed.error),
          };
      (ack as (result: HelloResult) => void)(result);
    });
    socket.onAny(() => registry.seen(socket.id));
    socket.on('disconnect', () => registry.gone(socket.id));
  });
}
