import type { LecternServerSocket } from '../../shared/index.js';
import { DIRECTORS_ROOM } from '../broadcast/broadcaster.js';
import type { SocketDeps } from './socket-app.js';

/**
 * A director-authenticated socket joins the `directors` room (director-only broadcasts: every hall's changes,
 * `obs:changed`, `log:appended`, `displays:changed`) and starts with the current list of screens.
 */
export function registerDirectorHandlers(socket: LecternServerSocket, { displays }: SocketDeps): void {
  if (socket.data.role !== 'director') return;
  void socket.join(DIRECTORS_ROOM);
  void displays.listAll().then((list) => socket.emit('displays:changed', list));
}
