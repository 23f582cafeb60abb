import type { Command, HallState, Program, ProgramRevisionInfo, Role } from '../../shared/index.js';

/** One accepted command, as the append-only log keeps it. */
export interface CommandLogEntry {
  /** Log order (assigned by the store). */
  seq?: number;
  hallId: string;
  /** The hall's revision after the command. */
  revision: number;
  /** The sender's id for the command, to answer a retry with the first result. */
  commandId: string | null;
  command: Command;
  /** Who sent it: "director" or the chair token's id. */
  actor: string;
  role: Role;
  /** Server time of the command (epoch ms); rehearsal clock included. */
  at: number;
  /** Real time of the command (epoch ms). */
  wallAt: number;
  /** Made under a rehearsal clock: never part of the actual-times record. */
  rehearsal: boolean;
  /** The hall's state after the command. */
  state: HallState;
}

/**
 * `commitCommand` found the hall at another revision than the one the command was built on: another process
 * (a worker of `--workers N`, or another node on Redis) committed first, or the command id was already applied. Nothing was written; `current` is the hall's stored state.
 */
export class RevisionConflictError extends Error {
  constructor(readonly current: HallState | undefined) {
    super(`the hall is at revision ${current?.revision ?? 0} in the store`);
  }
}

/** A chair (or extra director) token, stored by its hash only. */
export interface TokenRecord {
  id: string;
  /** sha256 of the token, hex. */
  hash: string;
  role: Role;
  /** The hall a chair token may run; null for a director token. */
  hallId: string | null;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A stored program and its revision. */
export interface StoredProgram {
  program: Program;
  revision: number;
}

/**
 * Where Lectern keeps what must survive a restart. Every write resolves only once it is durable,
 * so a command is acknowledged only after it is committed.
 */
export interface Store {
  /** A name for logs: "sqlite:/path". */
  readonly description: string;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  deleteMeta(key: string): Promise<void>;
  loadProgram(): Promise<StoredProgram | undefined>;
  /** Saves the program as a new revision, with the hall states that change with it, in one transaction. */
  saveProgram(stored: StoredProgram, actor: string, states: readonly HallState[]): Promise<void>;
  loadHallStates(): Promise<HallState[]>;
  /**
   * Appends the command to the log and stores the hall's new state, atomically, only if the stored hall is at
   * `entry.revision - 1` (compare-and-set); else rejects with RevisionConflictError and writes nothing.
   */
  commitCommand(entry: CommandLogEntry): Promise<CommandLogEntry>;
  findCommand(hallId: string, commandId: string): Promise<CommandLogEntry | undefined>;
  /** A hall's log, oldest first; `afterSeq` pages on; `last` keeps only the newest that many (still oldest first). */
  listCommands(hallId: string, options?: { afterSeq?: number; limit?: number; last?: number }): Promise<CommandLogEntry[]>;
  /** Every stored program revision, newest first (without the programs). */
  listProgramRevisions(): Promise<ProgramRevisionInfo[]>;
  saveToken(token: TokenRecord): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string, at: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The store could not be reached (Redis down, a command timed out): nothing was changed by this call, or, for a
 * write cut off in flight, nothing was acknowledged. Answered 503 `store_unavailable`.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
