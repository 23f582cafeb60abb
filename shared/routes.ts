import type {
  CommandLogPage,
  DisplayInfo,
  Health,
  HallSummary,
  IdentifyAnswer,
  MintedToken,
  MultiHallResult,
  ProgramEditResult,
  ProgramRevisionInfo,
  ProgramUploadAnswer,
  HallRole,
  TokenInfo,
  WhoAmI,
} from './api.js';
import type { CatchUpPreview } from './live/catch-up-preview.js';
import type { CatchUpRequest } from './live/commands.js';
import type { ProjectedTime } from './live/projected.js';
import type {
  FullQuestionSettings,
  MyQuestionsAnswer,
  Question,
  QuestionListAnswer,
  QuestionOrder,
  QuestionPatch,
  QuestionSettingsAnswer,
  QuestionSettingsPatch,
  SubmitQuestion,
  SubmitQuestionAnswer,
  VoteAnswer,
} from './questions/schema.js';
import type { Surface } from './live/state.js';
import type { ObsHallStatus, ObsMode, ObsStatusList } from './obs.js';
import type { WebhookStatusList } from './webhooks.js';
import type { ProgramEdit } from './program/edits.js';
import type { Program } from './program/schema.js';
import type { ScreenConfig } from './screens.js';

/**
 * One HTTP route as the pages call it. `request` is the JSON body, `query` the search parameters, `upload` a raw
 * body (a program file), `response` the JSON answer of a 2xx (undefined for 204), `file` an answer to save as a file.
 */
export interface RouteSpec {
  request?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  upload?: true;
  file?: true;
  /** The route reads the page's device id from the `x-lectern-device` header (`DEVICE_HEADER`). */
  device?: true;
  response: unknown;
}

/** The hall ids a multi-hall command goes to (default every hall), and its id for safe retries. */
interface MultiHallTarget {
  hallIds?: string[];
  commandId?: string;
}

/**
 * Every route the browser pages call, keyed `METHOD /path` (`:name` is a path parameter). The server parses each
 * request with its zod schema; this map is what lets tsc check the pages' side: a renamed route or a changed
 * answer fails to compile in the page that calls it.
 */
