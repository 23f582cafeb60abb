import { io } from 'socket.io-client';
import type { HallSnapshot, LecternClientSocket } from '../../shared/index.js';

/** What a test screen saw of one hall, in arrival order. */
export interface SeenRevision {
  revision: number;
  /** Test-process time (Date.now()) it arrived. */
  at: number;
}

/** A screen the way display pages connect (web/socket.ts): reconnects by itself and re-watches its halls. */
export interface TestScreen {
  socket: LecternClientSocket;
  /** Per hall, every revision received in order. */
  seen: Map<string, SeenRevision[]>;
  /** The newest revision received for a hall (-1 before any). */
  latest(hallId: string): number;
  /** Times it (re)connected. */
  connects: number;
  close(): void;
}

/** Opens a screen on `url` watching `hallIds`, with the display pages' reconnect settings. */
export function openScreen(url: string, hallIds: string[]): TestScreen {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    randomizationFactor: 0.3,
    timeout: 8000,
    forceNew: true,
  }) as LecternClientSocket;
  const screen: TestScreen = {
    socket,
    seen: new Map(hallIds.map((id) => [id, []])),
    latest: (hallId) => screen.seen.get(hallId)?.at(-1)?.revision ?? -1,
    connects: 0,
    close: () => socket.close(),
  };
  socket.on('connect', () => {
    screen.connects++;
    for (const hallId of hallIds) socket.emit('hall:watch', { hallId });
  });
  socket.on('hall:changed', (snapshot: HallSnapshot) => {
    screen.seen.get(snapshot.hallId)?.push({ revision: snapshot.revision, at: Date.now() });
  });
  return screen;
}

/** Resolves when `done()` holds, checking every 20 ms; rejects after `timeoutMs` with `what`. */
export async function waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
