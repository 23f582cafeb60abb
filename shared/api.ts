import type { InputProblem } from './validation.js';

/** Roles a bearer token can carry. */
export type Role = 'director' | 'chair';

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
  /** Opens the hall's chair panel with the token in the URL fragment. */
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
