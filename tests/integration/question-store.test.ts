import { describe, expect, it } from 'vitest';
import type { QuestionSettings } from '../../shared/index.js';
import type { NewQuestion, QuestionStore } from '../../server/store/question-store.js';
import { RedisQuestionStore } from '../../server/store/redis/redis-question-store.js';
import { SqliteQuestionStore } from '../../server/store/sqlite-question-store.js';
import { redisClientForFile } from '../support/redis-client.js';
import { tempDir } from '../support/server.js';

// The same contract for both question stores: SQLite (one machine) and Redis (nodes on --redis), each real.

const { client } = redisClientForFile();

let n = 0;
function question(overrides: Partial<NewQuestion> = {}): NewQuestion {
  n++;
  return {
    id: `q_${n}`,
    hallId: 'namba',
    itemId: 'talk-1',
    text: `Question ${n}: <b>how</b> 🙂?`,
    name: null,
    status: 'pending',
    heldWord: null,
    deviceHash: 'device-a',
    createdAt: 1_000 + n,
    ...overrides,
  };
}

const stores: [string, () => QuestionStore][] = [
  ['SQLite', () => new SqliteQuestionStore(tempDir('lectern-questions-'))],
  ['Redis', () => new RedisQuestionStore(client(), `lectern-test-${Math.random().toString(36).slice(2)}:`)],
];

describe.each(stores)('the %s question store', (_name, open) => {
  it('adds, merges the same text from the same device for the same talk, and lists oldest first', async () => {
    const store = open();
    const first = await store.submit(question({ name: '山田' }));
    expect(first.merged).toBe(false);
    expect(first.question).toMatchObject({ votes: 0, starred: false, position: null, name: '山田', heldWord: null });
    const again = await store.submit({ ...question(), text: first.question.text });
    expect(again).toMatchObject({ merged: true, question: { id: first.question.id } });
    const other = await store.submit(question({ deviceHash: 'device-b', heldWord: 'spam' }));
    const otherTalk = await store.submit(question({ itemId: 'talk-2' }));
    expect((await store.list('namba')).map((q) => q.id)).toEqual([first.question.id, other.question.id, otherTalk.question.id]);
    expect((await store.list('namba', { itemId: 'talk-2' })).map((q) => q.id)).toEqual([otherTalk.question.id]);
    expect((await store.listByDevice('namba', 'device-a')).map((q) => q.id)).toEqual([otherTalk.question.id, first.question.id]);
    expect((await store.get('namba', other.question.id))?.heldWord).toBe('spam');
    expect(await store.get('nakamozu', other.question.id)).toBeUndefined();
    expect(await store.list('nakamozu')).toEqual([]);
    await store.close();
  });

  it('updates status and star, counts one vote per device for approved questions only', async () => {
    const store = open();
    const { question: q } = await store.submit(question());
    expect(await store.vote('namba', q.id, 'device-x', 5_000)).toBeUndefined();
    expect(await store.update('nakamozu', q.id, { status: 'approved' }, 5_000)).toBeUndefined();
    const approved = await store.update('namba', q.id, { status: 'approved' }, 5_001);
    expect(approved).toMatchObject({ status: 'approved', starred: false, updatedAt: 5_001 });
    expect(await store.update('namba', q.id, { starred: true }, 5_002)).toMatchObject({ status: 'approved', starred: true });
    expect(await store.vote('namba', q.id, 'device-x', 5_003)).toMatchObject({ counted: true, question: { votes: 1 } });
    expect(await store.vote('namba', q.id, 'device-x', 5_004)).toMatchObject({ counted: false, question: { votes: 1 } });
    expect(await store.vote('namba', q.id, 'device-y', 5_005)).toMatchObject({ counted: true, question: { votes: 2 } });
    expect(await store.vote('nakamozu', q.id, 'device-z', 5_006)).toBeUndefined();
    expect(await store.update('namba', 'q_none', { status: 'answered' }, 5_007)).toBeUndefined();
    await store.close();
  });

  it('orders a talk all or nothing; the talk’s other questions lose their place', async () => {
    const store = open();
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => store.submit(question({ itemId: 'talk-9' }))));
    const ids = [a!.question.id, b!.question.id, c!.question.id];
    expect(await store.reorder('namba', [ids[2]!, 'q_none'], 6_000)).toBeUndefined();
    expect((await store.list('namba', { itemId: 'talk-9' })).every((q) => q.position === null)).toBe(true);
    const placed = await store.reorder('namba', [ids[2]!, ids[0]!], 6_001);
    const positions = (list: { id: string; position: number | null }[]) =>
      Object.fromEntries(list.map((q) => [q.id, q.position]));
    expect(positions(placed!)).toEqual({ [ids[0]!]: 1, [ids[1]!]: null, [ids[2]!]: 0 });
    const again = await store.reorder('namba', [ids[1]!], 6_002);
    expect(positions(again!)).toEqual({ [ids[0]!]: null, [ids[1]!]: 0, [ids[2]!]: null });
    await store.close();
  });

  it('keeps each hall’s settings', async () => {
    const store = open();
    expect(await store.getSettings('namba')).toBeUndefined();
    const settings: QuestionSettings = { mode: 'open', autoApprove: true, heldWords: ['spam'], showOnSignage: false };
    await store.saveSettings('namba', settings);
    expect(await store.getSettings('namba')).toMatchObject(settings);
    expect(await store.getSettings('nakamozu')).toBeUndefined();
    await store.close();
  });
});
