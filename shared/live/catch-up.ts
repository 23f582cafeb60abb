import { dayOfItem, hallItems, isBreakItem, plannedLengthMs } from '../program/items.js';
import type { Item, Program } from '../program/schema.js';
import type { StepResult } from './check-in.js';
import type { CatchUpRequest, Command } from './commands.js';
import { projectedTimes, type ProjectedTime } from './projected.js';
import type { RejectionCode } from './reducer.js';
import { comingItems } from './selectors.js';
import type { CatchUp, HallState } from './state.js';

const MINUTE = 60_000;

/** Defaults of a catch-up: talks trimmed by at most 5 min, breaks never below 5 min. */
export const CATCH_UP_DEFAULTS = { plan: 'both', maxTrimMinutes: 5, minBreakMinutes: 5 } as const;

/** A talk is never trimmed below this length (ms). */
export const MIN_TALK_MS = 5 * MINUTE;

/** How many catch-ups a hall keeps for `undoCatchUp`. */
export const CATCH_UP_LIMIT = 10;

/** One item a catch-up shortens: its planned length, the length before, and after (ms). */
export interface CatchUpChange {
  itemId: string;
  plannedMs: number;
  fromMs: number;
  toMs: number;
}

/** A catch-up worked out: what it records, which items it shortens, and the rest of the day as it would be. */
export type CatchUpOutcome =
  | { ok: true; catchUp: CatchUp; changes: CatchUpChange[]; projected: ProjectedTime[] }
  | { ok: false; code: RejectionCode; message: string };

const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE) * MINUTE;
const minutesText = (ms: number) => `${Math.round(ms / MINUTE)} min`;

/**
 * Works out a catch-up at `now` without applying it (the preview, and the command's own plan). The delay is how
 * late `untilItemId` is projected to start; coming breaks (plan `breaks` or `both`, first) are shortened, earliest
 * first, down to `minBreakMinutes`; coming talks (plan `talks` or `both`) are trimmed a minute at a time in turn,
 * each by at most `maxTrimMinutes` in all (against its planned length) and never below 5 min. Only items between
 * the running one and the target, of the same program day, change. When the delay cannot all be absorbed it
 * absorbs what it can; `remainingLateMs` says how late the item stays.
 */
export function planCatchUp(program: Program, state: HallState, request: CatchUpRequest, now: number): CatchUpOutcome {
  const plan = request.plan ?? CATCH_UP_DEFAULTS.plan;
  const maxTrimMs = (request.maxTrimMinutes ?? CATCH_UP_DEFAULTS.maxTrimMinutes) * MINUTE;
  const minBreakMs = (request.minBreakMinutes ?? CATCH_UP_DEFAULTS.minBreakMinutes) * MINUTE;
  const items = hallItems(program, state.hallId);
  const target = items.find((item) => item.id === request.untilItemId);
  if (!target) return reject('unknown_item', `no item "${request.untilItemId}" in hall ${state.hallId}`);
  const coming = comingItems(program, state, now);
  const index = coming.findIndex((p) => p.item.id === target.id);
  if (index < 0) return reject('not_applicable', `"${target.title}" is not still to come in this hall`);
  const today = dayOfItem(items, coming[0]!.item.id) ?? [];
  if (!today.includes(target)) {
    return reject('not_applicable', `"${target.title}" is on a later program day: a delay ends with its day`);
  }
  const lateMs = coming[index]!.start - target.start;
  if (lateMs <= 0) return reject('not_applicable', `"${target.title}" is projected to start on time`);

  const before = coming.slice(0, index).map((p) => p.item);
  const lengths: Record<string, number> = { ...(state.catchUps.at(-1)?.lengthsMs ?? {}) };
  const lengthOf = (item: Item) => lengths[item.id] ?? plannedLengthMs(item);
  let needMs = lateMs;
  if (plan !== 'talks') {
    for (const item of before.filter(isBreakItem)) {
      if (needMs <= 0) break;
      const cut = Math.min(lengthOf(item) - minBreakMs, ceilMinute(needMs));
      if (cut <= 0) continue;
      lengths[item.id] = lengthOf(item) - cut;
      needMs -= cut;
    }
  }
  if (plan !== 'breaks') {
    const talks = before.filter((item) => item.kind === 'talk');
    let cutAny = true;
    while (needMs > 0 && cutAny) {
      cutAny = false;
      for (const talk of talks) {
        if (needMs <= 0) break;
        const trimmedMs = plannedLengthMs(talk) - lengthOf(talk);
        const cut = Math.min(MINUTE, maxTrimMs - trimmedMs, lengthOf(talk) - MIN_TALK_MS);
        if (cut <= 0) continue;
        lengths[talk.id] = lengthOf(talk) - cut;
        needMs -= cut;
        cutAny = true;
      }
    }
  }
  const changes: CatchUpChange[] = before
    .filter((item) => lengthOf(item) !== (state.catchUps.at(-1)?.lengthsMs[item.id] ?? plannedLengthMs(item)))
    .map((item) => ({
      itemId: item.id,
      plannedMs: plannedLengthMs(item),
      fromMs: state.catchUps.at(-1)?.lengthsMs[item.id] ?? plannedLengthMs(item),
      toMs: lengthOf(item),
    }));
  if (changes.length === 0) {
    const what = plan === 'breaks' ? 'no coming break' : plan === 'talks' ? 'no coming talk' : 'no coming break or talk';
    return reject(
      'not_applicable',
      `${what} before "${target.title}" can be shortened further: it stays ${minutesText(lateMs)} late`,
    );
  }
  const draft: CatchUp = { untilItemId: target.id, plan, at: now, lateMs, absorbedMs: 0, remainingLateMs: 0, lengthsMs: lengths };
  const projected = projectedTimes(program, withCatchUp(state, draft), now);
  const after = projected.find((p) => p.itemId === target.id)!;
  const remainingLateMs = Math.max(0, after.projectedStart - target.start);
  const catchUp: CatchUp = { ...draft, absorbedMs: lateMs - remainingLateMs, remainingLateMs };
  return { ok: true, catchUp, changes, projected };
}

function reject(code: RejectionCode, message: string): CatchUpOutcome {
  return { ok: false, code, message };
}

function withCatchUp(state: HallState, catchUp: CatchUp): HallState {
  return { ...state, catchUps: [...state.catchUps, catchUp].slice(-CATCH_UP_LIMIT) };
}

/** `catchUp`: applies the plan of `planCatchUp`. The position is kept: `previous` does not undo it. */
export function catchUp(
  program: Program,
  state: HallState,
  command: Extract<Command, { type: 'catchUp' }>,
  now: number,
): StepResult {
  const { type: _type, ...request } = command;
  const outcome = planCatchUp(program, state, request, now);
  if (!outcome.ok) return outcome;
  return { ok: true, state: withCatchUp(state, outcome.catchUp) };
}

/**
 * `undoCatchUp`: removes the newest catch-up; the items it shortened get back the lengths they had before (an
 * item already started keeps its running timer: `extend` changes that).
 */
export function undoCatchUp(state: HallState): StepResult {
  if (state.catchUps.length === 0) return { ok: false, code: 'not_applicable', message: 'there is no catch-up to undo' };
  return { ok: true, state: { ...state, catchUps: state.catchUps.slice(0, -1) } };
}
