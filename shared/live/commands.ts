import { z } from 'zod';
import { CommandIdSchema, HallIdSchema, ItemIdSchema, QuestionIdSchema } from '../ids.js';
import { CatchUpPlanSchema, SurfaceSchema, SURFACES } from './state.js';

const minutes = z.number().int();

/** Longest message a chair can put on the screens (characters). */
export const MESSAGE_MAX_LENGTH = 280;

/**
 * A message for the screens: trimmed, 1 to 280 characters. Characters, not UTF-16 units: an emoji counts one,
 * so 280 emoji fit wherever a message is sent (one hall's command, every hall at once).
 */
export const MessageTextSchema = z
  .string()
  .trim()
  .min(1)
  .refine((text) => [...text].length <= MESSAGE_MAX_LENGTH, `at most ${MESSAGE_MAX_LENGTH} characters`);

/** Which screens show a message; none given means every surface. */
export const MessageTargetsSchema = z.array(SurfaceSchema).min(1).max(SURFACES.length);

/**
 * What a catch-up asks for (the `catchUp` command without its type, and the preview's query): the item that is
 * to start at its planned time, and how far breaks and talks may be shortened.
 */
export const CatchUpRequestSchema = z.object({
  /** The coming item (of the same program day) that is to start on time, e.g. the one after the break. */
  untilItemId: ItemIdSchema,
  /** Shorten coming breaks, trim coming talks, or both (breaks first); default both. */
  plan: CatchUpPlanSchema.optional(),
  /** The most a talk is trimmed (minutes, default 5). */
  maxTrimMinutes: minutes.min(0).max(60).optional(),
  /** The shortest a break becomes (minutes, default 5). */
  minBreakMinutes: minutes.min(1).max(120).optional(),
});
export type CatchUpRequest = z.infer<typeof CatchUpRequestSchema>;

/** Every command a chair or director can send to a hall. */
export const CommandSchema = z.discriminatedUnion('type', [
  /** Start this item now. */
  z.object({ type: z.literal('goto'), itemId: ItemIdSchema }),
  /** Move to the following item (from idle: the first item that has not ended by the clock). */
  z.object({ type: z.literal('next') }),
  /** Undo the last move (restores the item with its timer), else start the preceding item. */
  z.object({ type: z.literal('previous') }),
  /** Questions and answers for the current talk. */
  z.object({ type: z.literal('qa') }),
  /** A break: enters the following break item, or an ad-hoc break of `minutes` (default 10). */
  z.object({ type: z.literal('break'), minutes: minutes.min(1).max(240).optional() }),
  /** Add (or, negative, remove) minutes to the running countdown. */
  z.object({
    type: z.literal('extend'),
    minutes: minutes
      .min(-120)
      .max(120)
      .refine((m) => m !== 0, 'must not be 0'),
  }),
  /** Freeze the hall: hold slate, countdown paused. */
  z.object({ type: z.literal('hold') }),
  /** Back from hold to what the hall was doing, the countdown resumed. */
  z.object({ type: z.literal('release') }),
  /** A banner on the screens; `targets` defaults to every surface. */
  z.object({
    type: z.literal('message'),
    text: MessageTextSchema,
    targets: MessageTargetsSchema.optional(),
  }),
  z.object({ type: z.literal('clearMessage') }),
  /** The speaker of a coming item is in the hall (`present: false` takes it back). Not a move: `previous` keeps it. */
  z.object({ type: z.literal('checkIn'), itemId: ItemIdSchema, present: z.boolean() }),
  /** Absorb the running delay before `untilItemId` by shortening coming breaks and/or talks. */
  z.object({ type: z.literal('catchUp') }).extend(CatchUpRequestSchema.shape),
  /** Undo the newest catch-up: the items it shortened get their earlier lengths back. */
  z.object({ type: z.literal('undoCatchUp') }),
  /** Put an approved audience question of this hall on air (the server looks it up; the state keeps a copy). */
  z.object({ type: z.literal('showQuestion'), questionId: QuestionIdSchema }),
  /**
   * Take the question off air. With `questionId`, only if that question is the one on air (what the server
   * sends when a question on air is rejected or answered, so it never takes down another one shown meanwhile).
   */
  z.object({ type: z.literal('hideQuestion'), questionId: QuestionIdSchema.optional() }),
  /** Director only: back to idle (after a rehearsal); the program is kept. */
  z.object({ type: z.literal('reset') }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];

/** Commands only a director may send. */
export const DIRECTOR_ONLY_COMMANDS: readonly CommandType[] = ['reset'];

/** The only commands a moderator may send (to their own hall). */
export const MODERATOR_COMMANDS: readonly CommandType[] = ['showQuestion', 'hideQuestion'];

/** A command as it travels: the command plus what protects it from being applied twice. */
export const CommandEnvelopeSchema = z
  .object({
    /** Revision the sender saw; a different current revision rejects the command unchanged. */
    expectRevision: z.number().int().min(0).optional(),
    /** Sender's id for this command; a repeat (a retry on bad wifi) gets the first answer again. */
    commandId: CommandIdSchema.optional(),
  })
  .and(CommandSchema);
export type CommandEnvelope = z.infer<typeof CommandEnvelopeSchema>;

/** Strips the envelope fields from a command. */
export function commandOf(envelope: CommandEnvelope): Command {
  const { expectRevision: _revision, commandId: _id, ...command } = envelope;
  return command as Command;
}

/** `hall:watch` and `hall:unwatch`: the hall to follow. */
export const HallWatchSchema = z.object({ hallId: HallIdSchema });
export type HallWatch = z.input<typeof HallWatchSchema>;

/** `hall:command`: a command envelope for one hall. */
export const HallCommandPayloadSchema = z.object({ hallId: HallIdSchema }).and(CommandEnvelopeSchema);
export type HallCommandPayload = z.input<typeof HallCommandPayloadSchema>;
