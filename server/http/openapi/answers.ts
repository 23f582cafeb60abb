import { z } from 'zod';
import {
  CATCH_UP_PLANS,
  CatchUpSchema,
  CommandSchema,
  DisplayHelloSchema,
  HallMessageSchema,
  HallSchema,
  ItemSchema,
  OBS_MODES,
  PHASES,
  ProgramSchema,
  QUESTION_MODES,
  QuestionStatusSchema,
  type ApiError,
  type CatchUpPreview,
  type CommandLogPage,
  type DisplayInfo,
  type FullQuestionSettings,
  type HallSummary,
  type Health,
  type IdentifyAnswer,
  type LiveView,
  type MintedToken,
  type MultiHallResult,
  type MyQuestionsAnswer,
  type ObsHallStatus,
  type ObsRecording,
  type ProgramEditResult,
  type ProgramRevisionInfo,
  type ProgramUploadAnswer,
  type ProjectedTime,
  type PublicQuestionSettings,
  type Question,
  type QuestionListAnswer,
  type SubmitQuestionAnswer,
  type TokenInfo,
  type ViewItem,
  type VoteAnswer,
  type WebhookStatusList,
  type WhoAmI,
} from '../../../shared/index.js';
import type { QuestionExport } from '../../questions/questions.export.js';
import type { Readiness } from '../readyz.js';

// The JSON answers of the HTTP API as zod schemas, for the OpenAPI document only (the server builds its answers
// from the TypeScript types in shared/). Each schema is checked against its type below: a field added to one and
// not the other fails the typecheck, so the document cannot drift from what the routes send.

const epochMs = z.number().describe('epoch ms');
const RoleSchema = z.enum(['director', 'chair', 'moderator']);
const ProblemSchema = z.object({ path: z.string(), message: z.string() });
const VanishedSchema = z.array(z.object({ hallId: z.string(), itemId: z.string() }));

export const ApiErrorSchema = z.object({
  error: z.string().describe('machine-readable reason: invalid, unauthorized, forbidden, not_found, stale_revision, …'),
  message: z.string(),
  problems: z.array(ProblemSchema).optional(),
});

export const HealthSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
  serverTime: epochMs,
  clockOffsetMs: z.number(),
  programRevision: z.number().int(),
});

export const ReadinessSchema = z.union([
  z.object({ ready: z.literal(true), store: z.string() }),
  z.object({ ready: z.literal(false), store: z.string(), reason: z.string() }),
]);

/** The program as `GET /api/v1/program` answers it (the document shows the schema's input side: its shape). */
export const ProgramAnswerSchema = ProgramSchema;

/** An item without its abstract (optional in ItemSchema, so the item's schema describes it; it has refinements, so no `.omit`). */
const ViewItemSchema = ItemSchema as unknown as z.ZodType<ViewItem>;

export const LiveViewSchema = z.object({
  hallId: z.string(),
  revision: z.number().int(),
  phase: z.enum(PHASES),
  now: ViewItemSchema.nullable(),
  next: z.intersection(ViewItemSchema, z.object({ checkedIn: z.boolean() })).nullable(),
  nextStartsAt: epochMs.nullable(),
  delayMs: z.number(),
  countdown: z.object({ kind: z.enum(['talk', 'qa', 'break']), endsAt: epochMs }).nullable(),
  heldRemainingMs: z.number().nullable(),
  message: HallMessageSchema.nullable(),
  question: z.object({ id: z.string(), text: z.string(), name: z.string().nullable() }).nullable(),
  source: z.enum(['schedule', 'chair']),
  itemStartedAt: epochMs.nullable(),
  catchUp: CatchUpSchema.omit({ lengthsMs: true }).nullable(),
  serverTime: epochMs,
});

/** One item of the rest of a hall's day, planned and projected (`GET …/projected`, the catch-up preview). */
export const ProjectedTimeSchema = z.object({
  itemId: z.string(),
  plannedStart: epochMs,
  plannedEnd: epochMs,
  projectedStart: epochMs,
  projectedEnd: epochMs,
});
export const ProjectedSchema = z.array(ProjectedTimeSchema);

