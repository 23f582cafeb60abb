import type { Namespace, Socket } from 'socket.io';
import { Encoder, PacketType } from 'socket.io-parser';
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

const encoder = new Encoder();

/**
 * One socket.io event as the finished websocket frame: socket.io's own encoder (the default parser, as
 * `io.to(room).emit` uses) for the main namespace, in an engine.io "message" packet (4), framed unmasked and
 * uncompressed as a server sends it. The same bytes socket.io puts on the wire.
 */
export function eventFrame(event: string, payload: unknown): Buffer {
  const [encoded] = encoder.encode({ type: PacketType.EVENT, nsp: '/', data: [event, payload] });
  const data = Buffer.from(`4${encoded as string}`);
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
  const members = rooms.map((room) => namespace.adapter.rooms.get(room)).filter((ids) => ids !== undefined);
  if (members.length === 0) return 0;
  const frame = eventFrame(event, payload);
  const others: Socket[] = [];
  let sent = 0;
  // Room by room, each socket once: one already in an earlier room (a director watching the hall) is skipped,
  // without gathering every id of a 10,000-screen room into a new set on each change.
  for (let r = 0; r < members.length; r++) {
    for (const id of members[r]!) {
      if (r > 0 && inAny(members, r, id)) continue;
      const socket = namespace.sockets.get(id);
      if (!socket) continue;
      sent++;
      if (canWriteDirectly(socket)) tcpOf(socket)!.write(frame);
      else others.push(socket);
    }
  }
  for (const socket of others) socket.emit(event as never, payload as never);
  return sent;
}

/** Whether `id` is in one of the first `count` rooms. */
function inAny(members: Set<string>[], count: number, id: string): boolean {
  for (let r = 0; r < count; r++) if (members[r]!.has(id)) return true;
  return false;
}

function tcpOf(socket: Socket) {
  return (socket.conn as unknown as EngineSession).transport.socket?._socket;
}

/** An open websocket session, not upgrading, nothing queued in engine.io: a frame written now lands in order. */
function canWriteDirectly(socket: Socket): boolean {
  const session = socket.conn as unknown as EngineSession;
  return (
    session.readyState === 'open' &&
    !session.upgrading &&
    session.writeBuffer.length === 0 &&
    session.transport.name === 'websocket' &&
    session.transport.writable &&
    tcpOf(socket)?.writable === true
  );
}
