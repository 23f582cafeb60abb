import {
  HallCommandPayloadSchema,
  HallWatchSchema,
  describeZodError,
  type CommandResult,
  type LecternServerSocket,
  type WatchResult,
} from '../../shared/index.js';
import { hallRoom } from '../broadcast/broadcaster.js';
import { socketAddress } from '../displays/display-registry.js';
import { commandHall } from '../live/command-hall.js';
import { rateLimitedAnswer } from '../limits/throttle.socket.js';
import type { SocketDeps } from './socket-app.js';
import { answer, guarded, leaveOnUnwatch } from './guarded.js';

/**
 * The live engine over the socket: screens watch halls (`hall:watch`, `hall:unwatch`), chair panels send
 * `hall:command`, every client syncs its clock (`clock:ping`).
 */
export function registerLiveHandlers(socket: LecternServerSocket, { live, auth, clock, throttles }: SocketDeps): void {
  socket.on(
    'hall:watch',
    guarded(socket, 'hall:watch', (payload, ack) => {
      const parsed = HallWatchSchema.safeParse(payload);
      if (!parsed.success) {
        return answer<WatchResult>(ack, {
          ok: false,
          error: 'invalid',
          message: 'hall:watch needs { hallId }',
          problems: describeZodError(parsed.error),
        });
      }
      const { hallId } = parsed.data;
      if (!live.hall(hallId)) return answer<WatchResult>(ack, { ok: false, error: 'not_found', message: `no hall "${hallId}"` });
      void socket.join(hallRoom(hallId));
      const snapshot = live.watchSnapshot(hallId);
      socket.emit('hall:changed', snapshot);
      answer<WatchResult>(ack, { ok: true, snapshot });
    }),
  );

  leaveOnUnwatch(socket, 'hall:unwatch', hallRoom);

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
      // The same bucket as the token's HTTP commands: a refused command is not read, applied or broadcast.
      const taken = await throttles.token.take(principal.actor);
      if (!taken.ok) return answer<CommandResult>(ack, rateLimitedAnswer(taken, 'commands from this token'));
      const parsed = HallCommandPayloadSchema.safeParse(payload);
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
      const result = await commandHall(live, principal, hallId, envelope, socketAddress(socket));
      if (result.ok) return answer<CommandResult>(ack, { ok: true, view: result.view });
      answer<CommandResult>(ack, {
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
}
