import type { LecternServer } from '../../shared/index.js';

/** The socket.io room of every socket that authenticated with a director token. */
export const DIRECTORS_ROOM = 'directors';

/**
 * Puts each director-authenticated socket in the `directors` room on connect (the gateway's middleware has set
 * `socket.data.role` by then), so director-only broadcasts such as `obs:changed` reach the console alone.
 */
export function joinDirectorsRoom(io: LecternServer): void {
  io.on('connection', (socket) => {
    if (socket.data.role === 'director') void socket.join(DIRECTORS_ROOM);
  });
}
