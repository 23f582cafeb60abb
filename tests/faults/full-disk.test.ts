import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, command } from '../support/http.js';
import { startServer, tempDir, type TestServer } from '../support/server.js';

// docs/guarantees.md, "A full disk": with the data folder on a full filesystem a command is refused with
// `store_failed` and changes nothing (screens keep what they show); when space returns, commands go on.
// Needs a small tmpfs, which only root can mount: elsewhere the test is skipped, saying why.

const mountPoint = tempDir('lectern-full-disk-');
function tryMount(): string | null {
  if (process.platform !== 'linux') return 'not Linux: no tmpfs';
  if (process.getuid?.() !== 0) return 'not root: cannot mount a tmpfs for the data folder';
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mountPoint], { encoding: 'utf8' });
  return result.status === 0 ? null : `mount -t tmpfs failed: ${result.stderr.trim() || result.error?.message}`;
}
const cannotMount = tryMount();

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (!cannotMount) spawnSync('umount', ['-l', mountPoint]);
});

/** Writes into `file` until the filesystem is full. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // The last few bytes a smaller write still fits.
  const tail = openSync(file, 'a');
  try {
    for (;;) writeSync(tail, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    closeSync(tail);
  }
}

describe('a full data disk', () => {
  it('refuses commands with store_failed, changes nothing, and resumes when space returns', async (context) => {
    if (cannotMount) context.skip(cannotMount);
    const dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    server = await startServer({ dataDir, args: ['--clock', '2025-10-02T09:45:00+09:00'] });
    expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
    const before = (await api(server.url, '/api/v1/halls/namba/live', { token: null })).body.revision;

    const filler = join(mountPoint, 'filler');
    fillUp(filler);
    const refusals: { status: number; body: { error: string; message: string } }[] = [];
    // SQLite may still fit a commit or two into pages it holds; within 200 commands the disk must tell.
    for (let n = 0; n < 200 && refusals.length < 5; n++) {
      const answer = await command(server.url, 'namba', { type: 'message', text: `full ${n} ${'x'.repeat(200)}` });
      if (answer.status !== 200) refusals.push(answer);
    }
    expect(refusals.length).toBe(5);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(500);
      expect(refusal.body.error).toBe('store_failed');
      expect(refusal.body.message).toMatch(/not saved/);
    }
    const whileFull = (await api(server.url, '/api/v1/halls/namba/live', { token: null })).body.revision;
    expect(whileFull).toBeGreaterThanOrEqual(before);
    // A refused command changed nothing: the revision stands still while the disk stays full.
    expect((await command(server.url, 'namba', { type: 'message', text: 'still full' })).status).toBe(500);
    expect((await api(server.url, '/api/v1/halls/namba/live', { token: null })).body.revision).toBe(whileFull);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    rmSync(filler);
    const resumed = await command(server.url, 'namba', { type: 'message', text: 'space is back' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.revision).toBe(whileFull + 1);

    // What was acknowledged is what a restart finds.
    await server.stop('SIGKILL');
    server = await startServer({ dataDir });
    const after = (await api(server.url, '/api/v1/halls/namba/live', { token: null })).body;
    expect(after.revision).toBe(whileFull + 1);
    expect(after.message?.text).toBe('space is back');
  });
});