/** `POST …/catch-up/preview`: each plan, what it absorbs and the day after it, or why it cannot. */
export const CatchUpPreviewSchema = z.discriminatedUnion('ok', [
  z.object({
    plan: z.enum(CATCH_UP_PLANS),
    ok: z.literal(true),
    absorbedMs: z.number().describe('how much of the delay the plan absorbs (ms)'),
    remainingLateMs: z.number().describe('how late the target still starts (ms)'),
    changes: z.array(
      z
        .object({ itemId: z.string(), plannedMs: z.number(), fromMs: z.number(), toMs: z.number() })
        .describe('an item shortened: lengths in ms'),
    ),
    projected: ProjectedSchema,
  }),
  z.object({
    plan: z.enum(CATCH_UP_PLANS),
    ok: z.literal(false),
    code: z.enum(['stale_revision', 'unknown_item', 'unknown_question', 'not_applicable']),
    message: z.string(),
  }),
]);
export const CatchUpPreviewListSchema = z.array(CatchUpPreviewSchema);

/** A stale revision answers the hall's live view with the error beside it. */
export const StaleRevisionSchema = LiveViewSchema.extend({ error: z.literal('stale_revision'), detail: z.string() });

export const HallSummarySchema = HallSchema.extend({ itemCount: z.number().int() });
export const HallListSchema = z.array(HallSummarySchema.extend({ live: LiveViewSchema }));

export const MintedTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  hallId: z.string(),
  role: z.enum(['chair', 'moderator']),
  url: z.string(),
});
export const TokenInfoSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  hallId: z.string().nullable(),
  label: z.string(),
  createdAt: epochMs,
  revokedAt: epochMs.nullable(),
});
export const WhoAmISchema = z.object({ role: RoleSchema, hallId: z.string().optional(), label: z.string() });

export const ProgramUploadAnswerSchema = z.object({
  revision: z.number().int(),
  format: z.string(),
  zone: z.string(),
  zoneSource: z.enum(['flag', 'file', 'machine']),
  itemCount: z.number().int(),
  halls: z.array(z.object({ id: z.string(), name: z.string(), itemCount: z.number().int() })),
  vanished: VanishedSchema,
  removedHalls: z.array(z.string()),
  warnings: z.array(ProblemSchema),
});
export const ProgramEditResultSchema = z.object({ revision: z.number().int(), summary: z.string(), vanished: VanishedSchema });
export const ProgramRevisionInfoSchema = z.object({ revision: z.number().int(), savedAt: epochMs, actor: z.string() });

export const CommandLogPageSchema = z.object({
  entries: z.array(
    z.object({
      seq: z.number().int(),
      hallId: z.string(),
      revision: z.number().int(),
      command: CommandSchema,
      actor: z.string(),
      actorLabel: z.string(),
      role: RoleSchema,
      at: epochMs,
      rehearsal: z.boolean(),
    }),
  ),
  lastSeq: z.number().int().nullable(),
});

