import { io } from 'socket.io-client';
import type { HallSnapshot, LecternClientSocket } from '../../shared/index.js';

/** A real socket.io client connected to a test server. */
export async function connect(url: string, token?: string): Promise<LecternClientSocket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  }) as LecternClientSocket;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Resolves with the next `hall:changed` that satisfies `match`. */
export function nextSnapshot(
  socket: LecternClientSocket,
  match: (s: HallSnapshot) => boolean = () => true,
  timeoutMs = 5000,
): Promise<HallSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('hall:changed', listener);
      reject(new Error('no matching hall:changed in time'));
    }, timeoutMs);
    const listener = (snapshot: HallSnapshot) => {
      if (!match(snapshot)) return;
      clearTimeout(timer);
      socket.off('hall:changed', listener);
      resolve(snapshot);
    };
    socket.on('hall:changed', listener);
  });
}
