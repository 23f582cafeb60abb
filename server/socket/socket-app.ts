import type { LecternServer, LecternServerSocket } from '../../shared/index.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Clock } from '../clock.js';
import type { DisplayRegistry } from '../displays/display-registry.js';
import type { LiveService } from '../live/live.service.js';
import type { Throttles } from '../limits/throttle.js';
import type { QuestionsService } from '../questions/questions.service.js';
import { throttleSocketEvents } from '../limits/throttle.socket.js';
import { registerDirectorHandlers } from './director.handlers.js';
import { registerDisplayHandlers } from './display.handlers.js';
import { answerUnknownEvents } from './guarded.js';
import { registerLiveHandlers } from './live.handlers.js';
import { registerQuestionHandlers } from './questions.handlers.js';

/** What the socket handler groups work with. */
export interface SocketDeps {
  live: LiveService;
  auth: AuthService;
  clock: Clock;
  displays: DisplayRegistry;
  /** Flood protection: events per connection, commands per token (server/limits). */
  throttles: Throttles;
  /** Audience questions (server/questions). */
  questions: QuestionsService;
}

/** Sets what the server knows of a socket from its handshake token (none: a read-only screen). */
async function authenticateSocket(auth: AuthService, socket: LecternServerSocket): Promise<Error | undefined> {
  const raw: unknown = socket.handshake.auth?.token;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const principal = typeof raw === 'string' ? await auth.authenticate(raw) : undefined;
  if (!principal) return new Error('unauthorized: unknown or revoked token');
  socket.data.role = principal.role;
  socket.data.actor = principal.actor;
  socket.data.token = raw as string;
  if (principal.role !== 'director') socket.data.hallId = principal.hallId;
  return undefined;
}

/** The room of every socket that authenticated as one actor ("chair:<token id>"). */
function actorRoom(actor: string): string {
  return `actor:${actor}`;
}

/**
 * The socket.io application, in one place: one middleware authenticates the handshake (`auth: { token }`;
 * without one a socket can only watch), one connection handler registers every handler group (live, displays,
 * directors, questions) after the unknown-event answer, and a revoked token's open sockets are dropped.
 */
export function createSocketApp(io: LecternServer, deps: SocketDeps): void {
  io.use((socket, next) => {
    authenticateSocket(deps.auth, socket).then(
      (error) => next(error),
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });

  // A revoked chair (or moderator) link stops at once on an open panel too: its sockets are dropped (on every node, through the
  // adapter), and reconnecting is refused.
  deps.auth.onRevoked((tokenId) =>
    io.in([actorRoom(`chair:${tokenId}`), actorRoom(`moderator:${tokenId}`)]).disconnectSockets(true),
  );

  io.on('connection', (socket) => {
    throttleSocketEvents(socket, deps.throttles.socket);
    if (socket.data.actor) void socket.join(actorRoom(socket.data.actor));
    answerUnknownEvents(socket);
    registerLiveHandlers(socket, deps);
    registerDisplayHandlers(socket, deps);
    registerDirectorHandlers(socket, deps);
    registerQuestionHandlers(socket, deps);
  });
}
