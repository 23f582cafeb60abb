import type { Server, Socket as ServerSocket } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { ApiError, DisplayInfo, DisplaysDelta, LoggedCommand, Role } from './api.js';
import type { HallCommandPayload, HallWatch } from './live/commands.js';
import type { HallSnapshot, LiveView } from './live/view.js';
import type { ObsHallStatus } from './obs.js';
import type { Question, QuestionsChanged, FullQuestionSettings } from './questions/schema.js';

/** Answer to `hall:watch`. */
export type WatchResult = { ok: true; snapshot: HallSnapshot } | ({ ok: false } & ApiError);

/** The answer to `display:hello`: listed, or why not. */
export type HelloResult = { ok: true } | ({ ok: false } & ApiError);

/**
 * Answer to `hall:command`: the new view, or why nothing changed (with the current view when there is one).
 * `error` is the domain code (`invalid`, `unauthorized`, `forbidden`, `not_found`, `stale_revision`,
 * `unknown_item`, `not_applicable`, `store_failed`, `store_unavailable` (503: the shared store is down; nothing
 * changed), `internal`).
 */
export type CommandResult = { ok: true; view: LiveView } | ({ ok: false; view?: LiveView } & ApiError);

/** `questions:watch`: follow a hall's questions (moderator or chair of that hall, or director). */
export interface QuestionsWatch {
  hallId: string;
}

/** Answer to `questions:watch`: every question of the hall (in `orderQuestions` order) and its settings. */
export type QuestionsWatchResult =
  { ok: true; hallId: string; questions: Question[]; settings: FullQuestionSettings } | ({ ok: false } & ApiError);

/** `questions:update`: the socket form of `PATCH …/questions/:id` (`QuestionPatchSchema` plus where). */
export interface QuestionsUpdate {
  hallId: string;
  questionId: string;
  status?: Question['status'];
  starred?: boolean;
}

/** `questions:reorder`: the socket form of `PUT …/questions/order`. */
export interface QuestionsReorder {
  hallId: string;
  questionIds: string[];
}

/** `questions:settings`: the socket form of `PATCH …/questions/settings` (any of its fields). */
export interface QuestionsSettingsUpdate extends Partial<Omit<FullQuestionSettings, 'hallId' | 'open'>> {
  hallId: string;
}

/** Answer to `questions:update`: the question as it is now. */
export type QuestionResult = { ok: true; question: Question } | ({ ok: false } & ApiError);

/** Answer to `questions:reorder`: the questions that moved, as they are now. */
export type QuestionsResult = { ok: true; questions: Question[] } | ({ ok: false } & ApiError);

/** Answer to `questions:settings`: the hall's settings now. */
export type QuestionSettingsResult = { ok: true; settings: FullQuestionSettings } | ({ ok: false } & ApiError);

/** Answer to `clock:ping`: the client's own send time echoed, and the server clock. */
export interface ClockPong {
  /** The client's send time, as it sent it. */
  t0: number;
  /** Server clock when answering (epoch ms). */
  serverTime: number;
}

/** The screens Lectern serves. */
export const DISPLAY_PAGES = ['signage', 'lobby', 'timer', 'overlay', 'live'] as const;
export type DisplayPage = (typeof DISPLAY_PAGES)[number];

/** What a screen says about itself on every connect (`display:hello`), so a crew can find it in the console. */
export interface DisplayHello {
  page: DisplayPage;
  /** The hall it shows (none for the lobby and the public page). */
  hallId?: string;
  /** A name the crew gave it with `?name=` (e.g. "foyer left"). */
  name?: string;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  /** A watched hall changed (or was just watched): the whole snapshot. Director sockets get every hall's. */
  'hall:changed': (snapshot: HallSnapshot) => void;
  /** The program changed; screens refetch `GET /api/v1/program`. */
  'program:changed': (info: { revision: number }) => void;
  /** Answer to a `clock:ping` sent without an acknowledgement callback. */
  'clock:pong': (pong: ClockPong) => void;
  /** The director asks this screen to show who it is (its hall's name, big) for `durationMs`. */
  'display:identify': (request: { text: string; durationMs: number }) => void;
  /** The director asks this screen to reload itself. */
  'display:reload': () => void;
  /** To director sockets only (the `directors` room): a hall's OBS status changed. */
  'obs:changed': (status: ObsHallStatus) => void;
  /** Directors only: every connected screen, oldest connection first (sent once, when the socket connects). */
  'displays:changed': (displays: DisplayInfo[]) => void;
  /**
   * Directors only: the screens that came, changed or went since the last delta (within 100 ms of a screen
   * coming or going; last-contact updates at most every 5 s). Its size follows the change, not the list.
   */
  'displays:delta': (delta: DisplaysDelta) => void;
  /** Directors only: a command was accepted and logged (any hall). */
  'log:appended': (entry: LoggedCommand) => void;
  /**
   * A hall's questions came or changed (submitted, screened, starred, reordered, voted), or its settings did:
   * to sockets that `questions:watch` the hall (its moderators and chair) and to directors.
   */
  'questions:changed': (change: QuestionsChanged) => void;
}

