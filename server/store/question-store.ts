import type { Question, QuestionSettings, QuestionStatus } from '../../shared/index.js';

/** A question as the store keeps it: what moderators see, and the hash of the device that asked. */
export interface StoredQuestion extends Question {
  /** sha256 of the asking device's id (hex); never answered to anyone. */
  deviceHash: string;
}

/** What a new question is made of (the service decided its id, status and held word). */
/** What a moderator (or the chair's Answered) changes of a question. */
export type QuestionPatch = { status?: QuestionStatus; starred?: boolean };

export type NewQuestion = Omit<StoredQuestion, 'votes' | 'starred' | 'position' | 'updatedAt'>;

/** A vote as counted: the question after it, and false when the device had voted for it already. */
export interface Vote {
  question: StoredQuestion;
  counted: boolean;
}

/**
 * Where audience questions live, so they survive a restart. Small on purpose, so a Redis version can slot in
 * beside the SQLite one. Each call is one atomic step (one transaction): `--workers N` processes share it.
 */
export interface QuestionStore {
  /**
   * Adds a question, unless the same device asked the same text for the same talk already: then answers that
   * one, `merged`.
   */
  submit(question: NewQuestion): Promise<{ question: StoredQuestion; merged: boolean }>;
  get(hallId: string, id: string): Promise<StoredQuestion | undefined>;
  /** A hall's questions (one talk's with `itemId`), oldest first. */
  list(hallId: string, options?: { itemId?: string; status?: QuestionStatus }): Promise<StoredQuestion[]>;
  /** The questions one device asked in a hall, newest first. */
  listByDevice(hallId: string, deviceHash: string): Promise<StoredQuestion[]>;
  /** Sets status and/or star; undefined when no such question in the hall. */
  update(hallId: string, id: string, patch: QuestionPatch, at: number): Promise<StoredQuestion | undefined>;
  /**
   * The moderator's order: the listed questions take positions 0, 1, 2…; the others of the same talks lose
   * theirs. All or nothing: undefined (and nothing changed) when one id is not a question of the hall.
   */
  reorder(hallId: string, ids: readonly string[], at: number): Promise<StoredQuestion[] | undefined>;
  /**
   * One vote of a device for an approved question: `counted` false when the device voted for it already.
   * Undefined when no such approved question in the hall.
   */
  vote(hallId: string, id: string, deviceHash: string, at: number): Promise<Vote | undefined>;
  getSettings(hallId: string): Promise<QuestionSettings | undefined>;
  saveSettings(hallId: string, settings: QuestionSettings): Promise<void>;
  close(): Promise<void>;
}
