import type { DisplayPage } from './events.js';
import type { Command } from './live/commands.js';
import type { InputProblem } from './validation.js';

/**
 * Roles a bearer token can carry. director: every hall, everything; chair: one hall's commands; moderator: one
 * hall's audience questions (screening, order, settings, on air and off).
 */
export type Role = 'director' | 'chair' | 'moderator';

/** The roles `POST /api/v1/tokens` mints (one hall each). */
export type HallRole = Exclude<Role, 'director'>;

/** Error body of every failed HTTP request and socket acknowledgement. */
export interface ApiError {
  /** Machine-readable reason, e.g. `invalid`, `unauthorized`, `forbidden`, `not_found`, `stale_revision`. */
  error: string;
  /** What went wrong, for a person. */
  message: string;
  /** For invalid input: each problem with its path or line. */
  problems?: InputProblem[];
}

/** A hall in `GET /api/v1/halls`. */
export interface HallSummary {
  id: string;
  name: string;
  venue?: string;
  streamed?: boolean;
  /** How many items the hall has in the program. */
  itemCount: number;
}

/** Answer of `POST /api/v1/tokens`. */
export interface MintedToken {
  /** Id to revoke the token by. */
  id: string;
  /** The bearer token; shown once, stored hashed. */
  token: string;
  hallId: string;
  /** chair (the default) or moderator. */
  role: HallRole;
  /**
   * Opens the token's page with the token in the URL fragment: the hall's chair panel
   * (`/control/hall/:hallId`), or for a moderator the hall's questions page (`/control/questions/:hallId`).
   */
  url: string;
}

/** Answer of `GET /healthz`. */
export interface Health {
  ok: true;
  version: string;
  /** Server clock (epoch ms), rehearsal offset included. */
  serverTime: number;
  /** Rehearsal clock offset (ms); 0 on the real clock. */
  clockOffsetMs: number;
  programRevision: number;
}

/** Answer of `POST /api/v1/program` (a program file uploaded and imported). */
export interface ProgramUploadAnswer {
  /** The program's new revision. */
  revision: number;
  /** The format the file was read as: frab, pretalx, csv, text or json. */
  format: string;
  /** IANA zone the file's clock times were read in (the program's `event.timeZone`). */
  zone: string;
  /** Where the zone came from: the `zone` parameter, the file itself, or the server's machine. */
  zoneSource: 'flag' | 'file' | 'machine';
  itemCount: number;
  halls: { id: string; name: string; itemCount: number }[];
  /** Halls whose current item is not in the new program: they went back to idle. */
  vanished: { hallId: string; itemId: string }[];
  /** Halls that are no longer in the program. */
  removedHalls: string[];
  /** What the import decided on its own (default lengths, repaired text, ignored columns), by line or path. */
  warnings: InputProblem[];
}

/** Answer of `GET /api/v1/auth/me`: who the bearer token is. */
export interface WhoAmI {
  role: Role;
  /** For a chair or moderator token: its hall. */
  hallId?: string;
  /** The token's label ("Chair, I-site Namba"), or "Director". */
  label: string;
}

/** A connected screen, as the director console lists it (`GET /api/v1/displays`, `displays:changed`). */
export interface DisplayInfo {
  /** Id of this connection (changes when the screen reconnects); identify and reload take it. */
  id: string;
  page: DisplayPage;
  /** The hall it shows, as the screen said. */
  hallId?: string;
  /** The name the crew gave it (`?name=`). */
  name?: string;
  /** The screen's network address as the server sees it. */
  address: string;
  /** The browser, from its User-Agent (shortened). */
  userAgent: string;
  /** Server time it connected (epoch ms). */
  connectedAt: number;
  /** Server time of its last event, clock pings included (epoch ms). */
  lastSeenAt: number;
}

/**
 * What changed in the list of connected screens since the last `displays:delta` (`displays:changed` carries
 * the whole list, once, when a director socket connects). Apply in order: drop `removed`, then put each of
 * `upserted` in place by its `id` (a screen that came, or whose last contact moved on).
 */
export interface DisplaysDelta {
  /** Screens that came or changed, as they are now. */
  upserted: DisplayInfo[];
  /** Ids of screens that went. */
  removed: string[];
}

/** One accepted command of a hall's log, as the timeline shows it (`GET /api/v1/halls/:id/log`, `log:appended`). */
export interface LoggedCommand {
  /** Log order, increasing across halls; `after=` pages on from it. */
  seq: number;
  hallId: string;
  /** The hall's revision after the command. */
  revision: number;
  command: Command;
  /** Who sent it: "director", "chair:<token id>" or "moderator:<token id>". */
  actor: string;
  /** The actor for a person: "Director" or the chair token's label. */
  actorLabel: string;
  role: Role;
  /** Server time (epoch ms), rehearsal clock included. */
  at: number;
  /** Sent under a rehearsal clock: never part of the actual-times record. */
  rehearsal: boolean;
}

/** Answer of `GET /api/v1/halls/:hallId/log`. */
export interface CommandLogPage {
  entries: LoggedCommand[];
  /** Pass as `after=` to get what comes next; null when the page is empty. */
  lastSeq: number | null;
}

/** A stored program revision (`GET /api/v1/program/revisions`). */
export interface ProgramRevisionInfo {
  revision: number;
  /** Real time it was saved (epoch ms). */
  savedAt: number;
  /** Who saved it: "startup", "director", … */
  actor: string;
}

/** Answer of `POST /api/v1/program/edits`. */
export interface ProgramEditResult {
  /** The new program revision. */
  revision: number;
  /** What changed, for a person. */
  summary: string;
  /** Halls whose current item is gone: they went back to idle. */
  vanished: { hallId: string; itemId: string }[];
}

/** Answer of the commands that act on several halls at once (reset, message to all). */
export interface MultiHallResult {
  halls: { hallId: string; ok: boolean; revision: number; error?: string; message?: string }[];
}

/** A token in `GET /api/v1/tokens` (never the bearer secret itself). */
export interface TokenInfo {
  id: string;
  role: Role;
  /** The hall of a chair or moderator token; null for a director token. */
  hallId: string | null;
  label: string;
  /** When it was minted (epoch ms). */
  createdAt: number;
  /** When it was revoked (epoch ms); null while it works. */
  revokedAt: number | null;
}

/** Answer of `POST /api/v1/displays/:id/identify`. */
export interface IdentifyAnswer {
  id: string;
  /** What the screen flashes: its hall's name. */
  text: string;
  /** How long it flashes (ms). */
  durationMs: number;
}
