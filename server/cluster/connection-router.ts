import cluster, { type Worker } from 'node:cluster';
import type { Socket } from 'node:net';

/** primary → worker: a connection, with the bytes already read from it (the start of its first request). */
export const HANDED_OVER = 'lectern:connection';
/** worker → primary: a connection whose first request names a long-polling session this worker does not hold. */
export const NOT_MINE = 'lectern:not-mine';
/** worker → primary: a long-polling session opened (or closed) on this worker; its requests must come back here. */
export const POLLING_OPENED = 'lectern:polling-opened';
export const POLLING_CLOSED = 'lectern:polling-closed';

/** A connection on its way between processes, with the first chunk read from it. */
export interface PassedConnection {
  type: typeof HANDED_OVER | typeof NOT_MINE;
  head: Uint8Array;
  sid?: string;
}

interface SessionMessage {
  type: typeof POLLING_OPENED | typeof POLLING_CLOSED;
  sid: string;
}

const SID = /[?&]sid=([\w-]{20})/;

/** The long-polling session a request's first line names (`sid=`), if any. */
export function sessionOf(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 2048)).toString('latin1');
  const lineEnd = text.indexOf('\r\n');
  return SID.exec(lineEnd === -1 ? text : text.slice(0, lineEnd))?.[1];
}

/**
 * The primary's part in routing connections for `--workers N`. The workers accept connections themselves, on one
 * listening socket they share (node:cluster's `SCHED_NONE`: the kernel gives each connection to a worker waiting
 * for one, so the primary carries no connection at all). Only a long-polling session's later requests need one
 * particular worker: each worker tells the primary the polling sessions it opens, and hands it a connection
 * whose first request names a session the worker does not hold (server/cluster/worker-connections.ts); the
 * primary passes that connection on to the session's worker. An unknown session stays where it is (engine.io
 * answers it "Session ID unknown", as one process would).
 *
 * Written here instead of `@socket.io/sticky` (2.0.1, used before): sticky's primary accepts every connection
 * and hands each to a worker over IPC (one at a time per worker, each waiting for the worker's acknowledgement),
 * carries every request with a body (each chair command) and its answer chunk by chunk over IPC, lost a screen's
 * first websocket frame about 1 in 25 times on a busy machine, and is told of every session, websocket ones too.
 */
export function routePollingSessions(): void {
  const pollingSessions = new Map<string, Worker>();
  cluster.on('message', (from: Worker, message: SessionMessage | PassedConnection, socket?: Socket) => {
    switch (message?.type) {
      case POLLING_OPENED:
        pollingSessions.set(message.sid, from);
        break;
      case POLLING_CLOSED:
        if (pollingSessions.get(message.sid) === from) pollingSessions.delete(message.sid);
        break;
      case NOT_MINE: {
        if (!socket) return; // closed by the client on the way
        const holder = message.sid === undefined ? undefined : pollingSessions.get(message.sid);
        const to = holder && !holder.isDead() ? holder : from;
        const passed: PassedConnection = { type: HANDED_OVER, head: message.head };
        to.send(passed, socket, (error) => {
          if (error) socket.destroy();
        });
        break;
      }
    }
  });
  cluster.on('exit', (gone: Worker) => {
    for (const [sid, worker] of pollingSessions) if (worker === gone) pollingSessions.delete(sid);
  });
}
