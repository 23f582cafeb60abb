import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { type HallState, type ProgramRevisionInfo, type Role } from '../../shared/index.js';
import { storedCommand, storedHallState, storedProgram } from './stored-json.js';
import { DATABASE_FILE, openPrivateDatabase } from './private-files.js';
import { RevisionConflictError, type CommandLogEntry, type Store, type StoredProgram, type TokenRecord } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS program (
  revision INTEGER PRIMARY KEY,
  json TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  actor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hall_state (
  hall_id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS command_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  hall_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  command_id TEXT,
  type TEXT NOT NULL,
  command TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at INTEGER NOT NULL,
  wall_at INTEGER NOT NULL,
  rehearsal INTEGER NOT NULL,
  state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS command_log_hall ON command_log (hall_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS command_log_command_id ON command_log (hall_id, command_id) WHERE command_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS token (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  hall_id TEXT,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
`;

interface LogRow {
  seq: number;
  hall_id: string;
  revision: number;
  command_id: string | null;
  command: string;
  actor: string;
  role: string;
  at: number;
  wall_at: number;
  rehearsal: number;
  state: string;
}

interface TokenRow {
  id: string;
  hash: string;
  role: string;
  hall_id: string | null;
  label: string;
  created_at: number;
  revoked_at: number | null;
}

function toEntry(row: LogRow): CommandLogEntry {
  return {
    seq: row.seq,
    hallId: row.hall_id,
    revision: row.revision,
    commandId: row.command_id,
    command: storedCommand(row.command),
    actor: row.actor,
    role: row.role as Role,
    at: row.at,
    wallAt: row.wall_at,
    rehearsal: row.rehearsal === 1,
    state: storedHallState(row.state),
  };
}

function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    hash: row.hash,
    role: row.role as Role,
    hallId: row.hall_id,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** How one command of a group commit ended: its log sequence number, or why it was not written. */
type CommitOutcome = { seq: number } | { error: unknown };

interface WaitingCommit {
  entry: CommandLogEntry;
  resolve(entry: CommandLogEntry): void;
  reject(error: unknown): void;
}

/**
 * The embedded store: one SQLite file in the data folder. WAL with synchronous=FULL, so a committed
 * command survives a kill -9 and a power cut.
 */
export class SqliteStore implements Store {
  readonly description: string;
  private readonly db: Database.Database;
  private commitPath:
    | {
        group: Database.Transaction<(entries: CommandLogEntry[]) => CommitOutcome[]>;
        findCommand: Database.Statement;
      }
    | undefined;
  /** Commands waiting for the next group commit (commitCommand). */
  private waiting: WaitingCommit[] = [];

  constructor(dataDir: string) {
    this.description = `sqlite:${join(dataDir, DATABASE_FILE)}`;
    this.db = openPrivateDatabase(dataDir, SCHEMA);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  async deleteMeta(key: string): Promise<void> {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  async loadProgram(): Promise<StoredProgram | undefined> {
    const row = this.db.prepare('SELECT revision, json FROM program ORDER BY revision DESC LIMIT 1').get() as
      { revision: number; json: string } | undefined;
    if (!row) return undefined;
    return { revision: row.revision, program: storedProgram(row.json) };
  }

  async saveProgram(stored: StoredProgram, actor: string, states: readonly HallState[]): Promise<void> {
    const insertProgram = this.db.prepare('INSERT INTO program (revision, json, saved_at, actor) VALUES (?, ?, ?, ?)');
    const upsertState = this.db.prepare(
      'INSERT INTO hall_state (hall_id, revision, json) VALUES (?, ?, ?) ON CONFLICT(hall_id) DO UPDATE SET revision = excluded.revision, json = excluded.json',
    );
    this.db.transaction(() => {
      insertProgram.run(stored.revision, JSON.stringify(stored.program), Date.now(), actor);
      for (const state of states) upsertState.run(state.hallId, state.revision, JSON.stringify(state));
    })();
  }

  async loadHallStates(): Promise<HallState[]> {
    const rows = this.db.prepare('SELECT json FROM hall_state').all() as { json: string }[];
    return rows.map((row) => storedHallState(row.json));
  }

  /**
   * Group commit: the commands that reach the store in the same turn of the event loop (several halls' chairs
   * pressing "next" at 10:00, or a director's command to every hall) are written in one transaction with one
   * fsync, each in its own savepoint, so one refused (a stale revision) leaves the others to commit. Each is
   * answered only after that transaction committed. Commands of one hall never share a batch: the live engine
   * sends a hall's next command after the previous one is answered.
   */
  commitCommand(entry: CommandLogEntry): Promise<CommandLogEntry> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.commitWaiting());
    });
  }

  private commitWaiting(): void {
    const batch = this.waiting;
    this.waiting = [];
    let outcomes: CommitOutcome[];
    try {
      // IMMEDIATE: the write lock is taken before the compares, so two processes cannot both pass one.
      outcomes = this.commitStatements().group.immediate(batch.map((waiting) => waiting.entry));
    } catch (error) {
      // Nothing of the batch was written (the transaction rolled back): every command answers the error.
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) waiting.reject(outcome.error);
      else waiting.resolve({ ...waiting.entry, seq: outcome.seq });
    });
  }

  /** The command path's statements and transaction, prepared once (not on every command). */
  private commitStatements() {
    if (this.commitPath) return this.commitPath;
    const insert = this.db.prepare(`INSERT INTO command_log
      (hall_id, revision, command_id, type, command, actor, role, at, wall_at, rehearsal, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const upsertState = this.db.prepare(
      'INSERT INTO hall_state (hall_id, revision, json) VALUES (?, ?, ?) ON CONFLICT(hall_id) DO UPDATE SET revision = excluded.revision, json = excluded.json',
    );
    const stored = this.db.prepare('SELECT revision, json FROM hall_state WHERE hall_id = ?');
    const commit = this.db.transaction((entry: CommandLogEntry): number => {
      const row = stored.get(entry.hallId) as { revision: number; json: string } | undefined;
      if ((row?.revision ?? 0) !== entry.revision - 1) {
        throw new RevisionConflictError(row ? storedHallState(row.json) : undefined);
      }
      const stateJson = JSON.stringify(entry.state);
      const result = insert.run(
        entry.hallId,
        entry.revision,
        entry.commandId,
        entry.command.type,
        JSON.stringify(entry.command),
        entry.actor,
        entry.role,
        entry.at,
        entry.wallAt,
        entry.rehearsal ? 1 : 0,
        stateJson,
      );
      upsertState.run(entry.hallId, entry.revision, stateJson);
      return Number(result.lastInsertRowid);
    });
    // Inside `group`, each `commit` is a savepoint (better-sqlite3 nests transactions that way).
    const group = this.db.transaction((entries: CommandLogEntry[]): CommitOutcome[] =>
      entries.map((entry) => {
        try {
          return { seq: commit(entry) };
        } catch (error) {
          return { error };
        }
      }),
    );
    const findCommand = this.db.prepare('SELECT * FROM command_log WHERE hall_id = ? AND command_id = ?');
    this.commitPath = { group, findCommand };
    return this.commitPath;
  }

  async findCommand(hallId: string, commandId: string): Promise<CommandLogEntry | undefined> {
    const row = this.commitStatements().findCommand.get(hallId, commandId) as LogRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  async listCommands(
    hallId: string,
    options: { afterSeq?: number; limit?: number; last?: number } = {},
  ): Promise<CommandLogEntry[]> {
    const afterSeq = options.afterSeq ?? 0;
    const rows = (
      options.last !== undefined
        ? this.db
            .prepare(
              'SELECT * FROM (SELECT * FROM command_log WHERE hall_id = ? AND seq > ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
            )
            .all(hallId, afterSeq, Math.min(options.last, options.limit ?? options.last))
        : this.db
            .prepare('SELECT * FROM command_log WHERE hall_id = ? AND seq > ? ORDER BY seq LIMIT ?')
            .all(hallId, afterSeq, options.limit ?? 10_000)
    ) as LogRow[];
    return rows.map(toEntry);
  }

  async listProgramRevisions(): Promise<ProgramRevisionInfo[]> {
    const rows = this.db.prepare('SELECT revision, saved_at, actor FROM program ORDER BY revision DESC').all() as {
      revision: number;
      saved_at: number;
      actor: string;
    }[];
    return rows.map((row) => ({ revision: row.revision, savedAt: row.saved_at, actor: row.actor }));
  }

  async saveToken(token: TokenRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO token (id, hash, role, hall_id, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(token.id, token.hash, token.role, token.hallId, token.label, token.createdAt, token.revokedAt);
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM token WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row ? toToken(row) : undefined;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (this.db.prepare('SELECT * FROM token ORDER BY created_at').all() as TokenRow[]).map(toToken);
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    const result = this.db.prepare('UPDATE token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
    return result.changes > 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
