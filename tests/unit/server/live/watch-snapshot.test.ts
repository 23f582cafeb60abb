import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../../server/auth/auth.service.js';
import { LiveService } from '../../../../server/live/live.service.js';
import { SqliteStore } from '../../../../server/store/sqlite-store.js';
import { demoProgram, tokyo } from '../../../support/demo.js';

const director: Principal = { role: 'director', actor: 'director', label: 'Director' };
const dirs: string[] = [];
const stores: SqliteStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openLive() {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-watch-snapshot-'));
  dirs.push(dir);
  const store = new SqliteStore(dir);
  stores.push(store);
  let at = tokyo('2025-10-02T09:45');
  const clock = { now: () => at, offsetMs: 0 };
  const live = await LiveService.open(store, clock, () => Promise.resolve(demoProgram()));
  return { live, advance: (ms: number) => (at += ms) };
}

describe('the snapshot screens get when they start watching', () => {
  it('is one object for screens that start within 250 ms on the same state, the same as a fresh one', async () => {
    const { live, advance } = await openLive();
    const first = live.watchSnapshot('namba');
    advance(249);
    expect(live.watchSnapshot('namba')).toBe(first);
    expect(first).toEqual({ ...live.snapshot('namba'), serverTime: first.serverTime });
  });

  it('is computed again after 250 ms (serverTime now), after a command and after a program change', async () => {
    const { live, advance } = await openLive();
    const first = live.watchSnapshot('namba');
    advance(250);
    const later = live.watchSnapshot('namba');
    expect(later).not.toBe(first);
    expect(later.serverTime).toBe(first.serverTime + 250);

    await live.command('namba', { type: 'message', text: 'Please take your seats' }, director);
    const afterCommand = live.watchSnapshot('namba');
    expect(afterCommand.revision).toBe(1);
    expect(afterCommand.message?.text).toBe('Please take your seats');
    expect(afterCommand).toEqual(live.snapshot('namba'));

    const program = demoProgram();
    await live.replaceProgram(program, 'director');
    const afterProgram = live.watchSnapshot('namba');
    expect(afterProgram).not.toBe(afterCommand);
    expect(afterProgram.programRevision).toBe(2);
  });

  it('is kept per hall', async () => {
    const { live } = await openLive();
    const halls = demoProgram().halls.map((h) => h.id);
    expect(halls.length).toBeGreaterThan(1);
    const [a, b] = halls.map((id) => live.watchSnapshot(id));
    expect(a!.hallId).toBe(halls[0]);
    expect(b!.hallId).toBe(halls[1]);
  });
});
