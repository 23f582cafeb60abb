import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, ROOT, startServer, tempDir, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

// Who may do what (docs/guarantees.md, "Who may do what"): screens read, a chair runs one hall, a revoked token
// stops at once, and no token is readable in the data folder, the server's output, the pages or public answers.

let server: TestServer;
let chair: { id: string; token: string };
let other: { id: string; token: string };
const sockets: LecternClientSocket[] = [];

async function client(token?: string) {
  const socket = await connect(server.url, token);
  sockets.push(socket);
  return socket;
}
async function revisionOf(hallId: string): Promise<number> {
  return (await api(server.url, `/api/v1/halls/${hallId}/live`, { token: null })).body.revision;
}
function socketCommand(socket: LecternClientSocket, payload: Record<string, unknown>) {
  return socket.timeout(5000).emitWithAck('hall:command', payload as never) as Promise<{ ok: boolean; error?: string }>;
}

beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  chair = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'Namba chair' } })).body;
  other = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'nakamozu', label: 'Nakamozu chair' } })).body;
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.stop();
});

describe('screens are read-only', () => {
  it('a socket without a token cannot send a command: refused, the hall unchanged', async () => {
    const screen = await client();
    const before = await revisionOf('namba');
    const answer = await socketCommand(screen, { hallId: 'namba', type: 'next' });
    expect(answer.ok).toBe(false);
    expect(answer.error).toBe('unauthorized');
    expect(await revisionOf('namba')).toBe(before);
  });

  it('an HTTP command without a token is 401 and changes nothing', async () => {
    const before = await revisionOf('namba');
    const { status, body } = await command(server.url, 'namba', { type: 'next' }, null);
    expect(status).toBe(401);
    expect(body.error).toBe('unauthorized');
    expect(await revisionOf('namba')).toBe(before);
  });
});

describe('a chair token runs its own hall only', () => {
  it('runs its hall over HTTP and over its socket', async () => {
    expect((await command(server.url, 'namba', { type: 'next' }, chair.token)).status).toBe(200);
    const socket = await client(chair.token);
    expect((await socketCommand(socket, { hallId: 'namba', type: 'message', text: 'Welcome' })).ok).toBe(true);
  });

  it('another hall over HTTP: 403, unchanged', async () => {
    const before = await revisionOf('nakamozu');
    const { status, body } = await command(server.url, 'nakamozu', { type: 'next' }, chair.token);
    expect(status).toBe(403);
    expect(body.error).toBe('forbidden');
    expect(await revisionOf('nakamozu')).toBe(before);
  });

  it('another hall over the socket: refused, unchanged', async () => {
    const socket = await client(chair.token);
    const before = await revisionOf('nakamozu');
    const answer = await socketCommand(socket, { hallId: 'nakamozu', type: 'next' });
    expect(answer).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await revisionOf('nakamozu')).toBe(before);
  });

  it('cannot reset its own hall, mint tokens or read the log', async () => {
    expect((await command(server.url, 'namba', { type: 'reset' }, chair.token)).status).toBe(403);
    expect((await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba' }, token: chair.token })).status).toBe(403);
    expect((await api(server.url, '/api/v1/tokens', { token: chair.token })).status).toBe(403);
    expect((await api(server.url, '/api/v1/halls/namba/log', { token: chair.token })).status).toBe(403);
    expect((await api(server.url, '/api/v1/message', { body: { text: 'x' }, token: chair.token })).status).toBe(403);
  });
});

describe('a revoked token stops at once', () => {
  it('HTTP is 401 right after the DELETE, and its connected socket is cut and refused at reconnect', async () => {
    const socket = await client(other.token);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    expect((await api(server.url, `/api/v1/tokens/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    const before = await revisionOf('nakamozu');
    expect((await command(server.url, 'nakamozu', { type: 'next' }, other.token)).status).toBe(401);
    expect(await cut).toBe('io server disconnect');
    await expect(connect(server.url, other.token)).rejects.toThrow(/unauthorized/);
    expect(await revisionOf('nakamozu')).toBe(before);
  });
});

describe('tokens are secrets', () => {
  const secrets = () => [DIRECTOR_TOKEN, chair.token, other.token];

  it('no token appears in clear anywhere in the SQLite file, its WAL or any table', () => {
    for (const name of readdirSync(server.dataDir)) {
      const bytes = readFileSync(join(server.dataDir, name)).toString('latin1');
      for (const secret of secrets()) expect(bytes.includes(secret), `${secret} in ${name}`).toBe(false);
    }
    const db = new Database(join(server.dataDir, 'lectern.sqlite'), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      expect(tables.length).toBeGreaterThan(0);
      let dumps = '';
      for (const { name } of tables) {
        const dump = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all());
        for (const secret of secrets()) expect(dump.includes(secret), `${secret} in table ${name}`).toBe(false);
        dumps += dump;
      }
      // What is kept instead: the SHA-256 of each token (so the check above looked where tokens live).
      for (const secret of secrets()) expect(dumps).toContain(createHash('sha256').update(secret).digest('hex'));
    } finally {
      db.close();
    }
  });

  it('no token in the public answers or the token list', async () => {
    for (const path of ['/healthz', '/api/v1/halls', '/api/v1/program', '/api/v1/halls/namba/live', '/api/v1/displays']) {
      const text = JSON.stringify((await api(server.url, path, { token: null })).body);
      for (const secret of secrets()) expect(text.includes(secret), path).toBe(false);
    }
    const list = JSON.stringify((await api(server.url, '/api/v1/tokens')).body);
    for (const secret of secrets()) expect(list.includes(secret)).toBe(false);
  });

  it('no token in the built pages and bundles', () => {
    const web = join(ROOT, 'dist/web');
    expect(existsSync(web)).toBe(true);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk(web)) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of [...secrets(), 'test-director-token']) expect(text.includes(secret), file).toBe(false);
    }
  });

  it('no token in what the server printed (the director token came from the environment: nothing to print)', () => {
    expect(server.output()).toMatch(/listening on/);
    for (const secret of secrets()) expect(server.output().includes(secret)).toBe(false);
  });
});

describe('the data folder is private', () => {
  function expectPrivate(dataDir: string) {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toContain('lectern.sqlite');
    for (const name of files) expect(statSync(join(dataDir, name)).mode & 0o777, name).toBe(0o600);
  }

  it('a folder the server creates is 0700, lectern.sqlite with its -wal and -shm 0600', async () => {
    const dataDir = join(tempDir(), 'data');
    const fresh = await startServer({ dataDir });
    try {
      expect((await command(fresh.url, 'namba', { type: 'next' })).status).toBe(200);
      expectPrivate(dataDir);
    } finally {
      await fresh.stop();
    }
  });

  it('a data folder an older version left 0755 with a 0644 file is tightened at start', async () => {
    const dataDir = join(tempDir(), 'data');
    const first = await startServer({ dataDir });
    await first.stop();
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    const again = await startServer({ dataDir });
    try {
      expectPrivate(dataDir);
    } finally {
      await again.stop();
    }
  });
});
