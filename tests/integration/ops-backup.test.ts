import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, command } from '../support/http.js';
import type { CommandLogPage, LoggedCommand } from '../../shared/index.js';
import { startChairBurst } from '../support/burst.js';
import { ROOT, startServer, tempDir, type TestServer } from '../support/server.js';

// `lectern backup` of a running server mid-burst, `lectern restore` into a new folder, and a server started from
// it: every hall resumes at the revision the backup holds, with the same log, program and tokens.

const HALLS = ['namba', 'nakamozu'] as const;

function lectern(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A hall's whole log, read with the run's own director token. */
async function fullLog(base: string, hallId: string, token: string): Promise<LoggedCommand[]> {
  const entries: LoggedCommand[] = [];
  for (let after = 0; ;) {
    const page = await api<CommandLogPage>(base, `/api/v1/halls/${hallId}/log?after=${after}&limit=200`, { token });
    expect(page.status).toBe(200);
    entries.push(...page.body.entries);
    if (page.body.entries.length < 200 || page.body.lastSeq === null) return entries;
    after = page.body.lastSeq;
  }
}

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe('lectern backup and restore', () => {
  it('a backup taken mid-burst restores into a new folder; the server resumes every hall with its tokens', async () => {
    // A generated director token (stdout is no terminal: written to DATA/director-token).
    const original = await startServer({ env: { LECTERN_DIRECTOR_TOKEN: '' } });
    servers.push(original);
    const tokenFile = join(original.dataDir, 'director-token');
    await expect.poll(() => existsSync(tokenFile)).toBe(true);
    const director = readFileSync(tokenFile, 'utf8').trim();
    expect(director).toMatch(/^lct_d_/);

    const chairs = [];
    for (const hallId of HALLS) {
      const minted = await api(original.url, '/api/v1/tokens', { body: { hallId, label: `chair ${hallId}` }, token: director });
      expect(minted.status).toBe(201);
      chairs.push({ name: `chair-${hallId}`, hallId, token: minted.body.token as string });
      expect((await command(original.url, hallId, { type: 'next' }, minted.body.token)).status).toBe(200);
    }
    const revoked = await api(original.url, '/api/v1/tokens', {
      body: { hallId: 'namba', label: 'lost tablet' },
      token: director,
    });
    expect((await api(original.url, `/api/v1/tokens/${revoked.body.id}`, { method: 'DELETE', token: director })).status).toBe(
      204,
    );

    const burst = startChairBurst(() => original.url, chairs, 5);
    await expect.poll(() => burst.result.acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(20);
    const out = join(tempDir('lectern-backup-'), 'event.sqlite');
    const backup = lectern('backup', '--data', original.dataDir, '--out', out);
    const acknowledgedAtBackup = burst.result.acknowledged.length;
    await expect.poll(() => burst.result.acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(acknowledgedAtBackup + 5);
    await burst.stop();
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toBe('');
    expect(backup.stderr).toMatch(/Backed up .* to .*event\.sqlite \(\d+ bytes\): program revision \d+, \d+ logged commands/);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    // The backup's revisions, as it reports them: each hall somewhere in the burst, behind the running server.
    const backedUp = new Map<string, number>();
    for (const match of backup.stderr.matchAll(/(\w+) at revision (\d+)/g)) backedUp.set(match[1]!, Number(match[2]));
    expect([...backedUp.keys()].sort()).toEqual([...HALLS].sort());
    const originalLogs = new Map<string, LoggedCommand[]>();
    for (const hallId of HALLS) {
      const log = await fullLog(original.url, hallId, director);
      originalLogs.set(hallId, log);
      expect(backedUp.get(hallId)!).toBeGreaterThan(1);
      expect(backedUp.get(hallId)!).toBeLessThan(log.length);
    }
    const program = (await api(original.url, '/api/v1/program', { token: null })).body;

    // Restore into a new folder (made 0700, the database 0600).
    const restoredDir = join(tempDir('lectern-restore-'), 'data');
    const restore = lectern('restore', out, '--data', restoredDir);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toContain(`Restored ${out} into ${restoredDir}`);
    expect(statSync(restoredDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(restoredDir, 'lectern.sqlite')).mode & 0o777).toBe(0o600);

    const restored = await startServer({ dataDir: restoredDir, env: { LECTERN_DIRECTOR_TOKEN: '' } });
    servers.push(restored);
    // The director token came with the data (no new one generated), and the chairs' tokens too; the revoked stays so.
    expect(restored.output()).not.toMatch(/director token was generated/);
    expect(existsSync(join(restoredDir, 'director-token'))).toBe(false);
    expect((await api(restored.url, '/api/v1/auth/me', { token: director })).body).toMatchObject({ role: 'director' });
    expect((await api(restored.url, '/api/v1/auth/me', { token: revoked.body.token })).status).toBe(401);
    expect((await api(restored.url, '/api/v1/program', { token: null })).body).toEqual(program);

    for (const chair of chairs) {
      const at = backedUp.get(chair.hallId)!;
      const live = (await api(restored.url, `/api/v1/halls/${chair.hallId}/live`, { token: null })).body;
      expect(live.revision).toBe(at);
      // The restored log is the original's first `at` entries, exactly.
      const log = await fullLog(restored.url, chair.hallId, director);
      const strip = (entries: typeof log) => entries.map(({ revision, command: c, actor }) => ({ revision, c, actor }));
      expect(strip(log)).toEqual(strip(originalLogs.get(chair.hallId)!.slice(0, at)));
      const last = log.at(-1)!.command;
      expect(live.message?.text).toBe(last.type === 'message' ? last.text : undefined);
      // The hall resumes: the chair's token commands it, on the restored revision.
      const resumed = await command(
        restored.url,
        chair.hallId,
        { type: 'message', text: 'resumed', expectRevision: at },
        chair.token,
      );
      expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
      expect(resumed.body.revision).toBe(at + 1);
    }
  });

  it('restore refuses a folder that is not empty unless --force, and a file that is not a backup', async () => {
    const server = await startServer();
    servers.push(server);
    expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
    const out = join(tempDir('lectern-backup-'), 'b.sqlite');
    expect(lectern('backup', '--data', server.dataDir, '--out', out).code).toBe(0);

    const busy = tempDir('lectern-busy-');
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    const refused = lectern('restore', out, '--data', busy);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty \(notes\.txt\): pass --force/);
    expect(existsSync(join(busy, 'lectern.sqlite'))).toBe(false);
    const forced = lectern('restore', out, '--data', busy, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(existsSync(join(busy, 'lectern.sqlite'))).toBe(true);

    const junk = join(tempDir('lectern-junk-'), 'junk.sqlite');
    writeFileSync(junk, 'not a database at all');
    const bad = lectern('restore', junk, '--data', join(tempDir('lectern-empty-'), 'd'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/junk\.sqlite/);
    const missingData = lectern('backup', '--data', tempDir('lectern-none-'), '--out', join(tempDir(), 'x.sqlite'));
    expect(missingData.code).toBe(1);
    expect(missingData.stderr).toMatch(/no Lectern data in/);
  });
});
