import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { ObsChapter } from '../../shared/index.js';
import { SqliteObsStore, type ObsStore, type StoredRecording } from '../../server/obs/obs.store.js';
import { RedisObsStore } from '../../server/store/redis/redis-obs-store.js';
import { StoreUnavailableError } from '../../server/store/store.js';
import { openRedis } from '../../server/store/redis/redis-store.js';
import { redisClientForFile } from '../support/redis-client.js';
import { tempDir } from '../support/server.js';

// The same contract for both OBS stores: SQLite (one machine) and Redis (nodes on --redis), each real.

const { client, url } = redisClientForFile();

const prefix = () => `lectern-test-${Math.random().toString(36).slice(2)}:`;
const stores: [string, () => ObsStore][] = [
  ['SQLite', () => new SqliteObsStore(tempDir('lectern-obs-store-'))],
  ['Redis', () => new RedisObsStore(client(), prefix())],
];

function recording(id: string, startedAt: number, extra: Partial<StoredRecording> = {}): StoredRecording {
  return { id, hallId: 'namba', startedAt, stoppedAt: null, outputPath: null, ...extra };
}
function chapter(n: number, extra: Partial<ObsChapter> = {}): ObsChapter {
  return {
    itemId: `item-${n}`,
    offsetMs: n * 60_000,
    title: `Talk ${n} — 講演`,
    speaker: `Speaker ${n}`,
    estimated: false,
    ...extra,
  };
}

describe.each(stores)('the %s OBS store', (_name, open) => {
  it("keeps each hall's mode, the last one set", async () => {
    const store = open();
    expect(await store.getMode('namba')).toBeUndefined();
    await store.setMode('namba', { mode: 'manual', since: 1000, reason: 'set by director' });
    await store.setMode('nakamozu', { mode: 'auto', since: 1500, reason: '' });
    await store.setMode('namba', { mode: 'auto', since: 2000, reason: 'set by chair' });
    await store.setMode('namba', { mode: 'manual', since: 3000, reason: 'the operator switched to "Q&A" in OBS' });
    expect(await store.getMode('namba')).toEqual({
      mode: 'manual',
      since: 3000,
      reason: 'the operator switched to "Q&A" in OBS',
    });
    expect(await store.getMode('nakamozu')).toEqual({ mode: 'auto', since: 1500, reason: '' });
    await store.close();
  });

  it('lists recordings newest first (the later stored first of two begun in the same ms), per hall', async () => {
    const store = open();
    await store.addRecording(recording('r-1', 1000, { stoppedAt: 1500, outputPath: '/rec/一.mkv' }));
    await store.addRecording(recording('r-3', 3000));
    await store.addRecording(recording('r-2', 2000));
    await store.addRecording(recording('r-2b', 2000));
    await store.addRecording(recording('other', 5000, { hallId: 'nakamozu' }));
    const list = await store.listRecordings('namba');
    expect(list.map((r) => r.id)).toEqual(['r-3', 'r-2b', 'r-2', 'r-1']);
    expect(list[3]).toEqual(recording('r-1', 1000, { stoppedAt: 1500, outputPath: '/rec/一.mkv' }));
    expect(list[0]).toEqual(recording('r-3', 3000));
    expect(await store.listRecordings('nakamozu')).toEqual([recording('other', 5000, { hallId: 'nakamozu' })]);
    expect(await store.listRecordings('tenma')).toEqual([]);
    await store.close();
  });

  it('answers the newest recording not seen to stop; a stop is kept once, its file only when given', async () => {
    const store = open();
    expect(await store.openRecording('namba')).toBeUndefined();
    await store.addRecording(recording('a', 1000, { outputPath: '/rec/a.mkv' }));
    await store.addRecording(recording('b', 2000));
    expect((await store.openRecording('namba'))?.id).toBe('b');
    await store.stopRecording('b', 2500, '/rec/b.mkv');
    expect(await store.openRecording('namba')).toEqual(recording('a', 1000, { outputPath: '/rec/a.mkv' }));
    // Stopped without a file: the one it started with stays.
    await store.stopRecording('a', 2600, null);
    expect(await store.openRecording('namba')).toBeUndefined();
    // A second stop changes nothing; an unknown id neither.
    await store.stopRecording('b', 9999, '/rec/other.mkv');
    await store.stopRecording('missing', 9999, '/rec/missing.mkv');
    expect(await store.listRecordings('namba')).toEqual([
      recording('b', 2000, { stoppedAt: 2500, outputPath: '/rec/b.mkv' }),
      recording('a', 1000, { stoppedAt: 2600, outputPath: '/rec/a.mkv' }),
    ]);
    await store.close();
  });

  it('keeps chapters per recording in the order they were stored (offsets rounded)', async () => {
    const store = open();
    await store.addRecording(recording('r', 1000));
    await store.addRecording(recording('s', 2000));
    await store.addChapter('r', chapter(3), 10);
    await store.addChapter('s', chapter(9), 11);
    await store.addChapter('r', chapter(1, { offsetMs: 1234.6, estimated: true }), 12);
    await store.addChapter('r', chapter(2, { speaker: '' }), 13);
    expect(await store.listChapters('r')).toEqual([
      chapter(3),
      chapter(1, { offsetMs: 1235, estimated: true }),
      chapter(2, { speaker: '' }),
    ]);
    expect(await store.listChapters('s')).toEqual([chapter(9)]);
    expect(await store.listChapters('none')).toEqual([]);
    await store.close();
  });
});

describe('the Redis OBS store between two nodes', () => {
  it("two nodes' chapters, appended at once, are one list with each node's in its own order", async () => {
    const shared = prefix();
    const a = new RedisObsStore(client(), shared);
    const other = new Redis(url());
    const b = new RedisObsStore(other, shared);
    await a.addRecording(recording('r', 1000));
    await Promise.all([
      (async () => {
        for (let i = 0; i < 50; i++) await a.addChapter('r', chapter(i, { itemId: `a-${i}` }), i);
      })(),
      (async () => {
        for (let i = 0; i < 50; i++) await b.addChapter('r', chapter(i, { itemId: `b-${i}` }), i);
      })(),
    ]);
    const ids = (await a.listChapters('r')).map((c) => c.itemId);
    expect(ids).toHaveLength(100);
    expect(ids.filter((id) => id.startsWith('a-'))).toEqual([...Array(50).keys()].map((i) => `a-${i}`));
    expect(ids.filter((id) => id.startsWith('b-'))).toEqual([...Array(50).keys()].map((i) => `b-${i}`));
    expect(await b.listChapters('r')).toEqual(await a.listChapters('r'));
    // What one node set, the other reads.
    await a.setMode('namba', { mode: 'manual', since: 5, reason: 'set by director' });
    expect(await b.getMode('namba')).toEqual({ mode: 'manual', since: 5, reason: 'set by director' });
    other.disconnect();
  });

  it('Redis away: every call rejects with StoreUnavailableError (answered 503 store_unavailable)', async () => {
    // The store's own connection kind: no offline queue, so a call while Redis is away fails at once.
    const away = openRedis('redis://127.0.0.1:1', 'lectern-test');
    away.on('error', () => undefined);
    const store = new RedisObsStore(away, prefix());
    await expect(store.getMode('namba')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.setMode('namba', { mode: 'manual', since: 1, reason: '' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.addRecording(recording('r', 1))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.listRecordings('namba')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.addChapter('r', chapter(1), 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.listChapters('r')).rejects.toBeInstanceOf(StoreUnavailableError);
    away.disconnect();
  });
});
