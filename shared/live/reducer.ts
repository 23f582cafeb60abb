import { findItem, hallItems, isBreakItem, plannedLengthMs } from '../program/items.js';
import type { Item, Program } from '../program/schema.js';
import { catchUp, undoCatchUp } from './catch-up.js';
import { checkIn, type StepResult } from './check-in.js';
import { commandOf, type Command, type CommandEnvelope } from './commands.js';
import { itemLengthMs } from './lengths.js';
import { isExpired } from './expiry.js';
import { DEFAULT_BREAK_MS, backStep, isCountingDown, isOnBreak, nextStep, programBreak, qaTalk } from './predicates.js';
import {
  HISTORY_LIMIT,
  IDLE_POSITION,
  SURFACES,
  countdownEnd,
  initialHallState,
  isTimedPhase,
  positionOf,
  type HallState,
  type OnAirQuestion,
  type Position,
} from './state.js';

const MINUTE = 60_000;

/** Why a command was not applied. */
export type RejectionCode = 'stale_revision' | 'unknown_item' | 'unknown_question' | 'not_applicable';

/**
 * What the server looked up for a command, so the reducer stays pure: for `showQuestion`, the question it names
 * when that is an approved question of this hall (absent otherwise).
 */
export interface CommandInputs {
  question?: OnAirQuestion;
}

/** The outcome of a command: the new state, or why nothing changed (with the unchanged state). */
export type CommandOutcome =
  { ok: true; state: HallState } | { ok: false; code: RejectionCode; message: string; state: HallState };

interface Context {
  program: Program;
  /** The hall's items in order. */
  items: Item[];
  state: HallState;
  now: number;
  inputs: CommandInputs;
}

type Handler<C extends Command> = (ctx: Context, command: C) => CommandOutcome;

function reject(ctx: Context, code: RejectionCode, message: string): CommandOutcome {
  return { ok: false, code, message, state: ctx.state };
}

/** The state with its position replaced; the old position goes on the history for `previous`. */
function moveTo(ctx: Context, position: Position): CommandOutcome {
  const history = [...ctx.state.history, settledPosition(ctx.state, ctx.now)].slice(-HISTORY_LIMIT);
  return accept(ctx, { ...ctx.state, ...position, held: null, history });
}

/** The accepted state, one revision on. A question on air goes off when the hall's item changes. */
function accept(ctx: Context, state: HallState): CommandOutcome {
  const question = state.itemId === ctx.state.itemId ? state.question : null;
  return { ok: true, state: { ...state, question, revision: ctx.state.revision + 1, updatedAt: ctx.now } };
}

/** The state's position as if released from hold now: what `previous` should come back to. */
function settledPosition(state: HallState, now: number): Position {
  const position = positionOf(state);
  if (state.phase !== 'hold' || !state.held) return position;
  const pausedMs = isTimedPhase(state.held.phase) ? position.pausedMs + (now - state.held.since) : position.pausedMs;
  return { ...position, phase: state.held.phase, pausedMs };
}

/** The outcome of a handler kept in its own file (check-in, catch-up). */
function settle(ctx: Context, result: StepResult): CommandOutcome {
  return result.ok ? accept(ctx, result.state) : reject(ctx, result.code, result.message);
}

/**
 * The position of an item started now. A talk's timer leaves room for its Q&A minutes. `lengthMs` is the item's
 * length in the hall (planned, or as a catch-up shortened it).
 */
export function startedPosition(item: Item, now: number, breakMsOverride?: number, lengthMs = plannedLengthMs(item)): Position {
  const onBreak = isBreakItem(item);
  const qaMs = (item.qaMinutes ?? 0) * MINUTE;
  return {
    phase: onBreak ? 'break' : 'talk',
    itemId: item.id,
    itemStartedAt: now,
    delayMs: now - item.start,
    phaseStartedAt: now,
    phasePlannedMs: onBreak ? (breakMsOverride ?? lengthMs) : qaMs < lengthMs ? lengthMs - qaMs : lengthMs,
    extensionMs: 0,
    pausedMs: 0,
  };
}

