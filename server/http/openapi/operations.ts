import { z } from 'zod';
import {
  CatchUpRequestSchema,
  CommandEnvelopeSchema,
  DEVICE_HEADER,
  DeviceIdSchema,
  QuestionOrderSchema,
  QuestionPatchSchema,
  QuestionSettingsPatchSchema,
  ScreenConfigSchema,
  SubmitQuestionSchema,
} from '../../../shared/index.js';
import { MintSchema } from '../../auth/auth.routes.js';
import { IdentifySchema } from '../../displays/displays.routes.js';
import { ClearSchema, MessageSchema, ResetSchema } from '../../live/all-halls.routes.js';
import { LogQuerySchema } from '../../live/log.routes.js';
import { ChaptersQuerySchema, ModeBodySchema } from '../../obs/obs.routes.js';
import { EditRequestSchema } from '../../program/program-edits.routes.js';
import { UploadQuerySchema } from '../../program/program.routes.js';
import { QuestionsQuerySchema } from '../../questions/questions.routes.js';
import * as A from './answers.js';

/** Who may call an operation: anyone, any valid token (scoped by hall), or a director token. */
export type Access = 'public' | 'token' | 'director';

/** One answer of an operation: a JSON body (its schema), another media type, or none (204, 304). */
export interface Answer {
  description: string;
  json?: z.ZodType;
  /** A non-JSON body, e.g. `text/calendar`. */
  media?: string;
}

/** One documented HTTP operation; its request schemas are the ones the route parses with. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** In OpenAPI form: `/api/v1/halls/{hallId}/commands`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  query?: z.ZodObject;
  /** Request headers beyond Authorization (the viewers' device id). */
  headers?: { name: string; required: boolean; description: string; schema: z.ZodType }[];
  body?: z.ZodType;
  /** A raw upload (the program file) of these media types. */
  upload?: string[];
  answers: Record<number, Answer>;
}

const error = (description: string): Answer => ({ description, json: A.ApiErrorSchema });
const invalid = error('invalid input: `problems` names each field');
const unauthorized = error('no valid token');
const forbidden = error('the token may not do this (a chair on another hall, or a chair where a director is needed)');
const noHall = error('no such hall');
const tooMany = error('rate-limited: try again after `Retry-After` seconds');
const HallFilterQuery = z.object({ hall: z.string().optional() });
const noContent: Answer = { description: 'done (no body)' };
/** The director's all-halls routes: one result per hall. */
const eachHallAnswers = {
  200: { description: 'each hall', json: A.MultiHallResultSchema },
  400: invalid,
  401: unauthorized,
  403: forbidden,
};
const questionForbidden = error(
  'the token may not do this: a token of another hall, a chair doing more than reading and marking answered, a moderator exporting',
);
const noQuestionHall = error('no such hall');
const QUESTIONS = '/api/v1/halls/{hallId}/questions';
const device = (required: boolean, description: string) => [
  { name: DEVICE_HEADER, required, description, schema: DeviceIdSchema },
];

