import type { HallMessage, HallState, LiveView, Phase, TimedPhase, ViewItem } from '../../shared/index.js';
import type { WebhookEvent } from '../config/webhooks.schema.js';

/** What each event's `data` carries (docs/webhooks.md, "Events and payloads"). */
export interface WebhookEventData {
  'item.started': { item: ViewItem; phase: Phase; startedAt: number | null; delayMs: number };
  'phase.changed': { from: Phase; to: Phase; itemId: string | null };
  message: { message: HallMessage | null };
  'hall.held': { held: boolean; itemId: string | null };
  overtime: { itemId: string | null; title: string | null; kind: TimedPhase; endsAt: number; overByMs: number };
}

/** One event of one hall, before it is addressed to the receivers that want it. */
export type HallEvent = {
  [E in WebhookEvent]: { event: E; hallId: string; revision: number; at: number; data: WebhookEventData[E] };
}[WebhookEvent];

/** A committed change of a hall, as the events are derived from it. */
export interface HallTransition {
  previous: HallState;
  state: HallState;
  /** The live view after the change. */
  view: LiveView;
  /** The command that made it (its type), when a command did. */
  command?: string;
  /** When it was committed (epoch ms, server time). */
  at: number;
}

const sameMessage = (a: HallMessage | null, b: HallMessage | null) =>
  a === b || (a !== null && b !== null && a.text === b.text && a.sentAt === b.sentAt && a.targets.join() === b.targets.join());

/**
 * The events a committed change brings, in the order they happened: a new current item (also the same item
 * started again), a phase change, hold on or off, a message set or cleared. Read from the hall's state, so a hall
 * that follows its printed schedule (no chair) sends none; `overtime` is time-driven (`overtimeEvent`).
 */
export function transitionEvents({ previous, state, view, at }: HallTransition): HallEvent[] {
  const base = { hallId: state.hallId, revision: state.revision, at };
  const events: HallEvent[] = [];
  const newItem = state.itemId !== null && (state.itemId !== previous.itemId || state.itemStartedAt !== previous.itemStartedAt);
  if (newItem && view.now && view.now.id === state.itemId) {
    events.push({
      ...base,
      event: 'item.started',
      data: { item: view.now, phase: state.phase, startedAt: state.itemStartedAt, delayMs: state.delayMs },
    });
  }
  if (state.phase !== previous.phase) {
    events.push({ ...base, event: 'phase.changed', data: { from: previous.phase, to: state.phase, itemId: state.itemId } });
  }
  const wasHeld = previous.phase === 'hold';
  const isHeld = state.phase === 'hold';
  if (wasHeld !== isHeld) events.push({ ...base, event: 'hall.held', data: { held: isHeld, itemId: state.itemId } });
  if (!sameMessage(previous.message, state.message)) {
    events.push({ ...base, event: 'message', data: { message: state.message } });
  }
  return events;
}

/**
 * Names one run of a countdown (the item, the phase and where it ends): overtime is sent once per run. An
 * `extend` moves the end, so a countdown that runs over again after it is another run.
 */
export function overtimeKey(view: LiveView): string | null {
  if (view.source !== 'chair' || !view.countdown) return null;
  return `${view.now?.id ?? ''}:${view.countdown.kind}:${view.countdown.endsAt}`;
}

/**
 * The `overtime` event when a chair-run hall's countdown (talk, Q&A or break) has passed zero at `now` and this
 * run was not reported yet (`reported`: the last key sent for the hall). A hold pauses the countdown: none then.
 */
export function overtimeEvent(view: LiveView, now: number, reported: string | undefined): HallEvent | null {
  const key = overtimeKey(view);
  if (key === null || key === reported || !view.countdown || now < view.countdown.endsAt) return null;
  return {
    event: 'overtime',
    hallId: view.hallId,
    revision: view.revision,
    at: now,
    data: {
      itemId: view.now?.id ?? null,
      title: view.now?.title ?? null,
      kind: view.countdown.kind,
      endsAt: view.countdown.endsAt,
      overByMs: now - view.countdown.endsAt,
    },
  };
}
