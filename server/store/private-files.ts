import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Mode of the data folder: only the user Lectern runs as may list or enter it. */
export const DATA_DIR_MODE = 0o700;
/** Mode of every file in it (the SQLite file and its -wal and -shm): read and write for that user only. */
export const DATA_FILE_MODE = 0o600;

/** The SQLite file every store of a data folder shares. */
export const DATABASE_FILE = 'lectern.sqlite';

/**
 * Opens (creating if missing) the data folder's SQLite file so that nobody but Lectern's user can read it: a new
 * folder is made 0700, an existing folder that already holds Lectern's file is tightened to 0700 (a folder
 * without one, e.g. `--data .` in someone's home, keeps its mode), and the file with its -wal and -shm is 0600
 * (created under umask 077 and chmod-ed after, for files an older version left 0644). WAL mode is set here, so
 * the -wal and -shm files are created while the umask holds. Then the connection's pragmas, and `schema` (its
 * tables, created if missing).
 */
export function openPrivateDatabase(dataDir: string, schema: string): Database.Database {
  const file = join(dataDir, DATABASE_FILE);
  const existed = existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  if (existed && existsSync(file)) chmodSync(dataDir, DATA_DIR_MODE);
  const previousUmask = process.umask(0o077);
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
  } finally {
    process.umask(previousUmask);
  }
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, DATA_FILE_MODE);
  }
  // Every write durable before it is answered (a kill -9 keeps it); the connections of one file wait for each other.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
}