/** Every route of the HTTP API, as `/api/v1/openapi.json` documents it. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'The process is alive',
    tag: 'ops',
    access: 'public',
    answers: { 200: { description: 'alive', json: A.HealthSchema } },
  },
  {
    method: 'get',
    path: '/readyz',
    summary:
      'Ready to take commands: the store (and Redis where configured) answers; OBS is reported by /api/v1/obs, not required',
    tag: 'ops',
    access: 'public',
    answers: {
      200: { description: 'ready', json: A.ReadinessSchema },
      503: { description: 'not ready, with the reason', json: A.ReadinessSchema },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary:
      "Prometheus metrics (needs a bearer token when one is set: LECTERN_METRICS_TOKEN, or the config's metrics.tokenEnv or tokenFile)",
    tag: 'ops',
    access: 'public',
    answers: { 200: { description: 'Prometheus text format', media: 'text/plain' }, 401: unauthorized },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    tag: 'ops',
    access: 'public',
    answers: {
      200: { description: 'OpenAPI 3.1', json: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/config.schema.json',
    summary: "The config file's JSON Schema (docs/config.schema.json): what lectern serve --config FILE may say",
    tag: 'ops',
    access: 'public',
    answers: {
      200: {
        description: 'JSON Schema 2020-12',
        json: z.looseObject({ $schema: z.string(), type: z.literal('object'), properties: z.record(z.string(), z.unknown()) }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/program',
    summary: 'The program',
    tag: 'program',
    access: 'public',
    answers: { 200: { description: 'the program', json: A.ProgramAnswerSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/program',
    summary: 'Upload a program file (frab, pretalx, CSV, text or Lectern JSON) as the raw body; all or nothing',
    tag: 'program',
    access: 'director',
    query: UploadQuerySchema,
    upload: ['application/json', 'application/xml', 'text/csv', 'text/plain'],
    answers: {
      200: { description: 'imported', json: A.ProgramUploadAnswerSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
    },
  },
  {
    method: 'post',
    path: '/api/v1/program/edits',
    summary: 'One edit of the program (move, retime, add, remove an item…)',
    tag: 'program',
    access: 'director',
    body: EditRequestSchema,
    answers: {
      200: { description: 'applied', json: A.ProgramEditResultSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      409: error('the program is at another revision'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/program/revisions',
    summary: 'Every stored program revision, newest first',
    tag: 'program',
    access: 'director',
    answers: { 200: { description: 'revisions', json: z.array(A.ProgramRevisionInfoSchema) }, 401: unauthorized, 403: forbidden },
  },
  {
    method: 'get',
    path: '/api/v1/export/program.ics',
    summary: 'The program as iCalendar (`?hall=` for one hall)',
    tag: 'export',
    access: 'public',
    query: HallFilterQuery,
    answers: {
      200: { description: 'iCalendar', media: 'text/calendar' },
      304: { description: 'not modified (ETag)' },
      404: noHall,
    },
  },
  {
    method: 'get',
    path: '/api/v1/export/frab.xml',
    summary: 'The program as frab XML',
    tag: 'export',
    access: 'public',
    answers: { 200: { description: 'frab XML', media: 'application/xml' }, 304: { description: 'not modified (ETag)' } },
  },
  {
    method: 'get',
    path: '/api/v1/export/actual-times.csv',
    summary: 'When each item actually ran, from the command log (CSV)',
    tag: 'export',
    access: 'director',
    query: HallFilterQuery,
    answers: { 200: { description: 'CSV', media: 'text/csv' }, 401: unauthorized, 403: forbidden, 404: noHall },
  },
  {
    method: 'get',
    path: '/api/v1/export/actual-times.json',
    summary: 'When each item actually ran, from the command log (JSON)',
    tag: 'export',
    access: 'director',
    query: HallFilterQuery,
    answers: {
      200: { description: 'the report', json: A.ActualTimesReportSchema },
      401: unauthorized,
      403: forbidden,
      404: noHall,
    },
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'Who the bearer token is',
    tag: 'auth',
    access: 'token',
    answers: { 200: { description: 'the token', json: A.WhoAmISchema }, 401: unauthorized },
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Mint a chair (default) or moderator token for one hall (shown once, stored hashed)',
    tag: 'auth',
    access: 'director',
    body: MintSchema,
    answers: {
      201: { description: 'minted', json: A.MintedTokenSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: noHall,
    },
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    summary: 'Every token (never the secret itself)',
    tag: 'auth',
    access: 'director',
    answers: { 200: { description: 'tokens', json: z.array(A.TokenInfoSchema) }, 401: unauthorized, 403: forbidden },
  },
  {
    method: 'delete',
    path: '/api/v1/tokens/{id}',
    summary: 'Revoke a token: its sockets are disconnected',
    tag: 'auth',
    access: 'director',
    answers: { 204: noContent, 401: unauthorized, 403: forbidden, 404: error('no active token of this id') },
  },
  {
    method: 'get',
    path: '/api/v1/halls',
    summary: 'Every hall with its live view',
    tag: 'live',
    access: 'public',
    answers: { 200: { description: 'halls', json: A.HallListSchema } },
  },
  {
    method: 'get',
    path: '/api/v1/screens/config',
    summary:
      "What the screens show: theme colours, logo and font, default language, timer thresholds, overlay options, each hall's stream language (docs/config.md)",
    tag: 'displays',
    access: 'public',
    answers: { 200: { description: 'the screen config', json: ScreenConfigSchema } },
  },
  {
    method: 'get',
    path: '/api/v1/screens/theme.css',
    summary:
      "The config's theme colours and font as CSS custom properties; the screens' HTML links it in its head, so the first paint has them",
    tag: 'displays',
    access: 'public',
    answers: { 200: { description: 'a stylesheet', media: 'text/css' } },
  },
  {
    method: 'get',
    path: '/api/v1/halls/{hallId}/live',
    summary: "A hall's live view: now, next, phase, countdown, delay, message",
    tag: 'live',
    access: 'public',
    answers: { 200: { description: 'the live view', json: A.LiveViewSchema }, 404: noHall },
  },
  {
    method: 'get',
    path: '/api/v1/halls/{hallId}/projected',
    summary: "The rest of a hall's program day, planned and projected times (the delay and catch-ups in force)",
    tag: 'live',
    access: 'public',
    answers: { 200: { description: 'the item on now, then every coming item of the day', json: A.ProjectedSchema }, 404: noHall },
  },
  {
    method: 'post',
    path: '/api/v1/halls/{hallId}/catch-up/preview',
    summary: 'Each catch-up plan (breaks, talks, both; or the one asked) worked out now, nothing applied',
    tag: 'live',
    access: 'token',
    body: CatchUpRequestSchema,
    answers: {
      200: {
        description: 'one entry per plan: what it absorbs and the day after it, or why it cannot',
        json: A.CatchUpPreviewListSchema,
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: noHall,
    },
  },
  {
    method: 'post',
    path: '/api/v1/halls/{hallId}/commands',
    summary: 'A chair command (next, qa, hold, message…); acknowledged only once durable',
    tag: 'live',
    access: 'token',
    body: CommandEnvelopeSchema,
    answers: {
      200: { description: 'applied (or a repeat of the same commandId)', json: A.LiveViewSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: noHall,
      409: { description: 'stale revision: the current live view, to retry on', json: A.StaleRevisionSchema },
      429: tooMany,
      503: error('the store is unreachable: nothing was applied'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/halls/{hallId}/log',
    summary: "A hall's command log, oldest first (paged)",
    tag: 'live',
    access: 'director',
    query: LogQuerySchema,
    answers: {
      200: { description: 'a page of the log', json: A.CommandLogPageSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: noHall,
    },
  },
  {
    method: 'post',
    path: '/api/v1/halls/reset',
    summary: 'Reset halls to idle: those named, those with items on `date`, or all',
    tag: 'live',
    access: 'director',
    body: ResetSchema,
    answers: eachHallAnswers,
  },
  {
    method: 'post',
    path: '/api/v1/message',
    summary: 'A message to several halls (default all)',
    tag: 'live',
    access: 'director',
    body: MessageSchema,
    answers: eachHallAnswers,
  },
  {
    method: 'delete',
    path: '/api/v1/message',
    summary: "Clear the halls' messages",
    tag: 'live',
    access: 'director',
    body: ClearSchema,
    answers: eachHallAnswers,
  },
  {
    method: 'post',
    path: QUESTIONS,
    summary:
      'A viewer asks (no token; the device id in the x-lectern-device header); `itemId` defaults to the item on now, else the next',
    tag: 'questions',
    access: 'public',
    headers: device(false, 'the random id the page keeps; without it the address counts at the device rate'),
    body: SubmitQuestionSchema,
    answers: {
      201: {
        description: 'a new question (pending, or approved when the hall auto-approves)',
        json: A.SubmitQuestionAnswerSchema,
      },
      200: {
        description: 'the same text from this device for this talk: the earlier question',
        json: A.SubmitQuestionAnswerSchema,
      },
      400: invalid,
      403: error('`questions_closed`: the hall does not take questions now'),
      404: noQuestionHall,
      429: tooMany,
    },
  },
  {
    method: 'get',
    path: QUESTIONS,
    summary:
      "A hall's questions: the approved ones without a token; every one with a moderator, the hall's chair or a director token",
    tag: 'questions',
    access: 'public',
    query: QuestionsQuerySchema,
    answers: {
      200: {
        description: "the list, in order: the moderator's places first, then starred, more votes, older",
        json: A.QuestionListAnswerSchema,
      },
      400: invalid,
      401: error('a token that is unknown or revoked (leave Authorization out to read as a viewer)'),
      403: questionForbidden,
      404: noQuestionHall,
    },
  },
  {
    method: 'get',
    path: `${QUESTIONS}/mine`,
    summary: "This device's questions in the hall, newest first, with the status a viewer sees",
    tag: 'questions',
    access: 'public',
    headers: device(true, 'the device that asked'),
    answers: {
      200: { description: 'the questions', json: A.MyQuestionsAnswerSchema },
      400: error('no or an invalid x-lectern-device header'),
      404: noQuestionHall,
    },
  },
  {
    method: 'get',
    path: `${QUESTIONS}/settings`,
    summary: "A hall's question settings: whether it takes questions now; in full with a token that may read its questions",
    tag: 'questions',
    access: 'public',
    answers: {
      200: { description: 'the settings (public or full)', json: A.QuestionSettingsAnswerSchema },
      401: error('a token that is unknown or revoked'),
      403: questionForbidden,
      404: noQuestionHall,
    },
  },
  {
    method: 'patch',
    path: `${QUESTIONS}/settings`,
    summary: 'Change the settings: mode, auto-approve, held words, show on signage (moderator or director)',
    tag: 'questions',
    access: 'token',
    body: QuestionSettingsPatchSchema,
    answers: {
      200: { description: 'the settings now', json: A.FullQuestionSettingsSchema },
      400: invalid,
      401: unauthorized,
      403: questionForbidden,
      404: noQuestionHall,
    },
  },
  {
    method: 'put',
    path: `${QUESTIONS}/order`,
    summary: "The moderator's order: the listed questions take places 0, 1, 2… (moderator or director)",
    tag: 'questions',
    access: 'token',
    body: QuestionOrderSchema,
    answers: {
      200: { description: 'the questions of the talks concerned, in the new order', json: A.QuestionListSchema },
      400: invalid,
      401: unauthorized,
      403: questionForbidden,
      404: error('no such hall, or an id that is not a question of the hall'),
    },
  },
  {
    method: 'get',
    path: `${QUESTIONS}/export.csv`,
    summary: "The hall's (or one talk's) questions for the speakers, as CSV with a BOM (director)",
    tag: 'questions',
    access: 'director',
    query: QuestionsQuerySchema,
    answers: {
      200: { description: 'CSV, one row a question', media: 'text/csv' },
      400: invalid,
      401: unauthorized,
      403: questionForbidden,
      404: noQuestionHall,
    },
  },
  {
    method: 'get',
    path: `${QUESTIONS}/export.json`,
    summary: "The hall's (or one talk's) questions for the speakers, as JSON (director)",
    tag: 'questions',
    access: 'director',
    query: QuestionsQuerySchema,
    answers: {
      200: { description: 'the export', json: A.QuestionExportSchema },
      400: invalid,
      401: unauthorized,
      403: questionForbidden,
      404: noQuestionHall,
    },
  },
  {
    method: 'post',
    path: `${QUESTIONS}/{id}/vote`,
    summary: 'A viewer upvotes an approved question: once per device',
    tag: 'questions',
    access: 'public',
    headers: device(true, 'the device that votes'),
    answers: {
      200: { description: 'the votes now', json: A.VoteAnswerSchema },
      400: error('no or an invalid x-lectern-device header'),
      404: error('no such hall, or no approved question of this id'),
    },
  },
  {
    method: 'patch',
    path: `${QUESTIONS}/{id}`,
    summary:
      "Set a question's status or star (moderator or director); the hall's chair may only set `answered`. Rejected or answered, it goes off air",
    tag: 'questions',
    access: 'token',
    body: QuestionPatchSchema,
    answers: {
      200: { description: 'the question', json: A.QuestionSchema },
      400: invalid,
      401: unauthorized,
      403: questionForbidden,
      404: error('no such hall, or no question of this id'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/displays',
    summary: 'Every connected screen',
    tag: 'displays',
    access: 'director',
    answers: { 200: { description: 'screens', json: z.array(A.DisplayInfoSchema) }, 401: unauthorized, 403: forbidden },
  },
  {
    method: 'post',
    path: '/api/v1/displays/{id}/identify',
    summary: 'A screen flashes its hall name',
    tag: 'displays',
    access: 'director',
    body: IdentifySchema,
    answers: {
      200: { description: 'flashing', json: A.IdentifyAnswerSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: error('no such screen'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/displays/{id}/reload',
    summary: 'A screen reloads its page',
    tag: 'displays',
    access: 'director',
    answers: { 204: noContent, 401: unauthorized, 403: forbidden, 404: error('no such screen') },
  },
  {
    method: 'get',
    path: '/api/v1/obs',
    summary: "Every hall's OBS link, scene, stream and recording",
    tag: 'obs',
    access: 'director',
    answers: { 200: { description: 'status', json: A.ObsStatusListSchema }, 401: unauthorized, 403: forbidden },
  },
  {
    method: 'post',
    path: '/api/v1/obs/{hallId}/mode',
    summary: 'Auto (Lectern switches scenes) or manual',
    tag: 'obs',
    access: 'director',
    body: ModeBodySchema,
    answers: {
      200: { description: 'status', json: A.ObsHallStatusSchema },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: error('no OBS for this hall'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/obs/{hallId}/reconnect',
    summary: 'Try the OBS link again now',
    tag: 'obs',
    access: 'director',
    answers: {
      200: { description: 'status', json: A.ObsHallStatusSchema },
      401: unauthorized,
      403: forbidden,
      404: error('no OBS for this hall'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/obs/{hallId}/chapters',
    summary: 'VOD chapters of the recordings (text of the newest, or JSON of all)',
    tag: 'obs',
    access: 'director',
    query: ChaptersQuerySchema,
    answers: {
      200: {
        description: 'chapters (format=json), or text/plain of the newest',
        json: A.ObsRecordingsSchema,
        media: 'text/plain',
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: error('no OBS for this hall, or no recording'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/webhooks',
    summary: "Each webhook receiver's delivery state (this process's deliveries)",
    tag: 'webhooks',
    access: 'director',
    answers: { 200: { description: 'every receiver', json: A.WebhookStatusListSchema }, 401: unauthorized, 403: forbidden },
  },
];
