import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QuestionSettingsSchema, type QuestionSettings, type QuestionStatus } from '../../../shared/index.js';
import type { NewQuestion, QuestionPatch, QuestionStore, StoredQuestion, Vote } from '../question-store.js';
import { callRedis } from './redis-call.js';
import { REORDER_QUESTIONS, SUBMIT_QUESTION, UPDATE_QUESTION, VOTE_QUESTION } from './redis-question-scripts.js';

/** The keys of audience questions, under the store's prefix. */
function questionKeys(prefix: string) {
  return {
    /** Hash of one question's fields. */
    question: (id: string) => `${prefix}question:${id}`,
    /** Sorted set of a hall's question ids, scored by `createdAt`. */
    hall: (hallId: string) => `${prefix}questions:${hallId}`,
    /** Hash (talk, device, text) digest → question id: one device's identical question merges. */
    asked: (hallId: string) => `${prefix}questions:asked:${hallId}`,
    /** Set of the device hashes that voted for a question. */
    votes: (id: string) => `${prefix}question:votes:${id}`,
    /** Hash hall id → settings JSON. */
    settings: `${prefix}question-settings`,
  };
}

/** A question hash as Redis answers it (HGETALL); `name`, `position` and `heldWord` are absent when null. */
function toQuestion(fields: Record<string, string>): StoredQuestion | undefined {
  if (!fields.id) return undefined;
  return {
    id: fields.id,
    hallId: fields.hallId!,
    itemId: fields.itemId!,
    text: fields.text!,
    name: fields.name ?? null,
    status: fields.status as QuestionStatus,
    votes: Number(fields.votes ?? 0),
    starred: fields.starred === '1',
    position: fields.position === undefined ? null : Number(fields.position),
    heldWord: fields.heldWord ?? null,
    deviceHash: fields.deviceHash!,
    createdAt: Number(fields.createdAt),
    updatedAt: Number(fields.updatedAt),
  };
}

/** HGETALL's flat reply from a script (`{k1, v1, k2, v2…}`) as an object. */
function pairs(flat: unknown): Record<string, string> {
  const list = flat as string[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
}

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');

/**
 * Audience questions in Redis, for nodes on `--redis`: every node sees one queue, one vote per device across
 * nodes, one moderator order. Each write is one Lua script (atomic); acknowledged as durable as the Redis is
 * configured (docs/scale.md: `appendfsync always`).
 */
export class RedisQuestionStore implements QuestionStore {
  private readonly keys: ReturnType<typeof questionKeys>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = questionKeys(prefix);
  }

  private call<T>(work: () => Promise<T>): Promise<T> {
    return callRedis('the questions', work);
  }

  private async many(ids: string[]): Promise<StoredQuestion[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.question(id));
    const replies = (await this.call(() => pipeline.exec())) ?? [];
    return replies.flatMap(([, fields]) => toQuestion(fields as Record<string, string>) ?? []);
  }

  async submit(question: NewQuestion): Promise<{ question: StoredQuestion; merged: boolean }> {
    const fields: string[] = [
      'id', question.id,
      'hallId', question.hallId,
      'itemId', question.itemId,
      'text', question.text,
      'status', question.status,
      'votes', '0',
      'starred', '0',
      'deviceHash', question.deviceHash,
      'createdAt', String(question.createdAt),
      'updatedAt', String(question.createdAt),
      ...(question.name === null ? [] : ['name', question.name]),
      ...(question.heldWord === null ? [] : ['heldWord', question.heldWord]),
    ]; // prettier-ignore
    const keys = [this.keys.asked(question.hallId), this.keys.hall(question.hallId), this.keys.question(question.id)];
    const asked = digest(question.itemId, question.deviceHash, question.text);
    const reply = (await this.call(() =>
      this.redis.eval(SUBMIT_QUESTION, keys.length, ...keys, asked, question.id, String(question.createdAt), ...fields),
    )) as [string, string];
    const [outcome, id] = reply;
    const stored = await this.get(question.hallId, id);
    return { question: stored!, merged: outcome === 'merged' };
  }

  async get(hallId: string, id: string): Promise<StoredQuestion | undefined> {
    const fields = await this.call(() => this.redis.hgetall(this.keys.question(id)));
    const question = toQuestion(fields);
    return question?.hallId === hallId ? question : undefined;
  }

  async list(hallId: string, options: { itemId?: string; status?: QuestionStatus } = {}): Promise<StoredQuestion[]> {
    const ids = await this.call(() => this.redis.zrange(this.keys.hall(hallId), 0, -1));
    return (await this.many(ids)).filter(
      (q) =>
        (options.itemId === undefined || q.itemId === options.itemId) &&
        (options.status === undefined || q.status === options.status),
    );
  }

  async listByDevice(hallId: string, deviceHash: string): Promise<StoredQuestion[]> {
    const ids = await this.call(() => this.redis.zrevrange(this.keys.hall(hallId), 0, -1));
    return (await this.many(ids)).filter((q) => q.deviceHash === deviceHash);
  }

  async update(hallId: string, id: string, patch: QuestionPatch, at: number): Promise<StoredQuestion | undefined> {
    const starred = patch.starred === undefined ? '' : patch.starred ? '1' : '0';
    const reply = await this.call(() =>
      this.redis.eval(UPDATE_QUESTION, 1, this.keys.question(id), hallId, patch.status ?? '', starred, String(at)),
    );
    return reply ? toQuestion(pairs(reply)) : undefined;
  }

  async reorder(hallId: string, ids: readonly string[], at: number): Promise<StoredQuestion[] | undefined> {
    const unique = [...new Set(ids)];
    const prefix = this.keys.question('');
    const reply = await this.call(() =>
      this.redis.eval(REORDER_QUESTIONS, 1, this.keys.hall(hallId), prefix, hallId, String(at), ...unique),
    );
    if (!reply) return undefined;
    return this.many(reply as string[]);
  }

  async vote(hallId: string, id: string, deviceHash: string, at: number): Promise<Vote | undefined> {
    const keys = [this.keys.question(id), this.keys.votes(id)];
    const reply = (await this.call(() =>
      this.redis.eval(VOTE_QUESTION, keys.length, ...keys, hallId, deviceHash, String(at)),
    )) as [number, unknown] | null;
    if (!reply) return undefined;
    const question = toQuestion(pairs(reply[1]));
    return question ? { question, counted: reply[0] === 1 } : undefined;
  }

  async getSettings(hallId: string): Promise<QuestionSettings | undefined> {
    const json = await this.call(() => this.redis.hget(this.keys.settings, hallId));
    return json ? QuestionSettingsSchema.parse(JSON.parse(json)) : undefined;
  }

  async saveSettings(hallId: string, settings: QuestionSettings): Promise<void> {
    await this.call(() => this.redis.hset(this.keys.settings, hallId, JSON.stringify(settings)));
  }

  /** The connection belongs to the node's RedisStore, which closes it. */
  async close(): Promise<void> {}
}
