import cluster, { type Worker } from 'node:cluster';
import { createServer, type Server, type Socket } from 'node:net';

/** primary → worker: a connection, with the bytes the primary read from it (the start of its first request). */
export const HANDED_OVER = 'lectern:connection';
/** worker → primary: a long-polling session opened (or closed) on this worker; its requests must come back here. */
export const POLLING_OPENED = 'lectern:polling-opened';
export const POLLING_CLOSED = 'lectern:polling-closed';

export interface HandOver {
  type: typeof HANDED_OVER;
  head: Uint8Array;
}

interface SessionMessage {
  type: typeof POLLING_OPENED | typeof POLLING_CLOSED;
  sid: string;
}

const SID = /[?&]sid=([\w-]{20})/;

/**
 * The primary's side of `--workers N`: it accepts every connection, reads the first chunk of its first request,
 * stops reading, and hands the connection to a worker with that chunk: to the worker that holds the long-polling
 * session the request names (`sid=`), otherwise to the workers in turn. The worker reads the rest of the request
 * (a body too) from the connection itself, so the primary never carries a request's or an answer's bytes.
 *
 * Written here instead of `@socket.io/sticky` (2.0.1), which it replaces: sticky's primary carries every request
 * with a body (each chair command) and its answer chunk by chunk over IPC, keeps reading a handed-over
 * connection until the worker acknowledges it (a screen's first websocket frame was lost about 1 in 25 times on a
 * busy machine), and is told of every session, websocket ones too (10,000 IPC messages for 10,000 screens).
 * Only long-polling sessions need to come back to their worker; a websocket is one connection.
 */
export function routeConnections(workers: () => Worker[]): Server {
  const pollingSessions = new Map<string, Worker>();
  let turn = 0;

  const pick = (head: string): Worker | undefined => {
    const lineEnd = head.indexOf('\r\n');
    const sid = SID.exec(lineEnd === -1 ? head : head.slice(0, lineEnd))?.[1];
    const holder = sid === undefined ? undefined : pollingSessions.get(sid);
    if (holder && !holder.isDead()) return holder;
    const alive = workers().filter((worker) => !worker.isDead() && worker.isConnected());
    if (alive.length === 0) return undefined;
    turn = (turn + 1) % alive.length;
    return alive[turn];
  };

  cluster.on('message', (worker: Worker, message: SessionMessage) => {
    if (message?.type === POLLING_OPENED) pollingSessions.set(message.sid, worker);
    else if (message?.type === POLLING_CLOSED && pollingSessions.get(message.sid) === worker) {
      pollingSessions.delete(message.sid);
    }
  });
  cluster.on('exit', (gone: Worker) => {
    for (const [sid, worker] of pollingSessions) if (worker === gone) pollingSessions.delete(sid);
  });

  return createServer({ noDelay: true }, (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      // Stop reading before the hand-over: every later byte stays in the kernel for the worker (Node keeps reading
      // and discarding on the primary's copy until the worker acknowledges it otherwise).
      (socket as unknown as { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
      socket.pause();
      const worker = pick(chunk.toString('latin1', 0, Math.min(chunk.length, 2048)));
      if (!worker) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const message: HandOver = { type: HANDED_OVER, head: chunk };
      worker.send(message, socket, (error) => {
        if (error) socket.destroy();
      });
    });
  });
}