/**
 * Events a client sends, typed for senders: the payloads are what the shared zod schemas accept
 * (`HallWatchSchema`, `HallCommandPayloadSchema`, `DisplayHelloSchema`), so tsc checks what a page sends.
 * The server does not trust these types: it receives `unknown` (see `InboundClientEvents`) and parses each
 * payload with the same schemas.
 */
export interface ClientToServerEvents {
  /** Start receiving `hall:changed` for `{ hallId }`; answers the snapshot at once. */
  'hall:watch': (...args: WithOptionalAck<HallWatch, WatchResult>) => void;
  /** Stop receiving a hall. */
  'hall:unwatch': (...args: WithOptionalAck<HallWatch, { ok: boolean }>) => void;
  /** A command envelope `{ hallId, type, ..., expectRevision?, commandId? }`; needs a chair or director token. */
  'hall:command': (...args: WithOptionalAck<HallCommandPayload, CommandResult>) => void;
  /** Clock sync: send your clock `t0` (ms, any clock of yours); the answer carries the server's. */
  'clock:ping': (...args: WithOptionalAck<number, ClockPong>) => void;
  /** A screen introduces itself (`DisplayHello`); sent again on every reconnect. The acknowledgement is optional. */
  'display:hello': (...args: WithOptionalAck<DisplayHello, HelloResult>) => void;
  /** Follow a hall's questions: answers all of them, then `questions:changed`. Moderator, chair of the hall, director. */
  'questions:watch': (...args: WithOptionalAck<QuestionsWatch, QuestionsWatchResult>) => void;
  /** Stop following a hall's questions. */
  'questions:unwatch': (...args: WithOptionalAck<QuestionsWatch, { ok: boolean }>) => void;
  /** Approve, reject, mark answered, star: moderator and director (the hall's chair: answered only). */
  'questions:update': (...args: WithOptionalAck<QuestionsUpdate, QuestionResult>) => void;
  /** The moderator's order: moderator and director. */
  'questions:reorder': (...args: WithOptionalAck<QuestionsReorder, QuestionsResult>) => void;
  /** Open or close, auto-approve, held words, signage: moderator and director. */
  'questions:settings': (...args: WithOptionalAck<QuestionsSettingsUpdate, QuestionSettingsResult>) => void;
}

/**
 * A payload, with or without an acknowledgement. Two tuples rather than `ack?`: socket.io's `emitWithAck`
 * cannot see through an optional last parameter and would accept any payload.
 */
type WithOptionalAck<Payload, Result> = [payload: Payload] | [payload: Payload, ack: (result: Result) => void];

/**
 * The same events as the server receives them: any client may send anything, so every argument (the
 * acknowledgement too) is `unknown` until a schema has parsed it. The event names stay those of
 * `ClientToServerEvents`, so a renamed event fails to compile on both sides.
 */
export type InboundClientEvents = { [Event in keyof ClientToServerEvents]: (...args: unknown[]) => void };

/** What the server knows of a connected socket. */
export interface SocketData {
  /** The token's role, when the socket authenticated with one. */
  role?: Role;
  /** For a chair or moderator token: its hall. */
  hallId?: string;
  /** Who acted, for the command log (token id or "director"). */
  actor?: string;
  /** The bearer token, kept server-side to re-check it on every command (a revoked token stops at once). */
  token?: string;
  /** A screen that said `display:hello`: what the director's list shows of it (found by its room on any worker). */
  display?: DisplayInfo;
}

export type LecternServer = Server<InboundClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LecternServerSocket = ServerSocket<InboundClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LecternClientSocket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