const handlers: { [T in Command['type']]: Handler<Extract<Command, { type: T }>> } = {
  goto(ctx, command) {
    const item = findItem(ctx.program, command.itemId);
    if (!item || item.hallId !== ctx.state.hallId) {
      return reject(ctx, 'unknown_item', `no item "${command.itemId}" in hall ${ctx.state.hallId}`);
    }
    return moveTo(ctx, startedPosition(item, ctx.now, undefined, itemLengthMs(ctx.state, item)));
  },

  next(ctx) {
    const step = nextStep(ctx.items, ctx.state, ctx.now);
    if (step.kind === 'none') return reject(ctx, 'not_applicable', 'this hall has no items');
    if (step.kind === 'end') return moveTo(ctx, { ...IDLE_POSITION, phase: 'ended', phaseStartedAt: ctx.now });
    return moveTo(ctx, startedPosition(step.item, ctx.now, undefined, itemLengthMs(ctx.state, step.item)));
  },

  previous(ctx) {
    const step = backStep(ctx.program, ctx.items, ctx.state);
    if (step.kind === 'history') {
      return accept(ctx, { ...ctx.state, ...step.position, held: null, history: ctx.state.history.slice(0, -1) });
    }
    if (step.kind === 'none') return reject(ctx, 'not_applicable', 'there is nothing to go back to');
    return moveTo(ctx, startedPosition(step.item, ctx.now, undefined, itemLengthMs(ctx.state, step.item)));
  },

  qa(ctx) {
    const item = qaTalk(ctx.items, ctx.state);
    if (!item) {
      return reject(ctx, 'not_applicable', 'Q&A follows a talk: start the talk first');
    }
    // With Q&A minutes in the program, Q&A gets them; otherwise it runs to the end of the talk's slot.
    const talkEnd = countdownEnd(ctx.state) ?? ctx.now;
    const plannedMs = item.qaMinutes ? item.qaMinutes * MINUTE : Math.max(0, talkEnd - ctx.now);
    return moveTo(ctx, {
      ...positionOf(ctx.state),
      phase: 'qa',
      phaseStartedAt: ctx.now,
      phasePlannedMs: plannedMs,
      extensionMs: 0,
      pausedMs: 0,
    });
  },

  break(ctx, command) {
    const minutesMs = command.minutes === undefined ? undefined : command.minutes * MINUTE;
    if (isOnBreak(ctx.items, ctx.state, ctx.now)) {
      if (minutesMs === undefined) return reject(ctx, 'not_applicable', 'already on a break: give its minutes to restart it');
      return accept(ctx, {
        ...ctx.state,
        phase: 'break',
        held: null,
        phaseStartedAt: ctx.now,
        phasePlannedMs: minutesMs,
        extensionMs: 0,
        pausedMs: 0,
      });
    }
    const candidate = programBreak(ctx.items, ctx.state, ctx.now);
    if (candidate) return moveTo(ctx, startedPosition(candidate, ctx.now, minutesMs, itemLengthMs(ctx.state, candidate)));
    // An ad-hoc break: the hall pauses after the current item; `next` goes on from there.
    const keep = ctx.state.phase === 'ended' || isExpired(ctx.items, ctx.state, ctx.now) ? IDLE_POSITION : positionOf(ctx.state);
    return moveTo(ctx, {
      ...keep,
      phase: 'break',
      phaseStartedAt: ctx.now,
      phasePlannedMs: minutesMs ?? DEFAULT_BREAK_MS,
      extensionMs: 0,
      pausedMs: 0,
    });
  },

  extend(ctx, command) {
    if (!isCountingDown(ctx.state)) return reject(ctx, 'not_applicable', 'nothing is running to extend');
    return accept(ctx, { ...ctx.state, extensionMs: ctx.state.extensionMs + command.minutes * MINUTE });
  },

  hold(ctx) {
    if (ctx.state.phase === 'hold') return reject(ctx, 'not_applicable', 'already on hold');
    return accept(ctx, { ...ctx.state, phase: 'hold', held: { phase: ctx.state.phase, since: ctx.now } });
  },

  release(ctx) {
    if (ctx.state.phase !== 'hold' || !ctx.state.held) return reject(ctx, 'not_applicable', 'the hall is not on hold');
    return accept(ctx, { ...ctx.state, ...settledPosition(ctx.state, ctx.now), held: null });
  },

  message(ctx, command) {
    const targets = command.targets ? SURFACES.filter((s) => command.targets!.includes(s)) : [...SURFACES];
    return accept(ctx, { ...ctx.state, message: { text: command.text, targets, sentAt: ctx.now } });
  },

  clearMessage(ctx) {
    return accept(ctx, { ...ctx.state, message: null });
  },

  checkIn(ctx, command) {
    return settle(ctx, checkIn(ctx.items, ctx.state, command, ctx.now));
  },

  catchUp(ctx, command) {
    return settle(ctx, catchUp(ctx.program, ctx.state, command, ctx.now));
  },

  undoCatchUp(ctx) {
    return settle(ctx, undoCatchUp(ctx.state));
  },

  showQuestion(ctx, command) {
    const question = ctx.inputs.question;
    if (!question || question.id !== command.questionId) {
      return reject(ctx, 'unknown_question', `no approved question "${command.questionId}" in hall ${ctx.state.hallId}`);
    }
    if (ctx.state.itemId === null)
      return reject(ctx, 'not_applicable', 'a question goes on air during a talk: start the talk first');
    if (ctx.state.question?.id === question.id) return reject(ctx, 'not_applicable', 'this question is on air already');
    return accept(ctx, { ...ctx.state, question: { id: question.id, text: question.text, name: question.name } });
  },

  hideQuestion(ctx, command) {
    if (!ctx.state.question) return reject(ctx, 'not_applicable', 'no question is on air');
    if (command.questionId !== undefined && command.questionId !== ctx.state.question.id) {
      return reject(ctx, 'not_applicable', `question "${command.questionId}" is not the one on air`);
    }
    return accept(ctx, { ...ctx.state, question: null });
  },

  reset(ctx) {
    return accept(ctx, { ...initialHallState(ctx.state.hallId) });
  },
};

/**
 * Applies a command to a hall's state at server time `now`, with what the server looked up for it (`inputs`).
 * Pure: the same inputs give the same outcome. A rejected command returns the state unchanged.
 */
export function applyCommand(
  program: Program,
  state: HallState,
  command: Command,
  now: number,
  inputs: CommandInputs = {},
): CommandOutcome {
  const ctx: Context = { program, items: hallItems(program, state.hallId), state, now, inputs };
  const handler = handlers[command.type] as Handler<Command>;
  return handler(ctx, command);
}

/** Like applyCommand, but first rejects a command built on a revision that is no longer current. */
export function applyEnvelope(
  program: Program,
  state: HallState,
  envelope: CommandEnvelope,
  now: number,
  inputs: CommandInputs = {},
): CommandOutcome {
  if (envelope.expectRevision !== undefined && envelope.expectRevision !== state.revision) {
    return {
      ok: false,
      code: 'stale_revision',
      message: `the hall is at revision ${state.revision}, not ${envelope.expectRevision}: someone else acted first`,
      state,
    };
  }
  return applyCommand(program, state, commandOf(envelope), now, inputs);
}