export interface ApiRoutes {
  'GET /healthz': { response: Health };
  'GET /api/v1/program': { response: Program };
  /** Uploads a program file as the raw body; the server detects its format. Director only. */
  'POST /api/v1/program': { upload: true; query: { format?: string; zone?: string }; response: ProgramUploadAnswer };
  'POST /api/v1/program/edits': { request: ProgramEdit & { expectRevision?: number }; response: ProgramEditResult };
  'GET /api/v1/program/revisions': { response: ProgramRevisionInfo[] };
  'GET /api/v1/auth/me': { response: WhoAmI };
  'GET /api/v1/tokens': { response: TokenInfo[] };
  /** Mints a chair (default) or moderator token for one hall. Director only. */
  'POST /api/v1/tokens': { request: { hallId: string; label?: string; role?: HallRole }; response: MintedToken };
  'DELETE /api/v1/tokens/:id': { response: undefined };
  'GET /api/v1/halls': { response: HallSummary[] };
  'GET /api/v1/screens/config': { response: ScreenConfig };
  /** The rest of the hall's program day, planned and projected (epoch ms). Public. */
  'GET /api/v1/halls/:hallId/projected': { response: ProjectedTime[] };
  /** Each catch-up plan worked out now, nothing applied: the hall's chair or a director. */
  'POST /api/v1/halls/:hallId/catch-up/preview': { request: CatchUpRequest; response: CatchUpPreview[] };
  'GET /api/v1/halls/:hallId/log': { query: { last?: number; after?: number; limit?: number }; response: CommandLogPage };
  /** Resets halls to idle: the ones named, those with items on `date` (YYYY-MM-DD), or all. */
  'POST /api/v1/halls/reset': { request: MultiHallTarget & { date?: string }; response: MultiHallResult };
  'POST /api/v1/message': { request: MultiHallTarget & { text: string; targets?: Surface[] }; response: MultiHallResult };
  'DELETE /api/v1/message': { request: MultiHallTarget; response: MultiHallResult };
  'GET /api/v1/displays': { response: DisplayInfo[] };
  'POST /api/v1/displays/:id/identify': { request: { durationMs?: number }; response: IdentifyAnswer };
  'POST /api/v1/displays/:id/reload': { response: undefined };
  'GET /api/v1/obs': { response: ObsStatusList };
  'POST /api/v1/obs/:hallId/mode': { request: { mode: ObsMode }; response: ObsHallStatus };
  'POST /api/v1/obs/:hallId/reconnect': { response: ObsHallStatus };
  /** Every webhook receiver's delivery state (director). */
  'GET /api/v1/webhooks': { response: WebhookStatusList };
  'GET /api/v1/export/actual-times.csv': { file: true; response: undefined };
  /** A viewer asks (no token; device header; rate-limited): 201 new, 200 merged; 403 `questions_closed`; 429. */
  'POST /api/v1/halls/:hallId/questions': { request: SubmitQuestion; device: true; response: SubmitQuestionAnswer };
  /** Approved questions (no token), or every question (moderator, the hall's chair, director). */
  'GET /api/v1/halls/:hallId/questions': { query: { itemId?: string }; response: QuestionListAnswer };
  /** This device's questions in the hall and their status. */
  'GET /api/v1/halls/:hallId/questions/mine': { device: true; response: MyQuestionsAnswer };
  /** Upvote an approved question, once per device. */
  'POST /api/v1/halls/:hallId/questions/:id/vote': { device: true; response: VoteAnswer };
  /** Status and star: moderator, director; the hall's chair only `status: "answered"`. */
  'PATCH /api/v1/halls/:hallId/questions/:id': { request: QuestionPatch; response: Question };
  /** The moderator's order: moderator, director. Answers the listed questions as they are now. */
  'PUT /api/v1/halls/:hallId/questions/order': { request: QuestionOrder; response: Question[] };
  /** Whether the hall takes questions now, its mode and signage flag; with a token the word list and auto-approve. */
  'GET /api/v1/halls/:hallId/questions/settings': { response: QuestionSettingsAnswer };
  /** Change a hall's question settings: moderator, director. */
  'PATCH /api/v1/halls/:hallId/questions/settings': { request: QuestionSettingsPatch; response: FullQuestionSettings };
  /** One talk's questions (`itemId`), or the hall's, for the speakers after the event: director. */
  'GET /api/v1/halls/:hallId/questions/export.csv': { query: { itemId?: string }; file: true; response: undefined };
  'GET /api/v1/halls/:hallId/questions/export.json': { query: { itemId?: string }; file: true; response: undefined };
}

/** A route's key: `METHOD /path`. */
export type RouteKey = keyof ApiRoutes;

/** The names of a path's `:name` parameters. */
export type PathParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path of a route key. */
export type RoutePath<K extends RouteKey> = K extends `${string} ${infer Path}` ? Path : never;

/** The method of a route key. */
export type RouteMethod<K extends RouteKey> = K extends `${infer Method} ${string}` ? Method : never;

/** What a call of a route takes: its path parameters, query, JSON body or raw upload, as the route has them. */
export type RouteCall<K extends RouteKey> = ([PathParamNames<RoutePath<K>>] extends [never]
  ? unknown
  : { params: Record<PathParamNames<RoutePath<K>>, string> }) &
  (ApiRoutes[K] extends { query: infer Q } ? { query?: Q } : unknown) &
  (ApiRoutes[K] extends { request: infer B } ? (object extends B ? { body?: B } : { body: B }) : unknown) &
  (ApiRoutes[K] extends { upload: true } ? { upload: { data: Blob | string; contentType: string } } : unknown);

/** The JSON answer of a route. */
export type RouteResponse<K extends RouteKey> = ApiRoutes[K]['response'];

/**
 * The URL of a route call: path parameters filled in (encoded), then the query (undefined values left out).
 * Pure, so it is unit-tested.
 */
export function routeUrl(
  key: RouteKey,
  params: Record<string, string> = {},
  query: Record<string, string | number | boolean | undefined> = {},
): string {
  const path = key
    .slice(key.indexOf(' ') + 1)
    .replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
