import {
  DAY_GAP_MS,
  DEFAULT_BREAK_MS,
  followingItem,
  hallItems,
  isBreakItem,
  isExpired,
  isTimedPhase,
  itemForNext,
  type HallState,
  type Item,
  type Program,
} from '../../shared/index.js';

/** What the `next` command would do now, so its button can say it ("Start: Opening", "End the day"). */
export type NextStep = { kind: 'start'; item: Item } | { kind: 'end' } | { kind: 'none' };

/** What the hall's controls can do now: each flag mirrors the reducer's rule, so a button is off when it would be refused. */
export interface HallAbilities {
  next: NextStep;
  /** True when a chair runs the hall (false: idle, or yesterday's state that expired). */
  chairRun: boolean;
  canGoBack: boolean;
  canQa: boolean;
  /** A countdown runs (or is paused): extend works. */
  timed: boolean;
  onHold: boolean;
  onBreak: boolean;
  /** The break `break` would start: the program's next break item, else an ad-hoc one. */
  breakItem: Item | null;
  /** Minutes of the break the break button starts. */
  breakMinutes: number;
}

/** The last item of its program day: `next` from it ends the day. */
function isLastOfDay(items: readonly Item[], item: Item): boolean {
  const following = followingItem(items, item.id);
  return !following || following.start - item.end >= DAY_GAP_MS;
}

/** What `next` does from this state at server time `now` (the reducer's rule, read only). */
export function nextStep(items: readonly Item[], state: HallState, now: number): NextStep {
  if (items.length === 0) return { kind: 'none' };
  const current = state.itemId === null ? undefined : items.find((i) => i.id === state.itemId);
  const fresh = state.phase === 'idle' || state.phase === 'ended' || isExpired(items, state, now);
  if (!fresh && current && isLastOfDay(items, current)) return { kind: 'end' };
  const item = itemForNext({ items: [...items], state, now });
  return item ? { kind: 'start', item } : { kind: 'end' };
}

/** What the controls of a hall can do, from the program, its state and server time. */
export function hallAbilities(program: Program, state: HallState, now: number): HallAbilities {
  const items = hallItems(program, state.hallId);
  const expired = isExpired(items, state, now);
  const chairRun = state.phase !== 'idle' && !expired;
  const running = state.phase === 'hold' ? (state.held?.phase ?? 'idle') : state.phase;
  const current = state.itemId === null ? undefined : items.find((i) => i.id === state.itemId);
  const index = current ? items.indexOf(current) : -1;
  const step = nextStep(items, state, now);
  const candidate = step.kind === 'start' ? step.item : undefined;
  const breakItem = candidate && isBreakItem(candidate) ? candidate : null;
  return {
    next: step,
    chairRun,
    canGoBack: chairRun && (state.history.length > 0 || index > 0),
    canQa: chairRun && state.phase === 'talk' && current !== undefined,
    timed: chairRun && isTimedPhase(running),
    onHold: state.phase === 'hold',
    onBreak: chairRun && running === 'break',
    breakItem,
    breakMinutes: breakItem ? Math.round((breakItem.end - breakItem.start) / 60_000) : DEFAULT_BREAK_MS / 60_000,
  };
}
