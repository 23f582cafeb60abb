import type { DisplaysDelta, HallSnapshot, LecternServer, LoggedCommand, ObsHallStatus } from '../../shared/index.js';
import type { LiveService } from '../live/live.service.js';
import { writeToRooms } from './frame-writer.js';

/** The socket.io room of every socket that authenticated with a director token. */
export const DIRECTORS_ROOM = 'directors';

/** Pushes changes to every screen that watches them. Small on purpose, so a multi-node fan-out can replace it. */
export interface Broadcaster {
  /**
   * A hall's state changed: send its snapshot to everyone on this process watching the hall, and to its directors.
   * Every other worker or node sends it to its own when it adopts the change (broadcastLiveChanges).
   */
  hallChanged(snapshot: HallSnapshot): void;
  /** The program changed: every screen refetches it. */
  programChanged(revision: number): void;
  /** A command was accepted and logged: the directors' timelines append it. */
  commandLogged(entry: LoggedCommand): void;
  /** Screens came, changed or went: the directors' consoles apply the delta to their list. */
  displaysChanged(delta: DisplaysDelta): void;
  /** A hall's OBS status changed: the directors' consoles show it. */
  obsChanged(status: ObsHallStatus): void;
}

/** The room of a hall's watchers. */
export function hallRoom(hallId: string): string {
  return `hall:${hallId}`;
}

/** Broadcasts through socket.io rooms (one room per hall, one for the directors). */
export class SocketBroadcaster implements Broadcaster {
  constructor(private readonly io: LecternServer) {}

  hallChanged(snapshot: HallSnapshot): void {
    // Both rooms at once: a director that also watches the hall gets it once.
    writeToRooms(this.io.of('/'), [hallRoom(snapshot.hallId), DIRECTORS_ROOM], 'hall:changed', snapshot);
  }

  programChanged(revision: number): void {
    this.io.emit('program:changed', { revision });
  }

  commandLogged(entry: LoggedCommand): void {
    this.io.to(DIRECTORS_ROOM).emit('log:appended', entry);
  }

  displaysChanged(delta: DisplaysDelta): void {
    this.io.to(DIRECTORS_ROOM).emit('displays:delta', delta);
  }

  obsChanged(status: ObsHallStatus): void {
    this.io.to(DIRECTORS_ROOM).emit('obs:changed', status);
  }
}

/**
 * Makes the broadcaster a change listener of the live engine: a new program, then each hall's snapshot and
 * the command's log entry. Subscribe it before any other listener, so screens hear of a change before OBS acts.
 */
export function broadcastLiveChanges(live: LiveService, broadcaster: Broadcaster): void {
  // A program another worker or node saved reached every screen through the adapter already: not sent again.
  live.onProgramChange((revision, remote) => {
    if (!remote) broadcaster.programChanged(revision);
  });
  // A hall's snapshot goes to this process's own screens only, also when another worker or node committed it
  // (it is told here before that one broadcasts: worker.ts, redis-node.ts): one message between processes per
  // change instead of the state and the whole snapshot through the adapter. The log entry goes once, from the
  // process that applied the command, through the adapter to every director.
  live.onChange(({ snapshot, logged, remote }) => {
    broadcaster.hallChanged(snapshot);
    if (logged && !remote) broadcaster.commandLogged(logged);
  });
}
