import type { Redis } from 'ioredis';
import { z } from 'zod';
import { OBS_MODES, type ObsChapter } from '../../../shared/index.js';
import type { ObsStore, StoredMode, StoredRecording } from '../../obs/obs.store.js';
import { callRedis } from './redis-call.js';
import { ADD_RECORDING, STOP_RECORDING } from './redis-obs-scripts.js';

/**
 * The keys of the OBS records, under the store's prefix (default `lectern:`):
 * - `obs:modes` — hash hall id → mode JSON `{ mode, since, reason }`;
 * - `obs:recording:<id>` — hash `{ id, hallId, startedAt, seq, stoppedAt?, outputPath? }` (absent fields are null);
 * - `obs:recordings:<hall>` — sorted set of the hall's recording ids, scored by `startedAt`;
 * - `obs:recording-seq` — counter, the order of recordings that began in the same ms;
 * - `obs:chapters:<recording id>` — list of chapter JSON `{ itemId, offsetMs, title, speaker, estimated, at }`,
 *   appended by RPUSH (one atomic append: two nodes' chapters stay one list in the order Redis got them).
 */
function obsKeys(prefix: string) {
  return {
    modes: `${prefix}obs:modes`,
    recording: (id: string) => `${prefix}obs:recording:${id}`,
    recordings: (hallId: string) => `${prefix}obs:recordings:${hallId}`,
    recordingSeq: `${prefix}obs:recording-seq`,
    chapters: (recordingId: string) => `${prefix}obs:chapters:${recordingId}`,
  };
}

// What is read back is parsed again (server/store/stored-json.ts does the same for the live state).
const StoredModeSchema = z.object({ mode: z.enum(OBS_MODES), since: z.number(), reason: z.string() });
const StoredChapterSchema = z.object({
  itemId: z.string(),
  offsetMs: z.number(),
  title: z.string(),
  speaker: z.string(),
  estimated: z.boolean(),
});

/** A recording hash as HGETALL answers it, with its `seq`; undefined when the key is gone. */
function toRecording(fields: Record<string, string>): (StoredRecording & { seq: number }) | undefined {
  if (!fields.id) return undefined;
  return {
    id: fields.id,
    hallId: fields.hallId!,
    startedAt: Number(fields.startedAt),
    stoppedAt: fields.stoppedAt === undefined ? null : Number(fields.stoppedAt),
    outputPath: fields.outputPath ?? null,
    seq: Number(fields.seq ?? 0),
  };
}

/**
 * The OBS records in Redis, for nodes on `--redis`: each hall's auto/manual mode, the recordings and their VOD
 * chapters are one set for every node, so the node that takes a hall's OBS lease over goes on in the mode the
 * operator set and adds to the same chapter list. Writes that two nodes could race are one command or one script.
 */
export class RedisObsStore implements ObsStore {
  private readonly keys: ReturnType<typeof obsKeys>;
  private readonly call = <T>(work: () => Promise<T>): Promise<T> => callRedis('the OBS records', work);

  /** On the node's RedisStore connection (`store.redis`) and under its prefix. */
  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = obsKeys(prefix);
  }

  async getMode(hallId: string): Promise<StoredMode | undefined> {
    const json = await this.call(() => this.redis.hget(this.keys.modes, hallId));
    return json ? StoredModeSchema.parse(JSON.parse(json)) : undefined;
  }

  async setMode(hallId: string, mode: StoredMode): Promise<void> {
    const json = JSON.stringify({ mode: mode.mode, since: mode.since, reason: mode.reason });
    await this.call(() => this.redis.hset(this.keys.modes, hallId, json));
  }

  async addRecording(recording: StoredRecording): Promise<void> {
    const fields: string[] = [
      'id', recording.id,
      'hallId', recording.hallId,
      'startedAt', String(recording.startedAt),
      ...(recording.stoppedAt === null ? [] : ['stoppedAt', String(recording.stoppedAt)]),
      ...(recording.outputPath === null ? [] : ['outputPath', recording.outputPath]),
    ]; // prettier-ignore
    const keys = [this.keys.recording(recording.id), this.keys.recordings(recording.hallId), this.keys.recordingSeq];
    await this.call(() =>
      this.redis.eval(ADD_RECORDING, keys.length, ...keys, recording.id, String(recording.startedAt), ...fields),
    );
  }

  async stopRecording(id: string, stoppedAt: number, outputPath: string | null): Promise<void> {
    await this.call(() => this.redis.eval(STOP_RECORDING, 1, this.keys.recording(id), String(stoppedAt), outputPath ?? ''));
  }

  async openRecording(hallId: string): Promise<StoredRecording | undefined> {
    return (await this.listRecordings(hallId)).find((recording) => recording.stoppedAt === null);
  }

  async listRecordings(hallId: string): Promise<StoredRecording[]> {
    const ids = await this.call(() => this.redis.zrange(this.keys.recordings(hallId), 0, -1));
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.recording(id));
    const replies = await this.call(async () => {
      const answers = (await pipeline.exec()) ?? [];
      for (const [error] of answers) if (error) throw error;
      return answers;
    });
    const recordings = replies.flatMap(([, fields]) => toRecording(fields as Record<string, string>) ?? []);
    // Newest first; of two that began in the same ms, the one stored last (as SQLite's rowid does).
    return recordings.sort((a, b) => b.startedAt - a.startedAt || b.seq - a.seq).map(({ seq: _seq, ...recording }) => recording);
  }

  async addChapter(recordingId: string, chapter: ObsChapter, at: number): Promise<void> {
    const json = JSON.stringify({
      itemId: chapter.itemId,
      offsetMs: Math.round(chapter.offsetMs),
      title: chapter.title,
      speaker: chapter.speaker,
      estimated: chapter.estimated,
      at,
    });
    await this.call(() => this.redis.rpush(this.keys.chapters(recordingId), json));
  }

  async listChapters(recordingId: string): Promise<ObsChapter[]> {
    const list = await this.call(() => this.redis.lrange(this.keys.chapters(recordingId), 0, -1));
    return list.map((json) => StoredChapterSchema.parse(JSON.parse(json)));
  }

  /** The connection belongs to the node's RedisStore, which closes it. */
  async close(): Promise<void> {}
}
