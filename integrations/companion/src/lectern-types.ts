/**
 * The part of Lectern's socket contract (shared/events.ts, shared/live/view.ts, shared/obs.ts) this module reads.
 * A copy of those types, trimmed, because the module is its own package and ships without Lectern's sources.
 */

/** The screens a message can go to (shared/live/state.ts SURFACES). */
export const SURFACES = ['signage', 'lobby', 'timer', 'stream', 'live'] as const;
export type Surface = (typeof SURFACES)[number];

/** What a hall is doing. */
export type Phase = 'idle' | 'talk' | 'qa' | 'break' | 'hold' | 'ended';

/** A program item as the live view carries it (only the fields the module shows). */
export interface ViewItem {
  id: string;
  title: string;
  /** Speakers as the program prints them. */
  speakers?: { name: string; affiliation?: string }[];
  kind?: string;
}

/** The live view of a hall, as `hall:changed` and `hall:command` answers carry it. */
export interface LiveView {
  hallId: string;
  /** The hall state's revision; commands name it in `expectRevision`. */
  revision: number;
  phase: Phase;
  now: ViewItem | null;
  next: ViewItem | null;
  /** When `next` is expected to start (epoch ms). */
  nextStartsAt: number | null;
  /** How late the hall runs (ms, ≥ 0). */
  delayMs: number;
  /** Countdown of a timed phase; `endsAt` is server time (epoch ms). */
  countdown: { kind: 'talk' | 'qa' | 'break'; endsAt: number } | null;
  /** While on hold: the paused phase's remaining time (ms). */
  heldRemainingMs: number | null;
  message: { text: string; targets: Surface[]; sentAt: number } | null;
  source: 'schedule' | 'chair';
  itemStartedAt: number | null;
  /** Server time the view was computed (epoch ms). */
  serverTime: number;
}

/** A Lectern error answer. */
export interface LecternError {
  error: string;
  message: string;
}

/** Answer to `hall:command`. */
export type CommandResult = { ok: true; view: LiveView } | ({ ok: false; view?: LiveView } & LecternError);

/** Answer to `hall:watch`. */
export type WatchResult = { ok: true; snapshot: LiveView } | ({ ok: false } & LecternError);

/** A hall's OBS link as `obs:changed` carries it (director sockets only). */
export interface ObsHallStatus {
  hallId: string;
  connection: { state: 'unconfigured' | 'connecting' | 'connected' | 'disconnected' | 'failed' };
}

/** Every command a chair can send (the director's `reset` is left out on purpose). */
export type ChairCommand =
  | { type: 'goto'; itemId: string }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'qa' }
  | { type: 'break'; minutes?: number }
  | { type: 'extend'; minutes: number }
  | { type: 'hold' }
  | { type: 'release' }
  | { type: 'message'; text: string; targets?: Surface[] }
  | { type: 'clearMessage' };
