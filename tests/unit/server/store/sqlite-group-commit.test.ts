import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialHallState } from '../../../../shared/index.js';
import { DATABASE_FILE } from '../../../../server/store/private-files.js';
import { SqliteStore } from '../../../../server/store/sqlite-store.js';
import { RevisionConflictError, type CommandLogEntry } from '../../../../server/store/store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function openStore(): SqliteStore {
  return new SqliteStore(newDir());
}

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-group-commit-'));
  dirs.push(dir);
  return dir;
}

function entry(hallId: string, revision: number, text: string): CommandLogEntry {
  return {
    hallId,
    revision,
    commandId: `${hallId}-${revision}`,
    command: { type: 'message', text },
    actor: 'director',
    role: 'director',
    at: 1_000 + revision,
    wallAt: 1_000 + revision,
    rehearsal: false,
    state: { ...initialHallState(hallId), revision },
  };
}

describe('SqliteStore group commit', () => {
  it('commits commands of many halls sent at once, each answered with its own log position', async () => {
    const store = openStore();
    const halls = Array.from({ length: 20 }, (_, i) => `hall${i + 1}`);
    const committed = await Promise.all(halls.map((hallId) => store.commitCommand(entry(hallId, 1, 'at once'))));
    expect(new Set(committed.map((c) => c.seq)).size).toBe(20);
    expect((await store.loadHallStates()).map((s) => s.revision)).toEqual(halls.map(() => 1));
    await store.close();
  });

  it('writes commands sent at once in one transaction: a fraction of the log writes of one by one', async () => {
    // Each commit appends the pages it changed and a commit frame to the WAL; one transaction for the batch
    // appends each page once.
    const halls = Array.from({ length: 20 }, (_, i) => `hall${i + 1}`);
    const together = newDir();
    const a = new SqliteStore(together);
    await Promise.all(halls.map((hallId) => a.commitCommand(entry(hallId, 1, 'at once'))));
    const oneByOne = newDir();
    const b = new SqliteStore(oneByOne);
    for (const hallId of halls) await b.commitCommand(entry(hallId, 1, 'one by one'));
    const walBytes = (dir: string) => statSync(join(dir, `${DATABASE_FILE}-wal`)).size;
    expect(walBytes(together) * 4).toBeLessThan(walBytes(oneByOne));
    await a.close();
    await b.close();
  });

  it('refuses a stale command in the same batch as good ones without losing them', async () => {
    const store = openStore();
    await store.commitCommand(entry('namba', 1, 'first'));
    const results = await Promise.allSettled([
      store.commitCommand(entry('umeda', 1, 'good')),
      store.commitCommand(entry('namba', 1, 'stale: namba has revision 1 already')),
      store.commitCommand(entry('tenma', 1, 'good too')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(RevisionConflictError);
    const states = Object.fromEntries((await store.loadHallStates()).map((s) => [s.hallId, s.revision]));
    expect(states).toEqual({ namba: 1, umeda: 1, tenma: 1 });
    await store.close();
  });
});
