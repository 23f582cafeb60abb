import type { Server } from 'socket.io';

/**
 * What a bare socket.io server answers a screen, as Lectern does on the wire: `hall:watch` joins the hall's room
 * (`hall:<id>`) and answers its snapshot (also as a `hall:changed`), `display:hello` and `clock:ping` are
 * acknowledged. Used by the floor (floor-server.ts) and the broadcast-path bench.
 */
export function answerScreens(io: Server, snapshotOf: (hallId: string) => unknown): void {
  io.on('connection', (socket) => {
    socket.on('hall:watch', (payload: { hallId: string }, ack?: (answer: unknown) => void) => {
      void socket.join(`hall:${payload.hallId}`);
      const current = snapshotOf(payload.hallId);
      socket.emit('hall:changed', current);
      ack?.({ ok: true, snapshot: current });
    });
    socket.on('display:hello', (_hello: unknown, ack?: (answer: unknown) => void) => ack?.({ ok: true }));
    socket.on('clock:ping', (t0: number, ack?: (answer: unknown) => void) => ack?.({ t0, serverTime: Date.now() }));
  });
}
