import {
  firstItemAfter,
  followingItem,
  hallItems,
  isBreakItem,
  localDate,
  programDays,
  scheduledItemAt,
} from '../program/items.js';
import type { Item, Program } from '../program/schema.js';
import { isChairRun, itemForNext, runningPhase } from './predicates.js';
import { countdownEnd, isTimedPhase, type CatchUp, type HallMessage, type HallState, type Phase, type Surface } from './state.js';
import { itemLengthMs } from './lengths.js';
import type { Countdown, LiveView, ProjectedItem, ViewItem } from './view.js';

const MINUTE = 60_000;

/** The program item without its abstract. */
export function toViewItem(item: Item | undefined | null): ViewItem | null {
  if (!item) return null;
  const { abstract: _abstract, ...rest } = item;
  return rest;
}

/** The countdown end of a state, frozen at the moment of the hold when on hold. */
function heldRemainingMs(state: HallState): number | null {
  if (state.phase !== 'hold' || !state.held || !isTimedPhase(state.held.phase)) return null;
  const end = countdownEnd({ ...state, phase: state.held.phase });
  return end === null ? null : end - state.held.since;
}

interface Derived {
  phase: Phase;
  now: Item | undefined;
  next: Item | undefined;
  countdown: Countdown | null;
  /** Expected end of what runs now (epoch ms), from which coming items are projected. */
  cursor: number;
}

function deriveFromSchedule(items: readonly Item[], now: number): Derived {
  const current = scheduledItemAt(items, now);
  const next = firstItemAfter(items, now);
  if (current) {
    const phase = isBreakItem(current) ? 'break' : 'talk';
    return { phase, now: current, next, countdown: { kind: phase, endsAt: current.end }, cursor: current.end };
  }
  // A hall with nothing scheduled at all is idle, not ended.
  const phase = next || items.length === 0 ? 'idle' : 'ended';
  return { phase, now: undefined, next, countdown: null, cursor: now };
}

function deriveFromChair(items: readonly Item[], state: HallState, now: number): Derived {
  const item = state.itemId === null ? undefined : items.find((i) => i.id === state.itemId);
  const running = runningPhase(state);
  const adHocBreak = running === 'break' && (!item || !isBreakItem(item));
  const end = countdownEnd(state);
  const held = heldRemainingMs(state);
  let cursor = now;
  if (held !== null) cursor = now + held;
  else if (end !== null) cursor = Math.max(now, end);
  if (running === 'talk' && item) cursor += (item.qaMinutes ?? 0) * MINUTE;
  let next: Item | undefined;
  if (state.phase === 'ended' || running === 'ended') next = firstItemAfter(items, now);
  else if (item) next = followingItem(items, item.id);
  else next = itemForNext({ items: [...items], state: { ...state, phase: 'idle' }, now });
  return {
    phase: state.phase,
    now: adHocBreak || state.phase === 'ended' ? undefined : item,
    next,
    countdown: end !== null && isTimedPhase(state.phase) ? { kind: state.phase, endsAt: end } : null,
    cursor,
  };
}

/**
 * Coming items from `first` on, each projected from `cursor`: never earlier than planned, each with its length
 * (`lengthOf`: planned, or as a catch-up shortened it).
 */
export function projectFrom(
  items: readonly Item[],
  first: Item | undefined,
  cursor: number,
  lengthOf: (item: Item) => number = (item) => item.end - item.start,
): ProjectedItem[] {
  if (!first) return [];
  const out: ProjectedItem[] = [];
  let at = cursor;
  for (const item of items.slice(items.indexOf(first))) {
    const start = Math.max(item.start, at);
    const end = start + lengthOf(item);
    out.push({ item, start, end });
    at = end;
  }
  return out;
}

function derive(program: Program, state: HallState, now: number): { items: Item[]; derived: Derived; chair: boolean } {
  const items = hallItems(program, state.hallId);
  const chair = isChairRun(items, state, now);
  return { items, chair, derived: chair ? deriveFromChair(items, state, now) : deriveFromSchedule(items, now) };
}

/** Projects the coming items of a derived view; a chair-run hall's catch-ups shorten items. */
function projectDerived(items: readonly Item[], state: HallState, derived: Derived, chair: boolean): ProjectedItem[] {
  return projectFrom(items, derived.next, derived.cursor, chair ? (item) => itemLengthMs(state, item) : undefined);
}

/** Every item still to come in the hall after the current one, with projected times. */
export function comingItems(program: Program, state: HallState, now: number): ProjectedItem[] {
  const { items, derived, chair } = derive(program, state, now);
  return projectDerived(items, state, derived, chair);
}

