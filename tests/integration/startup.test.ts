import { readFileSync, statSync } from 'node:fs';
import { connect as connectTcp, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../support/http.js';
import { ROOT, startServer, tempDir, type TestServer } from '../support/server.js';

// Without LECTERN_DIRECTOR_TOKEN, as on a fresh machine.
const FRESH = { LECTERN_DIRECTOR_TOKEN: '' };
const GENERATED = /A director token was generated[^\n]*\n\s+(lct_d_\S+)/;

const running: TestServer[] = [];
/** A started server, once it has printed everything it prints at start (the screens' links come last). */
async function serve(options: Parameters<typeof startServer>[0]) {
  const server = await startServer(options);
  running.push(server);
  await expect.poll(() => server.output()).toMatch(/Screens \(no token needed\):[\s\S]*overlay \S+\n$/);
  return server;
}

/** The generated director token a start without a terminal wrote to DATA/director-token. */
function tokenFile(server: TestServer): { token: string; mode: number } {
  const file = join(server.dataDir, 'director-token');
  return { token: readFileSync(file, 'utf8').trim(), mode: statSync(file).mode & 0o777 };
}

/** What the server logged, as JSON records (every line of a start without a terminal is one). */
function records(server: TestServer): { msg: string; level: number; [field: string]: unknown }[] {
  return server
    .output()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg: string; level: number });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

/** A port something else already listens on. */
async function takenPort(): Promise<{ port: number; blocker: Server }> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  return { port: typeof address === 'object' && address ? address.port : 0, blocker };
}

describe('the director token on a fresh machine', () => {
  it('on a terminal: is generated, printed once with the console and chair links, and works; a restart prints none', async () => {
    const first = await serve({ env: FRESH, terminal: true });
    const token = GENERATED.exec(first.output())?.[1];
    expect(token).toBeDefined();
    expect(first.output()).toContain(`Director console: ${first.url}/control/director#token=${token}`);
    expect(first.output()).toContain(`${first.url}/control/hall/namba#token=${token}`);
    expect((await api(first.url, '/api/v1/auth/me', { token })).body).toMatchObject({ role: 'director' });
    await first.stop();

    const again = await serve({ env: FRESH, dataDir: first.dataDir, terminal: true });
    expect(again.output()).not.toMatch(/director token was generated|lct_d_/);
    expect((await api(again.url, '/api/v1/auth/me', { token })).status).toBe(200);
  });

  it('without a terminal: JSON log lines; the token goes to DATA/director-token (0600) and the log says where, never the token', async () => {
    const first = await serve({ env: FRESH });
    const { token, mode } = tokenFile(first);
    expect(token).toMatch(/^lct_d_/);
    expect(mode).toBe(0o600);
    expect((await api(first.url, '/api/v1/auth/me', { token })).body).toMatchObject({ role: 'director' });
    const said = records(first).find((line) => line.msg.startsWith('A director token was generated'));
    expect(said).toMatchObject({ file: join(first.dataDir, 'director-token'), level: 40 });
    expect(first.output()).not.toContain(token);
    expect(records(first)[0]).toMatchObject({ url: first.url, level: 30 });
  });

  it('a first start that fails (its port is taken) does not keep a token nobody saw: the next start prints one', async () => {
    const dataDir = tempDir();
    const { port, blocker } = await takenPort();
    try {
      await expect(startServer({ env: FRESH, dataDir, port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
    const next = await serve({ env: FRESH, dataDir, terminal: true });
    const token = GENERATED.exec(next.output())?.[1];
    expect(token).toBeDefined();
    expect((await api(next.url, '/api/v1/auth/me', { token })).status).toBe(200);
  });
});

describe('--public-url', () => {
  it('makes the printed links and the minted chair links; without it, links use the origin of the request', async () => {
    const server = await serve({ env: FRESH, terminal: true, args: ['--public-url', 'https://lectern.example.org/'] });
    const token = GENERATED.exec(server.output())?.[1];
    expect(server.output()).toContain(`Director console: https://lectern.example.org/control/director#token=${token}`);
    expect(server.output()).toContain('https://lectern.example.org/display/hall/namba');
    const minted = await api(server.url, '/api/v1/tokens', { body: { hallId: 'nakamozu' }, token });
    expect(minted.body.url).toBe(`https://lectern.example.org/control/hall/nakamozu#token=${minted.body.token}`);

    const plain = await serve({});
    const local = await api(plain.url, '/api/v1/tokens', { body: { hallId: 'nakamozu' } });
    expect(local.body.url).toBe(`${plain.url}/control/hall/nakamozu#token=${local.body.token}`);
  });
});

describe('--program with a file that names no zone', () => {
  it('says which zone it read the file in, and why, with what the import decided', async () => {
    const file = join(ROOT, 'tests/fixtures/program-ja.csv');
    const server = await serve({ args: ['--program', file], env: { TZ: 'Asia/Tokyo' } });
    expect(server.output()).toContain(`Program from ${file} (csv): zone Asia/Tokyo (this machine's zone`);
    expect(server.output()).toContain('event.title: the file names no event title');
    expect(server.output()).toContain(`lectern import ${file} --zone IANA --out program.json`);
  });
});

describe('a server on a fresh data folder with another program', () => {
  it('never answers 304 to a client that cached the program of another one (both are at revision 1)', async () => {
    const demo = await serve({});
    const frab = await serve({ args: ['--program', join(ROOT, 'tests/fixtures/frab-31c3-schedule.xml')] });
    for (const path of ['/api/v1/program', '/api/v1/export/program.ics', '/api/v1/export/frab.xml']) {
      const cached = await fetch(`${demo.url}${path}`);
      const etag = cached.headers.get('etag')!;
      expect((await fetch(`${demo.url}${path}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
      expect((await fetch(`${frab.url}${path}`, { headers: { 'if-none-match': etag } })).status).toBe(200);
    }
  });
});

describe('the rehearsal clock', () => {
  it('prints server time in the event zone, and warns when --clock turns time back before commands already made', async () => {
    const first = await serve({ args: ['--clock', '2025-10-02T10:00'] });
    expect(first.output()).toMatch(/Rehearsal clock: server time is Thu 2 Oct 2025 10:00:\d\d GMT\+9/);
    expect((await api(first.url, '/api/v1/halls/namba/commands', { body: { type: 'next' } })).status).toBe(200);
    await first.stop();
    const again = await serve({ dataDir: first.dataDir, args: ['--clock', '2025-10-02T09:30'] });
    expect(again.output()).toMatch(
      /Warning: --clock 2025-10-02T09:30 is earlier than the last command on this data \(Thu 2 Oct 10:00:\d\d\)/,
    );
    await again.stop();
    const resumed = await serve({ dataDir: first.dataDir });
    expect(resumed.output()).not.toMatch(/Warning/);
  });
});

describe('stopping', () => {
  it('SIGTERM stops promptly although a client keeps a request half sent (it would hold the HTTP server open)', async () => {
    const server = await serve({});
    const { port } = new URL(server.url);
    const stuck = connectTcp(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => stuck.once('connect', () => resolve()));
    stuck.on('error', () => undefined);
    // The request line and a header, never the blank line that ends the headers.
    stuck.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await server.stop('SIGTERM');
    stuck.destroy();
    // Behaviour, not speed: well before Node's 60 s header timeout would have freed it.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(server.output()).toContain('SIGTERM: stopping Lectern');
  });
});
