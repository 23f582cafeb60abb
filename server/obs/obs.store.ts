import type Database from 'better-sqlite3';
import type { ObsChapter, ObsMode } from '../../shared/index.js';
import { openPrivateDatabase } from '../store/private-files.js';

/** A recording as Lectern keeps it (without its chapters). */
export interface StoredRecording {
  id: string;
  hallId: string;
  /** Server ms. */
  startedAt: number;
  stoppedAt: number | null;
  outputPath: string | null;
}

/** A hall's OBS mode and when it was set. */
export interface StoredMode {
  mode: ObsMode;
  since: number;
  reason: string;
}

/** What the OBS adapter keeps across restarts: each hall's mode, the recordings and their chapters. */
export interface ObsStore {
  getMode(hallId: string): Promise<StoredMode | undefined>;
  setMode(hallId: string, mode: StoredMode): Promise<void>;
  addRecording(recording: StoredRecording): Promise<void>;
  /** Marks a recording stopped. */
  stopRecording(id: string, stoppedAt: number, outputPath: string | null): Promise<void>;
  /** The hall's recording that was not seen to stop, if any. */
  openRecording(hallId: string): Promise<StoredRecording | undefined>;
  /** Newest first. */
  listRecordings(hallId: string): Promise<StoredRecording[]>;
  addChapter(recordingId: string, chapter: ObsChapter, at: number): Promise<void>;
  /** In the order they were stored. */
  listChapters(recordingId: string): Promise<ObsChapter[]>;
  close(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS obs_hall (
  hall_id TEXT PRIMARY KEY,
  mode TEXT NOT NULL,
  since INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS obs_recording (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  stopped_at INTEGER,
  output_path TEXT
);
CREATE INDEX IF NOT EXISTS obs_recording_hall ON obs_recording (hall_id, started_at);
CREATE TABLE IF NOT EXISTS obs_chapter (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  recording_id TEXT NOT NULL REFERENCES obs_recording (id),
  item_id TEXT NOT NULL,
  offset_ms INTEGER NOT NULL,
  title TEXT NOT NULL,
  speaker TEXT NOT NULL,
  estimated INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS obs_chapter_recording ON obs_chapter (recording_id, seq);
`;

interface RecordingRow {
  id: string;
  hall_id: string;
  started_at: number;
  stopped_at: number | null;
  output_path: string | null;
}

function toRecording(row: RecordingRow): StoredRecording {
  return { id: row.id, hallId: row.hall_id, startedAt: row.started_at, stoppedAt: row.stopped_at, outputPath: row.output_path };
}

/**
 * The OBS adapter's tables in Lectern's SQLite file (its own connection; WAL lets it share the file with the
 * main store), so one backup of `lectern.sqlite` keeps the chapters too.
 */
export class SqliteObsStore implements ObsStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openPrivateDatabase(dataDir, SCHEMA);
  }

  async getMode(hallId: string): Promise<StoredMode | undefined> {
    const row = this.db.prepare('SELECT mode, since, reason FROM obs_hall WHERE hall_id = ?').get(hallId) as
      StoredMode | undefined;
    return row ? { mode: row.mode, since: row.since, reason: row.reason } : undefined;
  }

  async setMode(hallId: string, mode: StoredMode): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO obs_hall (hall_id, mode, since, reason) VALUES (?, ?, ?, ?) ON CONFLICT(hall_id) DO UPDATE SET mode = excluded.mode, since = excluded.since, reason = excluded.reason',
      )
      .run(hallId, mode.mode, mode.since, mode.reason);
  }

  async addRecording(recording: StoredRecording): Promise<void> {
    this.db
      .prepare('INSERT INTO obs_recording (id, hall_id, started_at, stopped_at, output_path) VALUES (?, ?, ?, ?, ?)')
      .run(recording.id, recording.hallId, recording.startedAt, recording.stoppedAt, recording.outputPath);
  }

  async stopRecording(id: string, stoppedAt: number, outputPath: string | null): Promise<void> {
    this.db
      .prepare(
        'UPDATE obs_recording SET stopped_at = ?, output_path = COALESCE(?, output_path) WHERE id = ? AND stopped_at IS NULL',
      )
      .run(stoppedAt, outputPath, id);
  }

  async openRecording(hallId: string): Promise<StoredRecording | undefined> {
    const row = this.db
      .prepare('SELECT * FROM obs_recording WHERE hall_id = ? AND stopped_at IS NULL ORDER BY started_at DESC LIMIT 1')
      .get(hallId) as RecordingRow | undefined;
    return row ? toRecording(row) : undefined;
  }

  async listRecordings(hallId: string): Promise<StoredRecording[]> {
    const rows = this.db
      .prepare('SELECT * FROM obs_recording WHERE hall_id = ? ORDER BY started_at DESC, rowid DESC')
      .all(hallId) as RecordingRow[];
    return rows.map(toRecording);
  }

  async addChapter(recordingId: string, chapter: ObsChapter, at: number): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO obs_chapter (recording_id, item_id, offset_ms, title, speaker, estimated, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        recordingId,
        chapter.itemId,
        Math.round(chapter.offsetMs),
        chapter.title,
        chapter.speaker,
        chapter.estimated ? 1 : 0,
        at,
      );
  }

  async listChapters(recordingId: string): Promise<ObsChapter[]> {
    const rows = this.db
      .prepare('SELECT item_id, offset_ms, title, speaker, estimated FROM obs_chapter WHERE recording_id = ? ORDER BY seq')
      .all(recordingId) as { item_id: string; offset_ms: number; title: string; speaker: string; estimated: number }[];
    return rows.map((row) => ({
      itemId: row.item_id,
      offsetMs: row.offset_ms,
      title: row.title,
      speaker: row.speaker,
      estimated: row.estimated === 1,
    }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
