import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DATABASE_FILE, DATA_DIR_MODE, DATA_FILE_MODE } from '../store/private-files.js';

/** The tables a Lectern database has; a file without them is not a backup of one. */
const LECTERN_TABLES = ['meta', 'program', 'hall_state', 'command_log', 'token'];

/** What a backup or a restore holds, to print. */
export interface BackupSummary {
  /** Newest program revision. */
  programRevision: number | null;
  /** Every hall with a stored state, and its revision. */
  halls: { hallId: string; revision: number }[];
  /** Rows of the command log. */
  commands: number;
  bytes: number;
}

/** A problem with a backup or its target, for a person (exit 1). */
export class BackupError extends Error {
  override name = 'BackupError';
}

function summarize(db: Database.Database, bytes: number): BackupSummary {
  const revision = db.prepare('SELECT MAX(revision) AS r FROM program').get() as { r: number | null };
  const halls = db.prepare('SELECT hall_id AS hallId, revision FROM hall_state ORDER BY hall_id').all() as BackupSummary['halls'];
  const commands = db.prepare('SELECT COUNT(*) AS n FROM command_log').get() as { n: number };
  return { programRevision: revision.r, halls, commands: commands.n, bytes };
}

/** Fails unless `db` is a sound Lectern database. */
function checkLectern(db: Database.Database, what: string): void {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
  );
  const missing = LECTERN_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) throw new BackupError(`${what} is not a Lectern database (no table ${missing.join(', ')})`);
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new BackupError(`${what} is damaged: ${String(integrity)}`);
}

/** A temporary name beside `file`, renamed into place when whole. */
function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/**
 * Copies the open database `db` (closed after) to `target` with SQLite's online backup API: beside it first
 * (umask 0077), as one file (rollback journal, no -wal), checked when `check` names it, mode 0600, then renamed
 * into place after `removeFirst` are deleted. Whole or not at all: on any failure the temporary copy goes.
 */
async function copyWhole(
  db: Database.Database,
  target: string,
  options: { check?: string; removeFirst?: string[] },
): Promise<BackupSummary> {
  const temporary = temporaryBeside(target);
  const previousUmask = process.umask(0o077);
  try {
    await db.backup(temporary);
  } finally {
    process.umask(previousUmask);
    db.close();
  }
  try {
    const copy = new Database(temporary, { fileMustExist: true });
    let summary: BackupSummary;
    try {
      copy.pragma('journal_mode = DELETE');
      if (options.check) checkLectern(copy, options.check);
      summary = summarize(copy, 0);
    } finally {
      copy.close();
    }
    chmodSync(temporary, DATA_FILE_MODE);
    for (const file of options.removeFirst ?? []) rmSync(file, { force: true });
    renameSync(temporary, target);
    return summary;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Copies a data folder's database to `out` with SQLite's online backup API, while the server may be writing:
 * the copy is one consistent moment (every committed command up to it, nothing half). `out` is one SQLite file
 * (rollback journal, no -wal), mode 0600, written whole or not at all.
 */
export async function backupDataDir(dataDir: string, out: string): Promise<BackupSummary> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new BackupError(`no Lectern data in ${dataDir} (expected ${source}; pass --data DIR)`);
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const summary = await copyWhole(db, out, { check: 'the copy' });
  return { ...summary, bytes: statSync(out).size };
}

/**
 * Restores a backup into a data folder: checks that `file` is a sound Lectern database, creates `dataDir` (0700),
 * and writes `lectern.sqlite` (0600) whole or not at all. A folder with anything in it is refused unless `force`
 * (then the old database, its -wal and -shm, and a director-token file are replaced). Stop the server first.
 */
export async function restoreDataDir(file: string, dataDir: string, force: boolean): Promise<BackupSummary> {
  if (!existsSync(file)) throw new BackupError(`no file ${file}`);
  let source: Database.Database | undefined;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
    checkLectern(source, file);
  } catch (error) {
    source?.close();
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Lectern backup (${(error as Error).message})`);
  }
  const existing = existsSync(dataDir) ? readdirSync(dataDir) : [];
  if (existing.length > 0 && !force) {
    source.close();
    throw new BackupError(
      `${dataDir} is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}): pass --force to replace its data`,
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  chmodSync(dataDir, DATA_DIR_MODE);
  const stale = [`${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'director-token'].map((name) => join(dataDir, name));
  const summary = await copyWhole(source, join(dataDir, DATABASE_FILE), { removeFirst: stale });
  return { ...summary, bytes: statSync(file).size };
}
