import { createServer, type Socket } from 'node:net';
import type { Server } from 'socket.io';
import { HANDED_OVER, NOT_MINE, POLLING_CLOSED, POLLING_OPENED, sessionOf, type PassedConnection } from './connection-router.js';

const ignore = () => undefined;

/** How long a new connection may stay silent before its first request (ms). */
const FIRST_BYTES_MS = 30_000;

interface EngineSession {
  id: string;
  transport: { name: string };
  once(event: 'close', listener: () => void): void;
}

/** Gives the HTTP server a connection as if it had accepted it, with the bytes already read from it. */
function serve(io: Server, socket: Socket, head: Uint8Array): void {
  io.httpServer.emit('connection', socket);
  socket.unshift(Buffer.from(head.buffer, head.byteOffset, head.byteLength));
  socket.resume();
}

/**
 * A worker's side of connection routing (connection-router.ts): listens on the port all workers share and takes
 * each connection itself, unless its first request names a long-polling session another worker holds: that
 * connection goes to the primary, which passes it on. Tells the primary the polling sessions opened here. Every
 * answer closes its connection: a kept-alive connection could carry a later request of a session another worker
 * holds, which this worker would not know. Answers the port it listens on.
 */
export async function listenForConnections(io: Server, port: number, host: string): Promise<number> {
  const clients = (io.engine as unknown as { clients: Record<string, unknown> }).clients;
  const front = createServer((socket) => {
    // Until its first bytes the HTTP server's own timeouts do not watch the connection: one that says nothing
    // is closed here.
    const silent = () => socket.destroy();
    socket.setTimeout(FIRST_BYTES_MS, silent);
    socket.once('data', (head: Buffer) => {
      socket.setTimeout(0);
      socket.off('timeout', silent);
      socket.pause();
      const sid = sessionOf(head);
      if (sid === undefined || Object.hasOwn(clients, sid)) return serve(io, socket, head);
      // Stop reading first: the bytes after this chunk stay in the kernel for the worker that gets it.
      (socket as unknown as { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
      const passed: PassedConnection = { type: NOT_MINE, head, sid };
      process.send?.(passed, socket, undefined, (error: Error | null) => {
        if (error) socket.destroy();
      });
    });
  });
  process.on('message', (message: PassedConnection, socket?: Socket) => {
    // A connection the client closed on the way arrives without its socket.
    if (message?.type === HANDED_OVER && socket) serve(io, socket, message.head);
  });
  io.httpServer.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  io.engine.on('connection', (session: EngineSession) => {
    // A screen that opened with the websocket has one connection for its whole session: nothing to route.
    if (session.transport.name !== 'polling') return;
    process.send?.({ type: POLLING_OPENED, sid: session.id }, undefined, undefined, ignore);
    session.once('close', () => process.send?.({ type: POLLING_CLOSED, sid: session.id }, undefined, undefined, ignore));
  });
  // Closing the HTTP server (startLectern's close) closes the listening socket too.
  io.httpServer.once('close', () => front.close());
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => resolve());
  });
  return (front.address() as { port: number }).port;
}
