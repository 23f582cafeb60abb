import { DAY_GAP_MS, findItem, followingItem, hallItems, isBreakItem } from '../program/items.js';
import type { Item, Program } from '../program/schema.js';
import { isExpired } from './expiry.js';
import { isTimedPhase, type HallState, type Phase, type Position } from './state.js';

/*
 * The rules that decide whether a command applies, written once: the reducer calls them to accept or refuse a
 * command, and the control pages call them to enable a button. A button is therefore on exactly when the reducer
 * would take its command (tests/unit/shared/predicates.test.ts checks this on sampled states).
 */

const MINUTE = 60_000;

/** Length of a break the chair starts without saying how long (ms). */
export const DEFAULT_BREAK_MS = 10 * MINUTE;

/** The phase the hall is in, looking through a hold to what is paused. */
export function runningPhase(state: HallState): Phase {
  return state.phase === 'hold' ? (state.held?.phase ?? 'idle') : state.phase;
}

/** True when a chair runs the hall now; false when it follows its printed schedule. */
export function isChairRun(items: readonly Item[], state: HallState, now: number): boolean {
  return state.phase !== 'idle' && !isExpired(items, state, now);
}

/** The item the hall's position is on, when it is still among the hall's items. */
export function currentItem(items: readonly Item[], state: HallState): Item | undefined {
  return state.itemId === null ? undefined : items.find((item) => item.id === state.itemId);
}

/** The last item of its program day: `next` from it ends the day. */
export function isLastOfDay(items: readonly Item[], item: Item): boolean {
  const following = followingItem(items, item.id);
  return !following || following.start - item.end >= DAY_GAP_MS;
}

/** The item `next` would start: the following one, or from an idle (or last night's) hall the first not yet over. */
export function itemForNext(ctx: { items: readonly Item[]; state: HallState; now: number }): Item | undefined {
  const { items, state, now } = ctx;
  const fresh = state.phase === 'idle' || state.phase === 'ended' || state.itemId === null || isExpired(items, state, now);
  if (fresh) return items.find((item) => item.end > now) ?? items[0];
  return followingItem(items, state.itemId!);
}

/** What the `next` command does now, so its button can say it ("Start: Opening", "End the day"). */
export type NextStep = { kind: 'start'; item: Item } | { kind: 'end' } | { kind: 'none' };

/** What `next` does from this state at server time `now`: start an item, end the day, or nothing (no items). */
export function nextStep(items: readonly Item[], state: HallState, now: number): NextStep {
  if (items.length === 0) return { kind: 'none' };
  const current = currentItem(items, state);
  const fresh = state.phase === 'idle' || state.phase === 'ended' || isExpired(items, state, now);
  if (!fresh && current && isLastOfDay(items, current)) return { kind: 'end' };
  const item = itemForNext({ items, state, now });
  return item ? { kind: 'start', item } : { kind: 'end' };
}

/** Where `previous` goes: the last position on the history, the item before the current one, or nowhere. */
export type BackStep = { kind: 'history'; position: Position } | { kind: 'item'; item: Item } | { kind: 'none' };

/** What `previous` does from this state (a history entry whose item left the program is skipped). */
export function backStep(program: Program, items: readonly Item[], state: HallState): BackStep {
  const last = state.history[state.history.length - 1];
  if (last && (last.itemId === null || findItem(program, last.itemId))) return { kind: 'history', position: last };
  const current = currentItem(items, state);
  const index = current ? items.indexOf(current) : -1;
  const preceding = index > 0 ? items[index - 1] : undefined;
  return preceding ? { kind: 'item', item: preceding } : { kind: 'none' };
}

/** The talk `qa` would follow: the current item while a talk runs, else undefined (Q&A is refused). */
export function qaTalk(items: readonly Item[], state: HallState): Item | undefined {
  return state.phase === 'talk' ? currentItem(items, state) : undefined;
}

/** A break runs (or is on hold) and is not last night's: `break` then needs its new minutes. */
export function isOnBreak(items: readonly Item[], state: HallState, now: number): boolean {
  return runningPhase(state) === 'break' && !isExpired(items, state, now);
}

/** The program break `break` would start (the item `next` would start, when it is a break), else null. */
export function programBreak(items: readonly Item[], state: HallState, now: number): Item | null {
  const candidate = itemForNext({ items, state, now });
  return candidate && isBreakItem(candidate) ? candidate : null;
}

/** A countdown runs or is paused by a hold: `extend` works. */
export function isCountingDown(state: HallState): boolean {
  return isTimedPhase(runningPhase(state));
}

/** Which words the big button carries: "Start" on a hall that follows its schedule, "Next", "End the day". */
export type NextLabel = 'start' | 'next' | 'endDay' | 'none';

/** What the hall's controls can do now: each flag comes from the rules above, the reducer's own. */
export interface HallAbilities {
  next: NextStep;
  nextLabel: NextLabel;
  /** True when a chair runs the hall (false: idle, or yesterday's state that expired). */
  chairRun: boolean;
  /** `previous` is accepted, on a chair-run hall (a hall that follows its schedule has nothing to go back to). */
  canGoBack: boolean;
  /** `qa` is accepted, on a chair-run hall. */
  canQa: boolean;
  /** `extend` is accepted, on a chair-run hall: a countdown runs (or is paused). */
  timed: boolean;
  /** `release` is accepted (and `hold` refused). */
  onHold: boolean;
  /** `break` needs minutes: a break runs. */
  onBreak: boolean;
  /** The break `break` would start: the program's next break item, else null for an ad-hoc one. */
  breakItem: Item | null;
  /** Minutes of the break the break button starts. */
  breakMinutes: number;
}

/** What the controls of a hall can do, from the program, its state and server time (epoch ms). */
export function hallAbilities(program: Program, state: HallState, now: number): HallAbilities {
  const items = hallItems(program, state.hallId);
  const chairRun = isChairRun(items, state, now);
  const step = nextStep(items, state, now);
  const breakItem = programBreak(items, state, now);
  return {
    next: step,
    nextLabel: step.kind === 'none' ? 'none' : step.kind === 'end' ? 'endDay' : chairRun ? 'next' : 'start',
    chairRun,
    canGoBack: chairRun && backStep(program, items, state).kind !== 'none',
    canQa: chairRun && qaTalk(items, state) !== undefined,
    timed: chairRun && isCountingDown(state),
    onHold: state.phase === 'hold' && state.held !== null,
    onBreak: isOnBreak(items, state, now),
    breakItem,
    breakMinutes: breakItem ? Math.round((breakItem.end - breakItem.start) / MINUTE) : DEFAULT_BREAK_MS / MINUTE,
  };
}
