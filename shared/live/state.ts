import { z } from 'zod';

/** What a hall is doing. idle: not started (follows the printed schedule); ended: nothing more to run. */
export const PHASES = ['idle', 'talk', 'qa', 'break', 'hold', 'ended'] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

/** Phases with a countdown. */
export const TIMED_PHASES = ['talk', 'qa', 'break'] as const;
export type TimedPhase = (typeof TIMED_PHASES)[number];
export function isTimedPhase(phase: Phase): phase is TimedPhase {
  return (TIMED_PHASES as readonly Phase[]).includes(phase);
}

/** Screens a chair's message can go to. */
export const SURFACES = ['signage', 'lobby', 'timer', 'stream', 'live'] as const;
export const SurfaceSchema = z.enum(SURFACES);
export type Surface = z.infer<typeof SurfaceSchema>;

export const HallMessageSchema = z.object({
  text: z.string(),
  /** Surfaces that show it. */
  targets: z.array(SurfaceSchema),
  /** Server time it was sent (epoch ms). */
  sentAt: z.number(),
});
export type HallMessage = z.infer<typeof HallMessageSchema>;

/**
 * Where a hall stands in its program: the item, the phase and its timer.
 * `previous` restores one of these, so a clicker's "back" undoes a "next" without restarting a talk.
 */
export const PositionSchema = z.object({
  phase: PhaseSchema,
  /** The item the chair is on; null when idle, ended, or on an ad-hoc break before the first item. */
  itemId: z.string().nullable(),
  /** When the current item actually started (epoch ms). */
  itemStartedAt: z.number().nullable(),
  /** Actual start − planned start of the current item (ms, negative when early); 0 before the hall starts. */
  delayMs: z.number(),
  /** When the current phase began (epoch ms). */
  phaseStartedAt: z.number().nullable(),
  /** Planned length of a timed phase (ms); null for idle, hold and ended. */
  phasePlannedMs: z.number().nullable(),
  /** Minutes added by `extend` during this phase, in ms (negative when shortened). */
  extensionMs: z.number(),
  /** Time spent on hold during this phase (ms); it pushes the countdown back. */
  pausedMs: z.number(),
});
export type Position = z.infer<typeof PositionSchema>;

/** A speaker's check-in for a coming item: set by the chair or the director with `checkIn`. */
export const CheckInSchema = z.object({
  /** The speaker is in the hall (false: the chair took a check-in back). */
  present: z.boolean(),
  /** Server time of the check-in (epoch ms). */
  at: z.number(),
});
export type CheckIn = z.infer<typeof CheckInSchema>;

/** How a catch-up absorbs a delay: shorter breaks, shorter talks, or both (breaks first). */
export const CATCH_UP_PLANS = ['breaks', 'talks', 'both'] as const;
export const CatchUpPlanSchema = z.enum(CATCH_UP_PLANS);
export type CatchUpPlan = z.infer<typeof CatchUpPlanSchema>;

/** An applied catch-up: what was asked, what it achieved, and the item lengths in force after it. */
export const CatchUpSchema = z.object({
  /** The item that was to start at its planned time. */
  untilItemId: z.string(),
  plan: CatchUpPlanSchema,
  /** Server time it was applied (epoch ms). */
  at: z.number(),
  /** How late the item was projected to start before the catch-up (ms). */
  lateMs: z.number(),
  /** How much of that the shortened items absorb (ms). */
  absorbedMs: z.number(),
  /** How late the item stays (ms, ≥ 0). */
  remainingLateMs: z.number(),
  /**
   * Every shortened item's new length (ms) by item id, this catch-up's and the earlier ones' together; items not
   * named keep their planned length. The program itself is never changed.
   */
  lengthsMs: z.record(z.string(), z.number()),
});
export type CatchUp = z.infer<typeof CatchUpSchema>;
/**
 * The audience question on air: a copy taken when it was shown (`showQuestion`), so the reducer and every screen
 * need nothing but the hall's state. Text and name as stored (render as text only).
 */
export const OnAirQuestionSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** The asker's name, when they gave one. */
  name: z.string().nullable(),
});
export type OnAirQuestion = z.infer<typeof OnAirQuestionSchema>;

export const HallStateSchema = PositionSchema.extend({
  hallId: z.string(),
  /** Bumped by every accepted command; 0 for a hall no one has commanded. */
  revision: z.number().int().min(0),
  /** While on hold: the phase to return to on release, and since when (epoch ms). */
  held: z.object({ phase: PhaseSchema, since: z.number() }).nullable(),
  /** The chair's message, shown as a banner on the targeted surfaces. */
  message: HallMessageSchema.nullable(),
  /**
   * The audience question on air (speaker timer, stream, signage); null when none. Taken off by `hideQuestion`
   * and whenever the hall's item changes. States stored before questions existed read as null.
   */
  question: OnAirQuestionSchema.nullable().default(null),
  /** Positions left by commands, newest last (bounded), for `previous`. */
  history: z.array(PositionSchema),
  /** Server time of the last accepted command (epoch ms). */
  updatedAt: z.number(),
  /** Every speaker check-in by item id (`checkIn`); `previous` never undoes one, `reset` clears them. */
  checkIns: z.record(z.string(), CheckInSchema).default({}),
  /** Catch-ups in force, oldest first (bounded); `undoCatchUp` removes the newest, `reset` clears them. */
  catchUps: z.array(CatchUpSchema).default([]),
});
export type HallState = z.infer<typeof HallStateSchema>;

/** How many positions `previous` can walk back. */
export const HISTORY_LIMIT = 20;

/** The idle position: a hall no chair has started. */
export const IDLE_POSITION: Position = {
  phase: 'idle',
  itemId: null,
  itemStartedAt: null,
  delayMs: 0,
  phaseStartedAt: null,
  phasePlannedMs: null,
  extensionMs: 0,
  pausedMs: 0,
};

/** A hall before any command: idle, following its printed schedule. */
export function initialHallState(hallId: string): HallState {
  return {
    ...IDLE_POSITION,
    hallId,
    revision: 0,
    held: null,
    message: null,
    question: null,
    history: [],
    updatedAt: 0,
    checkIns: {},
    catchUps: [],
  };
}

/** The position part of a state. */
export function positionOf(state: HallState): Position {
  const { phase, itemId, itemStartedAt, delayMs, phaseStartedAt, phasePlannedMs, extensionMs, pausedMs } = state;
  return { phase, itemId, itemStartedAt, delayMs, phaseStartedAt, phasePlannedMs, extensionMs, pausedMs };
}

/** When the countdown of a timed position ends (epoch ms), or null for an untimed one. */
export function countdownEnd(position: Position): number | null {
  if (!isTimedPhase(position.phase) || position.phaseStartedAt === null || position.phasePlannedMs === null) {
    return null;
  }
  return position.phaseStartedAt + position.phasePlannedMs + position.extensionMs + position.pausedMs;
}
