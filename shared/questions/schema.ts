import { z } from 'zod';
import { ItemIdSchema, QuestionIdSchema } from '../ids.js';
import { QuestionNameSchema, QuestionTextSchema } from './text.js';

/** The header a public page sends its device id in: a random id it keeps in localStorage. */
export const DEVICE_HEADER = 'x-lectern-device';

/** A device id: 8 to 100 letters, digits, `-` or `_` (a UUID fits). */
export const DeviceIdSchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

/** The device-id rule without zod, for the public page (which ships no zod); the same rule as DeviceIdSchema. */
export function isDeviceId(text: string): boolean {
  return text.length >= 8 && text.length <= 100 && /^[A-Za-z0-9_-]+$/.test(text);
}

/**
 * Where a question stands. pending: waiting for the moderator (every question starts here, unless the hall
 * auto-approves); approved: on the list the chair and the viewers see; rejected: not shown; answered: done.
 */
export const QUESTION_STATUSES = ['pending', 'approved', 'rejected', 'answered'] as const;
export const QuestionStatusSchema = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatusSchema>;

/** A question as moderators, the hall's chair and directors see it (`GET …/questions` with a token). */
export interface Question {
  id: string;
  hallId: string;
  /** The talk it is for. */
  itemId: string;
  /** Verbatim, cleaned (`cleanQuestionText`); render as text only. */
  text: string;
  /** The name the viewer chose to give; null when none. */
  name: string | null;
  status: QuestionStatus;
  /** Upvotes, one per device. */
  votes: number;
  /** Starred by the moderator: sorts first. */
  starred: boolean;
  /** The moderator's place for it (0 first) after a reorder; null until then (`orderQuestions`). */
  position: number | null;
  /** The held word it matched (the hall's word list): kept pending for the moderator. Null when none. */
  heldWord: string | null;
  /** Server time it was asked (epoch ms). */
  createdAt: number;
  /** Server time of its last status, star, order or vote change (epoch ms). */
  updatedAt: number;
}

/** An approved question as anyone sees it (`GET …/questions` without a token): nothing about the asker but the name. */
export interface PublicQuestion {
  id: string;
  itemId: string;
  text: string;
  name: string | null;
  votes: number;
}

/**
 * A question as its own device sees it (`GET …/questions/mine`). received: waiting (or not taken: a rejection is
 * not told to the asker); listed: approved; answered.
 */
export interface MyQuestion {
  id: string;
  itemId: string;
  text: string;
  status: 'received' | 'listed' | 'answered';
  createdAt: number;
}

/** The status a viewer sees of their own question. */
export function viewerStatusOf(status: QuestionStatus): MyQuestion['status'] {
  if (status === 'approved') return 'listed';
  if (status === 'answered') return 'answered';
  return 'received';
}

/** `POST /api/v1/halls/:hallId/questions`: a viewer asks. `itemId` defaults to the item on now, else the next. */
export const SubmitQuestionSchema = z.object({
  text: QuestionTextSchema,
  name: QuestionNameSchema.optional(),
  itemId: ItemIdSchema.optional(),
});
export type SubmitQuestion = z.input<typeof SubmitQuestionSchema>;

/**
 * Answer of a submit: 201 for a new question; 200 with `merged: true` when the same device had asked the same
 * text for the same talk already (the earlier question's id and status).
 */
export interface SubmitQuestionAnswer {
  id: string;
  status: QuestionStatus;
  merged?: true;
}

/** Answer of `POST …/questions/:id/vote`: the votes now; `counted` false when this device had voted already. */
export interface VoteAnswer {
  id: string;
  votes: number;
  counted: boolean;
}

/**
 * `PATCH /api/v1/halls/:hallId/questions/:id` (and `questions:update` on the socket): a moderator or director
 * sets the status or the star; the hall's chair may only set `status: "answered"`.
 */
