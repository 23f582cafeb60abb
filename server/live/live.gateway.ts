import { z } from 'zod';
import {
  CommandEnvelopeSchema,
  describeZodError,
  type CommandResult,
  type LecternServer,
  type LecternServerSocket,
  type WatchResult,
} from '../../shared/index.js';
import type { AuthService } from '../auth/auth.service.js';
import { hallRoom } from '../broadcast/broadcaster.js';
import type { Clock } from '../clock.js';
import type { LiveService } from './live.service.js';

const WatchSchema = z.object({ hallId: z.string().min(1).max(60) });
const CommandPayloadSchema = z.object({ hallId: z.string().min(1).max(60) }).and(CommandEnvelopeSchema);

/** Calls an acknowledgement only when the client sent one: a missing or bogus callback never throws. */
function answer<T>(ack: unknown, value: T): void {
  if (typeof ack === 'function') (ack as (value: T) => void)(value);
}

/** Runs a socket handler so that nothing a client sends can crash the server. */
function guarded(socket: LecternServerSocket, name: string, handler: (...args: unknown[]) => unknown) {
  return (...args: unknown[]) => {
    Promise.resolve()
      .then(() => handler(...args))
      .catch((error: unknown) => {
        console.error(`[lectern] socket ${socket.id} ${name} failed:`, error);
        answer(args[args.length - 1], { ok: false, error: 'internal', message: 'the server could not handle this event' });
      });
  };
}

/**
 * The socket.io side of the live engine: displays watch halls, chair panels send commands, every client syncs
 * its clock. A socket authenticates with `auth: { token }` in the handshake; without one it can only watch.
 */
export function attachLiveGateway(io: LecternServer, live: LiveService, auth: AuthService, clock: Clock): void {
  io.use(async (socket, next) => {
    const raw: unknown = socket.handshake.auth?.token;
    if (raw === undefined || raw === null || raw === '') return next();
    const principal = typeof raw === 'string' ? await auth.authenticate(raw) : undefined;
    if (!principal) return next(new Error('unauthorized: unknown or revoked token'));
    socket.data.role = principal.role;
    socket.data.actor = principal.actor;
    socket.data.token = raw as string;
    if (principal.role === 'chair') socket.data.hallId = principal.hallId;
    next();
  });

  // A revoked chair link stops at once on an open panel too: its sockets are dropped, and reconnecting is refused.
  auth.onRevoked((tokenId) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.actor === `chair:${tokenId}`) socket.disconnect(true);
    }
  });

  io.on('connection', (socket) => {
    // An event no gateway handles is ignored, with an error acknowledgement when the client asked for one.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (socket.listeners(event as 'hall:watch').length > 0) return;
      answer(args[args.length - 1], { ok: false, error: 'unknown_event', message: `no such event "${event}"` });
    });

    socket.on(
      'hall:watch',
      guarded(socket, 'hall:watch', (payload, ack) => {
        const parsed = WatchSchema.safeParse(payload);
        if (!parsed.success) {
          const result: WatchResult = {
            ok: false,
            error: 'invalid',
            message: 'hall:watch needs { hallId }',
            problems: describeZodError(parsed.error),
          };
          return answer(ack, result);
        }
        const { hallId } = parsed.data;
        if (!live.hall(hallId))
          return answer<WatchResult>(ack, { ok: false, error: 'not_found', message: `no hall "${hallId}"` });
        void socket.join(hallRoom(hallId));
        const snapshot = live.snapshot(hallId);
        socket.emit('hall:changed', snapshot);
        answer<WatchResult>(ack, { ok: true, snapshot });
      }),
    );

    socket.on(
      'hall:unwatch',
      guarded(socket, 'hall:unwatch', (payload, ack) => {
        const parsed = WatchSchema.safeParse(payload);
        if (parsed.success) void socket.leave(hallRoom(parsed.data.hallId));
        answer(ack, { ok: parsed.success });
      }),
    );

    socket.on(
      'hall:command',
      guarded(socket, 'hall:command', async (payload, ack) => {
        // Checked again on every command, so a token revoked after connecting stops working at once.
        const principal = await auth.authenticate(socket.data.token);
        if (!principal) {
          return answer<CommandResult>(ack, {
            ok: false,
            error: 'unauthorized',
            message: 'connect with a chair or director token to send commands',
          });
        }
        const parsed = CommandPayloadSchema.safeParse(payload);
        if (!parsed.success) {
          const problems = describeZodError(parsed.error);
          return answer<CommandResult>(ack, {
            ok: false,
            error: 'invalid',
            message: `invalid command: ${problems[0]?.path}: ${problems[0]?.message}`,
            problems,
          });
        }
        const { hallId, ...envelope } = parsed.data;
        const result = await live.command(hallId, envelope, principal);
        if (result.ok) return answer<CommandResult>(ack, { ok: true, view: result.view });
        return answer<CommandResult>(ack, {
          ok: false,
          error: result.error,
          message: result.message,
          ...(result.view ? { view: result.view } : {}),
        });
      }),
    );

    socket.on(
      'clock:ping',
      guarded(socket, 'clock:ping', (t0, ack) => {
        const pong = { t0: typeof t0 === 'number' && Number.isFinite(t0) ? t0 : 0, serverTime: clock.now() };
        if (typeof ack === 'function') return answer(ack, pong);
        socket.emit('clock:pong', pong);
      }),
    );
  });
}