/**
 * The item on now with its actual start (a chair's start, else its planned one) and expected end (its countdown,
 * extensions, overtime, hold and Q&A included); null when nothing is on.
 */
export function itemOnNow(program: Program, state: HallState, now: number): ProjectedItem | null {
  const { derived, chair } = derive(program, state, now);
  if (!derived.now) return null;
  const start = chair && state.itemStartedAt !== null ? state.itemStartedAt : derived.now.start;
  return { item: derived.now, start, end: derived.cursor };
}

/** The coming items of the same program day as the next one (the rest of "today"), projected. */
export function restOfDay(program: Program, state: HallState, now: number): ProjectedItem[] {
  const coming = comingItems(program, state, now);
  const first = coming[0];
  if (!first) return [];
  const day = programDays(hallItems(program, state.hallId)).find((d) => d.includes(first.item)) ?? [];
  return coming.filter((p) => day.includes(p.item));
}

/**
 * The live view of a hall at server time `now`. Pure; screens run it too, with server time from the
 * clock-offset sync, so an unattended hall moves through its schedule without a broadcast.
 */
export function liveView(program: Program, state: HallState, now: number): LiveView {
  const { items, derived, chair } = derive(program, state, now);
  const projected = projectDerived(items, state, derived, chair);
  const nextStartsAt = projected[0]?.start ?? null;
  let delayMs = 0;
  if (chair && derived.next && nextStartsAt !== null) delayMs = Math.max(0, nextStartsAt - derived.next.start);
  else if (chair && derived.phase !== 'ended') delayMs = Math.max(0, state.delayMs);
  return {
    hallId: state.hallId,
    revision: state.revision,
    phase: derived.phase,
    now: toViewItem(derived.now),
    next: derived.next ? { ...toViewItem(derived.next)!, checkedIn: state.checkIns[derived.next.id]?.present ?? false } : null,
    nextStartsAt,
    delayMs,
    countdown: derived.countdown,
    heldRemainingMs: chair ? heldRemainingMs(state) : null,
    message: state.message,
    question: state.question,
    source: chair ? 'chair' : 'schedule',
    itemStartedAt: chair ? state.itemStartedAt : null,
    catchUp: chair ? catchUpSummary(state.catchUps.at(-1)) : null,
    serverTime: now,
  };
}

/** The newest catch-up as the live view carries it (without its length table). */
function catchUpSummary(catchUp: CatchUp | undefined): LiveView['catchUp'] {
  if (!catchUp) return null;
  const { lengthsMs: _lengths, ...summary } = catchUp;
  return summary;
}

/**
 * The calendar days of the event (YYYY-MM-DD in the event's zone), in order: one per date on which some hall
 * starts a program day. "Day 2" on a screen is the second of these.
 */
export function eventDays(program: Program): string[] {
  const dates = new Set<string>();
  for (const hall of program.halls) {
    for (const day of programDays(hallItems(program, hall.id))) dates.add(localDate(day[0]!.start, program.event.timeZone));
  }
  return [...dates].sort();
}

/** When a closed hall opens next: the first item of its coming program day. */
export interface HallOpening {
  /** The item the hall opens with. */
  item: ViewItem;
  /** When it starts (epoch ms), the running delay included. */
  start: number;
  /** Day of the event it opens on (1-based, see `eventDays`). */
  day: number;
  /** How many days the event has. */
  days: number;
}

/**
 * When a hall with nothing on opens next: set when the hall is idle or ended and what comes next is the first
 * item of a program day (before the day's first item, or after its last). Null while a day is under way (a gap
 * between two items is not a closed hall) and when nothing comes any more.
 */
export function hallOpening(
  program: Program,
  view: Pick<LiveView, 'hallId' | 'phase' | 'now' | 'next' | 'nextStartsAt'>,
): HallOpening | null {
  if ((view.phase !== 'idle' && view.phase !== 'ended') || view.now || !view.next) return null;
  const nextId = view.next.id;
  const day = programDays(hallItems(program, view.hallId)).find((d) => d.some((item) => item.id === nextId));
  if (!day || day[0]!.id !== nextId) return null;
  const days = eventDays(program);
  return {
    item: toViewItem(day[0])!,
    start: view.nextStartsAt ?? day[0]!.start,
    day: days.indexOf(localDate(day[0]!.start, program.event.timeZone)) + 1,
    days: days.length,
  };
}

/** The chair's message when it targets `surface`, else null. */
export function messageFor(view: Pick<LiveView, 'message'>, surface: Surface): HallMessage | null {
  return view.message && view.message.targets.includes(surface) ? view.message : null;
}