export const QuestionPatchSchema = z
  .object({ status: QuestionStatusSchema.optional(), starred: z.boolean().optional() })
  .strict()
  .refine((patch) => patch.status !== undefined || patch.starred !== undefined, 'give status or starred');
export type QuestionPatch = z.infer<typeof QuestionPatchSchema>;

/**
 * `PUT /api/v1/halls/:hallId/questions/order` (and `questions:reorder`): the moderator's order. The listed
 * questions (of this hall) take positions 0, 1, 2… in that order; the other questions of the same talks lose
 * theirs and sort after them by the default order (starred, votes, age).
 */
export const QuestionOrderSchema = z.object({ questionIds: z.array(QuestionIdSchema).min(1).max(500) });
export type QuestionOrder = z.infer<typeof QuestionOrderSchema>;

/**
 * When a hall takes questions. auto (the default): open while a talk or its Q&A runs, except for an item marked
 * do-not-stream; open: always; closed: never.
 */
export const QUESTION_MODES = ['auto', 'open', 'closed'] as const;
export const QuestionModeSchema = z.enum(QUESTION_MODES);
export type QuestionMode = z.infer<typeof QuestionModeSchema>;

/** A word of the held-words list: 1 to 60 characters. */
const HeldWordSchema = z.string().trim().min(1).max(60);

/** A hall's question settings, as stored. */
export const QuestionSettingsSchema = z.object({
  mode: QuestionModeSchema,
  /** Approve new questions at once (off by default); a question with a held word stays pending anyway. */
  autoApprove: z.boolean(),
  /** Words that hold a question for the moderator (case- and width-insensitive substrings). */
  heldWords: z.array(HeldWordSchema).max(200),
  /** The hall signage shows the question on air too (the timer and the stream always do). */
  showOnSignage: z.boolean(),
});
export type QuestionSettings = z.infer<typeof QuestionSettingsSchema>;

/** A hall's settings before anyone changed them. */
export const DEFAULT_QUESTION_SETTINGS: QuestionSettings = {
  mode: 'auto',
  autoApprove: false,
  heldWords: [],
  showOnSignage: true,
};

/** `PATCH /api/v1/halls/:hallId/questions/settings` (and `questions:settings`): moderator or director. */
export const QuestionSettingsPatchSchema = QuestionSettingsSchema.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one setting');
export type QuestionSettingsPatch = z.infer<typeof QuestionSettingsPatchSchema>;

/** What anyone may know of a hall's questions (`GET …/questions/settings` without a token). */
export interface PublicQuestionSettings {
  hallId: string;
  /** Whether the hall takes questions right now (the mode applied to what runs). */
  open: boolean;
  mode: QuestionMode;
  showOnSignage: boolean;
}

/** The settings as moderators and directors see them (with a token): the public part plus the rest. */
export interface FullQuestionSettings extends PublicQuestionSettings {
  autoApprove: boolean;
  heldWords: string[];
}

/** Answer of `GET …/questions/settings`: public without a token, full with a moderator, chair or director one. */
export type QuestionSettingsAnswer = PublicQuestionSettings | FullQuestionSettings;

/**
 * Answer of `GET /api/v1/halls/:hallId/questions` (`?itemId=` keeps one talk's). Without a token: the approved
 * questions (`scope: "public"`); with a moderator, the hall's chair or a director token: every question.
 * Both in `orderQuestions` order.
 */
export type QuestionListAnswer =
  { scope: 'public'; questions: PublicQuestion[] } | { scope: 'full'; questions: Question[]; settings: FullQuestionSettings };

/** Answer of `GET …/questions/mine` (with the device header): that device's questions in this hall, newest first. */
export interface MyQuestionsAnswer {
  questions: MyQuestion[];
}

/** `questions:changed`: questions that came or changed (upsert by id), and the settings when they changed. */
export interface QuestionsChanged {
  hallId: string;
  questions: Question[];
  settings?: FullQuestionSettings;
}