export const MultiHallResultSchema = z.object({
  halls: z.array(
    z.object({
      hallId: z.string(),
      ok: z.boolean(),
      revision: z.number().int(),
      error: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

export const DisplayInfoSchema = z.object({
  id: z.string(),
  page: DisplayHelloSchema.shape.page,
  hallId: z.string().optional(),
  name: z.string().optional(),
  address: z.string(),
  userAgent: z.string(),
  connectedAt: epochMs,
  lastSeenAt: epochMs,
});
export const IdentifyAnswerSchema = z.object({ id: z.string(), text: z.string(), durationMs: z.number().int() });

const ObsOutputFields = { active: z.boolean(), timecode: z.string().nullable(), durationMs: z.number().nullable() };
export const ObsHallStatusSchema = z.object({
  hallId: z.string(),
  revision: z.number().int(),
  url: z.string().nullable(),
  connection: z.object({
    state: z.enum(['unconfigured', 'connecting', 'connected', 'disconnected', 'failed']),
    error: z.string().nullable(),
    since: epochMs,
    retries: z.number().int(),
    nextRetryAt: epochMs.nullable(),
  }),
  obs: z.object({ version: z.string(), webSocketVersion: z.string(), chapterMarkers: z.boolean() }).nullable(),
  mode: z.enum(OBS_MODES),
  manual: z.object({ since: epochMs, reason: z.string() }).nullable(),
  scene: z.object({
    desired: z.string().nullable(),
    reason: z.string(),
    actual: z.string().nullable(),
    error: z.string().nullable(),
    missing: z.array(z.string()),
  }),
  stream: z
    .object({
      ...ObsOutputFields,
      reconnecting: z.boolean(),
      congestion: z.number().nullable(),
      skippedFrames: z.number().nullable(),
      totalFrames: z.number().nullable(),
    })
    .nullable(),
  record: z
    .object({ ...ObsOutputFields, paused: z.boolean(), pausedByLectern: z.boolean(), recordingId: z.string().nullable() })
    .nullable(),
  text: z.object({ title: z.string(), speaker: z.string() }).nullable(),
  lastError: z.string().nullable(),
});
export const ObsStatusListSchema = z.object({ halls: z.array(ObsHallStatusSchema) });
export const ObsRecordingsSchema = z.object({
  hallId: z.string(),
  recordings: z.array(
    z.object({
      id: z.string(),
      hallId: z.string(),
      startedAt: epochMs,
      stoppedAt: epochMs.nullable(),
      outputPath: z.string().nullable(),
      chapters: z.array(
        z.object({ itemId: z.string(), offsetMs: z.number(), title: z.string(), speaker: z.string(), estimated: z.boolean() }),
      ),
      text: z.string(),
    }),
  ),
});

/** The actual-times report: its top level (each hall's rows are described in docs/api.md). */
export const ActualTimesReportSchema = z.looseObject({
  event: z.string(),
  timeZone: z.string(),
  generatedAt: epochMs,
  halls: z.array(z.looseObject({})),
});

export const QuestionSchema = z.object({
  id: z.string(),
  hallId: z.string(),
  itemId: z.string(),
  text: z.string().describe('verbatim, cleaned: render as text only'),
  name: z.string().nullable(),
  status: QuestionStatusSchema,
  votes: z.number().int(),
  starred: z.boolean(),
  position: z.number().int().nullable().describe("the moderator's place (0 first) after a reorder"),
  heldWord: z.string().nullable().describe('the held word it matched'),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export const QuestionListSchema = z.array(QuestionSchema);
const PublicQuestionSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  text: z.string(),
  name: z.string().nullable(),
  votes: z.number().int(),
});
export const PublicQuestionSettingsSchema = z.object({
  hallId: z.string(),
  open: z.boolean().describe('whether the hall takes questions now'),
  mode: z.enum(QUESTION_MODES),
  showOnSignage: z.boolean(),
});
export const FullQuestionSettingsSchema = PublicQuestionSettingsSchema.extend({
  autoApprove: z.boolean(),
  heldWords: z.array(z.string()),
});
export const QuestionSettingsAnswerSchema = z.union([FullQuestionSettingsSchema, PublicQuestionSettingsSchema]);
export const QuestionListAnswerSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('public'), questions: z.array(PublicQuestionSchema) }),
  z.object({ scope: z.literal('full'), questions: QuestionListSchema, settings: FullQuestionSettingsSchema }),
]);
export const SubmitQuestionAnswerSchema = z.object({
  id: z.string(),
  status: QuestionStatusSchema,
  merged: z.literal(true).optional().describe('the same device had asked the same text for the same talk: that question'),
});
export const VoteAnswerSchema = z.object({
  id: z.string(),
  votes: z.number().int(),
  counted: z.boolean().describe('false when this device had voted already'),
});
export const MyQuestionsAnswerSchema = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      text: z.string(),
      status: z.enum(['received', 'listed', 'answered']),
      createdAt: epochMs,
    }),
  ),
});
export const QuestionExportSchema = z.object({
  hallId: z.string(),
  itemId: z.string().nullable(),
  exportedAt: epochMs,
  timeZone: z.string(),
  questions: z.array(
    QuestionSchema.omit({ heldWord: true, position: true, updatedAt: true }).extend({ talk: z.string().nullable() }),
  ),
});

