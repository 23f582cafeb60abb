import type Database from 'better-sqlite3';
import { QuestionSettingsSchema, type QuestionSettings, type QuestionStatus } from '../../shared/index.js';
import { openPrivateDatabase } from './private-files.js';
import type { NewQuestion, QuestionPatch, QuestionStore, StoredQuestion, Vote } from './question-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS question (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  text TEXT NOT NULL,
  name TEXT,
  status TEXT NOT NULL,
  votes INTEGER NOT NULL DEFAULT 0,
  starred INTEGER NOT NULL DEFAULT 0,
  position INTEGER,
  held_word TEXT,
  device_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS question_hall ON question (hall_id, item_id, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS question_device_text ON question (hall_id, item_id, device_hash, text);
CREATE TABLE IF NOT EXISTS question_vote (
  question_id TEXT NOT NULL REFERENCES question (id),
  device_hash TEXT NOT NULL,
  PRIMARY KEY (question_id, device_hash)
);
CREATE TABLE IF NOT EXISTS question_settings (hall_id TEXT PRIMARY KEY, json TEXT NOT NULL);
`;

interface QuestionRow {
  id: string;
  hall_id: string;
  item_id: string;
  text: string;
  name: string | null;
  status: string;
  votes: number;
  starred: number;
  position: number | null;
  held_word: string | null;
  device_hash: string;
  created_at: number;
  updated_at: number;
}

function toQuestion(row: QuestionRow): StoredQuestion {
  return {
    id: row.id,
    hallId: row.hall_id,
    itemId: row.item_id,
    text: row.text,
    name: row.name,
    status: row.status as QuestionStatus,
    votes: row.votes,
    starred: row.starred === 1,
    position: row.position,
    heldWord: row.held_word,
    deviceHash: row.device_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Audience questions in Lectern's SQLite file (its own connection; WAL lets it share the file with the live
 * store). Every write is one transaction with synchronous=FULL: an answered submit survives a kill -9.
 */
export class SqliteQuestionStore implements QuestionStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openPrivateDatabase(dataDir, SCHEMA);
  }

  private row(hallId: string, id: string): StoredQuestion | undefined {
    const row = this.db.prepare('SELECT * FROM question WHERE hall_id = ? AND id = ?').get(hallId, id) as QuestionRow | undefined;
    return row ? toQuestion(row) : undefined;
  }

  async submit(question: NewQuestion): Promise<{ question: StoredQuestion; merged: boolean }> {
    return this.db
      .transaction(() => {
        const earlier = this.db
          .prepare('SELECT * FROM question WHERE hall_id = ? AND item_id = ? AND device_hash = ? AND text = ?')
          .get(question.hallId, question.itemId, question.deviceHash, question.text) as QuestionRow | undefined;
        if (earlier) return { question: toQuestion(earlier), merged: true };
        this.db
          .prepare(
            `INSERT INTO question (id, hall_id, item_id, text, name, status, held_word, device_hash, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            question.id,
            question.hallId,
            question.itemId,
            question.text,
            question.name,
            question.status,
            question.heldWord,
            question.deviceHash,
            question.createdAt,
            question.createdAt,
          );
        return { question: this.row(question.hallId, question.id)!, merged: false };
      })
      .immediate();
  }

  async get(hallId: string, id: string): Promise<StoredQuestion | undefined> {
    return this.row(hallId, id);
  }

  async list(hallId: string, options: { itemId?: string; status?: QuestionStatus } = {}): Promise<StoredQuestion[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM question WHERE hall_id = @hallId
           AND (@itemId IS NULL OR item_id = @itemId) AND (@status IS NULL OR status = @status)
         ORDER BY created_at, id`,
      )
      .all({ hallId, itemId: options.itemId ?? null, status: options.status ?? null }) as QuestionRow[];
    return rows.map(toQuestion);
  }

  async listByDevice(hallId: string, deviceHash: string): Promise<StoredQuestion[]> {
    const rows = this.db
      .prepare('SELECT * FROM question WHERE hall_id = ? AND device_hash = ? ORDER BY created_at DESC, id')
      .all(hallId, deviceHash) as QuestionRow[];
    return rows.map(toQuestion);
  }

  async update(hallId: string, id: string, patch: QuestionPatch, at: number): Promise<StoredQuestion | undefined> {
    return this.db
      .transaction(() => {
        const result = this.db
          .prepare(
            `UPDATE question SET status = COALESCE(@status, status), starred = COALESCE(@starred, starred), updated_at = @at
             WHERE hall_id = @hallId AND id = @id`,
          )
          .run({
            hallId,
            id,
            at,
            status: patch.status ?? null,
            starred: patch.starred === undefined ? null : patch.starred ? 1 : 0,
          });
        return result.changes > 0 ? this.row(hallId, id) : undefined;
      })
      .immediate();
  }

  async reorder(hallId: string, ids: readonly string[], at: number): Promise<StoredQuestion[] | undefined> {
    return this.db
      .transaction(() => {
        const questions = [...new Set(ids)].map((id) => this.row(hallId, id));
        if (questions.some((q) => q === undefined)) return undefined;
        const items = [...new Set(questions.map((q) => q!.itemId))];
        const clear = this.db.prepare(
          'UPDATE question SET position = NULL, updated_at = ? WHERE hall_id = ? AND item_id = ? AND position IS NOT NULL',
        );
        for (const itemId of items) clear.run(at, hallId, itemId);
        const place = this.db.prepare('UPDATE question SET position = ?, updated_at = ? WHERE hall_id = ? AND id = ?');
        questions.forEach((q, index) => place.run(index, at, hallId, q!.id));
        return this.db
          .prepare(
            `SELECT * FROM question WHERE hall_id = ? AND item_id IN (${items.map(() => '?').join(',')}) ORDER BY created_at, id`,
          )
          .all(hallId, ...items)
          .map((row) => toQuestion(row as QuestionRow));
      })
      .immediate();
  }

  async vote(hallId: string, id: string, deviceHash: string, at: number): Promise<Vote | undefined> {
    return this.db
      .transaction(() => {
        const question = this.row(hallId, id);
        if (!question || question.status !== 'approved') return undefined;
        const inserted = this.db
          .prepare('INSERT OR IGNORE INTO question_vote (question_id, device_hash) VALUES (?, ?)')
          .run(id, deviceHash);
        if (inserted.changes === 0) return { question, counted: false };
        this.db.prepare('UPDATE question SET votes = votes + 1, updated_at = ? WHERE id = ?').run(at, id);
        return { question: this.row(hallId, id)!, counted: true };
      })
      .immediate();
  }

  async getSettings(hallId: string): Promise<QuestionSettings | undefined> {
    const row = this.db.prepare('SELECT json FROM question_settings WHERE hall_id = ?').get(hallId) as
      { json: string } | undefined;
    return row ? QuestionSettingsSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async saveSettings(hallId: string, settings: QuestionSettings): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO question_settings (hall_id, json) VALUES (?, ?) ON CONFLICT(hall_id) DO UPDATE SET json = excluded.json',
      )
      .run(hallId, JSON.stringify(settings));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
