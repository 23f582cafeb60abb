import type { Socket } from 'node:net';
import type { Server } from 'socket.io';
import { HANDED_OVER, POLLING_CLOSED, POLLING_OPENED, type HandOver } from './connection-router.js';

const ignore = () => undefined;

/**
 * A worker's side of the primary's connection router (connection-router.ts): takes the connections the primary
 * hands over as if it had accepted them, and tells the primary which long-polling sessions it holds, so their later
 * requests come back here. Every answer closes its connection: a kept-alive connection could carry a later
 * request of a session another worker holds, which this worker would not know.
 */
export function takeHandedOverConnections(io: Server): void {
  process.on('message', (message: HandOver, socket?: Socket) => {
    if (message?.type !== HANDED_OVER) return;
    // A connection the client closed during the hand-over arrives without its socket.
    if (!socket) return;
    io.httpServer.emit('connection', socket);
    socket.unshift(Buffer.from(message.head));
    socket.resume();
  });
  io.httpServer.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  io.engine.on(
    'connection',
    (session: { id: string; transport: { name: string }; once: (e: 'close', f: () => void) => void }) => {
      // A screen that opened with the websocket has one connection for its whole session: nothing to route.
      if (session.transport.name !== 'polling') return;
      process.send?.({ type: POLLING_OPENED, sid: session.id }, undefined, undefined, ignore);
      session.once('close', () => process.send?.({ type: POLLING_CLOSED, sid: session.id }, undefined, undefined, ignore));
    },
  );
}
