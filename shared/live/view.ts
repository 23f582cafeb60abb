import type { Item } from '../program/schema.js';
import type { CatchUp, HallMessage, HallState, OnAirQuestion, Phase, TimedPhase } from './state.js';

/** A program item as the live view carries it: everything but the long abstract text. */
export type ViewItem = Omit<Item, 'abstract'>;

/** The coming item as the live view carries it: with whether its speaker has checked in. */
export interface NextViewItem extends ViewItem {
  /** The chair (or director) checked the speaker in with `checkIn` (false until then, and after `present: false`). */
  checkedIn: boolean;
}

/** What a screen counts down to. */
export interface Countdown {
  /** The phase being timed. */
  kind: TimedPhase;
  /** Server time the countdown reaches zero (epoch ms); after it, the phase runs over. */
  endsAt: number;
}

/**
 * The live view of a hall: the same over HTTP (`GET /api/v1/halls/:id/live`) and on the socket.
 * Derived from the program, the hall's state and server time by `liveView`.
 */
export interface LiveView {
  hallId: string;
  /** The hall state's revision; a command must name it in `expectRevision` to be applied. */
  revision: number;
  /** What the hall is doing now; an unattended hall shows what its printed schedule says. */
  phase: Phase;
  /** The item on now (null when idle, ended, or on an ad-hoc break). */
  now: ViewItem | null;
  /** The item that comes next (null when nothing does), with its speaker's check-in. */
  next: NextViewItem | null;
  /** When `next` is expected to start given the running delay (epoch ms); never before its planned start. */
  nextStartsAt: number | null;
  /** How late the hall runs (ms, ≥ 0): the next item's projected lateness, else the current item's late start. */
  delayMs: number;
  /** Countdown of a timed phase (talk, qa, break); null for idle, hold and ended. */
  countdown: Countdown | null;
  /** While on hold: the remaining time of the paused phase (ms). */
  heldRemainingMs: number | null;
  /** The chair's message and the surfaces it targets. */
  message: HallMessage | null;
  /** The audience question on air (`{ id, text, name }`, render as text); null when none. */
  question: OnAirQuestion | null;
  /** 'schedule' when no chair runs the hall and the view follows the printed program; 'chair' otherwise. */
  source: 'schedule' | 'chair';
  /** When the current item actually started (epoch ms), when a chair started it. */
  itemStartedAt: number | null;
  /**
   * The newest catch-up in force in a chair-run hall (`catchUp` command), else null: which item it aims at, how late
   * that item was and stays (ms). The shortened lengths are in `state.catchUps`; `/projected` has the times.
   */
  catchUp: Omit<CatchUp, 'lengthsMs'> | null;
  /** Server time the view was computed (epoch ms). */
  serverTime: number;
}

/** A coming item with the times it is expected at, given the delay. */
export interface ProjectedItem {
  item: Item;
  /** Expected start (epoch ms), never earlier than planned. */
  start: number;
  /** Expected end (epoch ms). */
  end: number;
}

/** What a display receives on `hall:changed`: the view, plus what it needs to derive it itself as time passes. */
export interface HallSnapshot extends LiveView {
  /** The hall's raw state, for running the selectors on the screen. */
  state: HallState;
  /** The program revision the view was computed on; a screen with an older program refetches it. */
  programRevision: number;
}