export const WebhookStatusListSchema = z.object({
  receivers: z.array(
    z.object({
      url: z.string().describe('the receiver URL without its query string'),
      events: z.array(z.string()),
      signed: z.boolean(),
      queued: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
      dropped: z.number().int(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      lastAttemptAt: epochMs.nullable(),
      lastSuccessAt: epochMs.nullable(),
    }),
  ),
});

// Each schema against its type, both ways: a drift fails `npm run typecheck`.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Plain<T> = T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
type Check<S extends z.ZodType, T> = Same<Plain<z.output<S>>, Plain<T>>;
const checks: {
  error: Check<typeof ApiErrorSchema, ApiError>;
  health: Check<typeof HealthSchema, Health>;
  ready: Check<typeof ReadinessSchema, Readiness>;
  live: Check<typeof LiveViewSchema, LiveView>;
  projected: Check<typeof ProjectedTimeSchema, ProjectedTime>;
  preview: Check<typeof CatchUpPreviewSchema, CatchUpPreview>;
  summary: Check<typeof HallSummarySchema, HallSummary>;
  minted: Check<typeof MintedTokenSchema, MintedToken>;
  token: Check<typeof TokenInfoSchema, TokenInfo>;
  whoami: Check<typeof WhoAmISchema, WhoAmI>;
  upload: Check<typeof ProgramUploadAnswerSchema, ProgramUploadAnswer>;
  edit: Check<typeof ProgramEditResultSchema, ProgramEditResult>;
  revision: Check<typeof ProgramRevisionInfoSchema, ProgramRevisionInfo>;
  log: Check<typeof CommandLogPageSchema, CommandLogPage>;
  multi: Check<typeof MultiHallResultSchema, MultiHallResult>;
  display: Check<typeof DisplayInfoSchema, DisplayInfo>;
  identify: Check<typeof IdentifyAnswerSchema, IdentifyAnswer>;
  obs: Check<typeof ObsHallStatusSchema, ObsHallStatus>;
  recording: Check<z.ZodType<z.output<typeof ObsRecordingsSchema>['recordings'][number]>, ObsRecording>;
  question: Check<typeof QuestionSchema, Question>;
  publicSettings: Check<typeof PublicQuestionSettingsSchema, PublicQuestionSettings>;
  fullSettings: Check<typeof FullQuestionSettingsSchema, FullQuestionSettings>;
  questionList: Check<typeof QuestionListAnswerSchema, QuestionListAnswer>;
  submitted: Check<typeof SubmitQuestionAnswerSchema, SubmitQuestionAnswer>;
  vote: Check<typeof VoteAnswerSchema, VoteAnswer>;
  mine: Check<typeof MyQuestionsAnswerSchema, MyQuestionsAnswer>;
  questionExport: Check<typeof QuestionExportSchema, QuestionExport>;
  webhooks: Check<typeof WebhookStatusListSchema, WebhookStatusList>;
} = {
  error: true,
  health: true,
  ready: true,
  live: true,
  projected: true,
  preview: true,
  summary: true,
  minted: true,
  token: true,
  whoami: true,
  upload: true,
  edit: true,
  revision: true,
  log: true,
  multi: true,
  display: true,
  identify: true,
  obs: true,
  recording: true,
  question: true,
  publicSettings: true,
  fullSettings: true,
  questionList: true,
  submitted: true,
  vote: true,
  mine: true,
  questionExport: true,
  webhooks: true,
};
void checks;
