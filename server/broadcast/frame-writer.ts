import type { Namespace, Socket } from 'socket.io';
import * as ws from 'ws';

/** ws's frame builder (engine.io pre-encodes broadcasts with it too); @types/ws does not declare it. */
const { Sender } = ws as unknown as {
  Sender: {
    frame(data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }): Buffer[];
  };
};

/** The parts of engine.io's session and websocket transport a direct write looks at (not in their types). */
interface EngineSession {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: { name: string; writable: boolean; socket?: { _socket?: { writable: boolean; write(frame: Buffer): boolean } } };
}

/**
 * One socket.io event as the finished websocket frame: engine.io's "message" type (4), socket.io's EVENT type (2)
 * for the main namespace, the JSON array `[event, payload]`, framed unmasked and uncompressed as a server sends it.
 * The same bytes `io.to(room).emit` puts on the wire (socket.io's default parser, no binary).
 */
export function eventFrame(event: string, payload: unknown): Buffer {
  const data = Buffer.from(`42${JSON.stringify([event, payload])}`);
  const [head, body] = Sender.frame(data, { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
  return body ? Buffer.concat([head!, body]) : head!;
}

/**
 * Sends one event to every local socket in `rooms` (each once), writing the finished frame straight to each
 * websocket's TCP socket. socket.io's own broadcast does the same write through engine.io for each socket (a
 * packet object, its write buffer, events, a corked two-part write with a callback); for a hall's thousands of
 * screens that per-socket work is most of a change's cost on the server (`npm run bench -- --only broadcast-path`).
 *
 * Only where nothing can come between: an open websocket session, not upgrading, with nothing queued in
 * engine.io, so the frame lands after every packet sent before it. Any other socket (long-polling, upgrading,
 * busy) gets the event through socket.io, in order with what it has queued. Answers how many sockets were sent to.
 */
export function writeToRooms(namespace: Namespace, rooms: readonly string[], event: string, payload: unknown): number {
  const ids = new Set<string>();
  for (const room of rooms) for (const id of namespace.adapter.rooms.get(room) ?? []) ids.add(id);
  if (ids.size === 0) return 0;
  const frame = eventFrame(event, payload);
  const others: Socket[] = [];
  for (const id of ids) {
    const socket = namespace.sockets.get(id);
    if (!socket) continue;
    const session = socket.conn as unknown as EngineSession;
    const tcp = session.transport.socket?._socket;
    if (
      session.readyState === 'open' &&
      !session.upgrading &&
      session.writeBuffer.length === 0 &&
      session.transport.name === 'websocket' &&
      session.transport.writable &&
      tcp?.writable
    ) {
      tcp.write(frame);
    } else others.push(socket);
  }
  for (const socket of others) socket.emit(event as never, payload as never);
  return ids.size;
}
