import type { HallSnapshot, LecternServer } from '../../shared/index.js';

/** Pushes changes to every screen that watches them. Small on purpose, so a multi-node fan-out can replace it. */
export interface Broadcaster {
  /** A hall's state changed: send its snapshot to everyone watching the hall. */
  hallChanged(snapshot: HallSnapshot): void;
  /** The program changed: every screen refetches it. */
  programChanged(revision: number): void;
}

/** The room of a hall's watchers. */
export function hallRoom(hallId: string): string {
  return `hall:${hallId}`;
}

/** Broadcasts through socket.io rooms (one room per hall). */
export class SocketBroadcaster implements Broadcaster {
  constructor(private readonly io: LecternServer) {}

  hallChanged(snapshot: HallSnapshot): void {
    this.io.to(hallRoom(snapshot.hallId)).emit('hall:changed', snapshot);
  }

  programChanged(revision: number): void {
    this.io.emit('program:changed', { revision });
  }
}
