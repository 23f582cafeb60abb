import type { LiveView, HallSnapshot, HallState, LoggedCommand, RejectionCode } from '../../shared/index.js';
import type { CommandLogEntry } from '../store/store.js';

/**
 * Why a command was refused, in the domain's words: the reducer's rejections, a hall that is not in the
 * program, a principal `authorize` refused, a store that could not save. Each transport maps them to its own
 * (`statusOf` for HTTP; the socket acknowledgement carries the code as it is).
 */
export type LiveError = RejectionCode | 'not_found' | 'forbidden' | 'store_failed' | 'store_unavailable';

/** The answer to a command. */
export type CommandAnswer =
  { ok: true; view: LiveView; duplicate: boolean } | { ok: false; error: LiveError; message: string; view?: LiveView };

/** A committed change of one hall. */
export interface HallChange {
  snapshot: HallSnapshot;
  /** The state before the change. */
  previous: HallState;
  /** The command that made it, with who sent it; none for a program replacement. */
  cause?: { type: string; actor: string };
  /** The command's log entry as timelines show it; none for a program replacement. */
  logged?: LoggedCommand;
  /**
   * Committed by another process (a worker of `--workers N`, or another node on Redis), which broadcast it
   * already through the socket.io adapter: this process only follows it (its OBS adapter acts; its broadcaster
   * sends nothing).
   */
  remote?: boolean;
}

/**
 * Told of every change once it is committed, in the order they subscribed: the broadcaster first (screens
 * update), then the others (the OBS adapter).
 */
export type HallChangeListener = (change: HallChange) => void;

/** Told of a new program (its revision) once it is saved, before the halls' changes it brought. */
export type ProgramChangeListener = (revision: number, remote?: boolean) => void;

/** What a program replacement did to the halls. */
export interface ProgramReplacement {
  revision: number;
  /** Halls whose current item is gone from the new program: they went back to idle. */
  vanished: { hallId: string; itemId: string }[];
  /** Halls that are no longer in the program. */
  removedHalls: string[];
}

/** Raised by `replaceProgram` when the program is no longer at the revision the change was made on. */
export class StaleProgramError extends Error {
  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super(`the program is at revision ${current}, not ${expected}: someone else changed it first`);
    this.name = 'StaleProgramError';
  }
}

/** A log entry as timelines show it (without the hall state). */
export function toLoggedCommand(entry: CommandLogEntry, actorLabel: string): LoggedCommand {
  return {
    seq: entry.seq ?? 0,
    hallId: entry.hallId,
    revision: entry.revision,
    command: entry.command,
    actor: entry.actor,
    actorLabel,
    role: entry.role,
    at: entry.at,
    rehearsal: entry.rehearsal,
  };
}
