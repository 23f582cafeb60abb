import { DisplayHelloSchema, describeZodError, type HelloResult, type LecternServerSocket } from '../../shared/index.js';
import type { SocketDeps } from './socket-app.js';
import { answer, guarded } from './guarded.js';

/**
 * The display registry over the socket: a screen introduces itself with `display:hello` (on every connect),
 * every event it sends counts as contact, and its disconnect takes it off the list.
 */
export function registerDisplayHandlers(socket: LecternServerSocket, { displays }: SocketDeps): void {
  socket.on(
    'display:hello',
    guarded(socket, 'display:hello', (payload, ack) => {
      const parsed = DisplayHelloSchema.safeParse(payload);
      // A hello that does not parse changes nothing; the screen stays unlisted until it sends a good one.
      if (parsed.success) displays.hello(socket, parsed.data);
      answer<HelloResult>(
        ack,
        parsed.success
          ? { ok: true }
          : {
              ok: false,
              error: 'invalid',
              message: 'display:hello needs { page, hallId?, name? }',
              problems: describeZodError(parsed.error),
            },
      );
    }),
  );
  socket.onAny(() => displays.seen(socket.id));
  socket.on('disconnect', () => displays.gone(socket.id));
}
