import { io } from 'socket.io-client';
import type { LecternClientSocket } from '../shared/index.js';

/**
 * The page's one socket to the server (same origin, default path). Reconnects by itself, forever, with a
 * capped backoff, so a screen survives a server restart without a reload.
 */
export function connectSocket(token?: string): LecternClientSocket {
  return io({
    transports: ['websocket', 'polling'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    randomizationFactor: 0.3,
    timeout: 8000,
    ...(token ? { auth: { token } } : {}),
  }) as LecternClientSocket;
}
