import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { CommandResult, HallSnapshot, LecternClientSocket, MintedToken, WatchResult } from '../../shared/index.js';
import { freePort } from '../support/net.js';
import { NGINX, startNginxSite, type TestNginx } from '../support/nginx.js';
import { DIRECTOR_TOKEN, ROOT, startServer, tempDir, type TestServer } from '../support/server.js';
import { nextSnapshot } from '../support/socket.js';

// docs/deploy/nginx-lectern.conf itself, with TLS (a self-signed certificate made here), in front of a real Lectern.
const SAMPLE = join(ROOT, 'docs/deploy/nginx-lectern.conf');
const OPENSSL = '/usr/bin/openssl';
/** The test's clients connect from this loopback address; nginx reaches Lectern from 127.0.0.1. */
const CLIENT = '127.0.0.2';

const missing = [NGINX, OPENSSL].filter((tool) => !existsSync(tool));
const skipReason = missing.length ? `needs ${missing.join(' and ')} (Debian: apt-get install nginx openssl)` : '';

let server: TestServer;
let nginx: TestNginx;
let ca: string;
let ports: { http: number; https: number; lectern: number };

/**
 * The sample as a venue box would run it, with only its machine-specific lines changed: the ports (80, 443,
 * Lectern's 8080) and the certificate's paths. Each must be found exactly once, so the sample cannot drift away
 * from what is tested.
 */
function sampleFor(ports: { http: number; https: number; lectern: number }, cert: string, key: string): string {
  let text = readFileSync(SAMPLE, 'utf8');
  const swap = (from: string, to: string) => {
    expect(text.split(from).length - 1, `"${from}" once in ${SAMPLE}`).toBe(1);
    text = text.replace(from, to);
  };
  swap('listen 80;', `listen 127.0.0.1:${ports.http};`);
  swap('listen 443 ssl;', `listen 127.0.0.1:${ports.https} ssl;`);
  swap('proxy_pass http://127.0.0.1:8080;', `proxy_pass http://127.0.0.1:${ports.lectern};`);
  swap('/etc/ssl/lectern/fullchain.pem;', `${cert};`);
  swap('/etc/ssl/lectern/privkey.pem;', `${key};`);
  return text;
}

/** An HTTPS request through nginx from CLIENT, trusting only the test's certificate. */
function https<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: T }>((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      `${nginx.url}${path}`,
      {
        method: init.method ?? (body ? 'POST' : 'GET'),
        ca,
        localAddress: CLIENT,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T }),
        );
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** A socket.io client through nginx over TLS, websocket only (no polling to fall back on). */
async function connectTls(token?: string): Promise<LecternClientSocket> {
  const socket = io(nginx.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ca,
    localAddress: CLIENT,
    ...(token ? { auth: { token } } : {}),
  } as Parameters<typeof io>[1]) as LecternClientSocket;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** The server's JSON log lines. */
function records(): { msg: string; [field: string]: unknown }[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string });
}

beforeAll(async () => {
  if (skipReason) return;
  const dir = tempDir('lectern-deploy-');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  // node:crypto makes keys but not X.509 certificates: openssl does both, valid for a day.
  execFileSync(OPENSSL, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '1', '-keyout', key, '-out', cert,
  ], { stdio: 'pipe' }); // prettier-ignore
  ca = readFileSync(cert, 'utf8');
  server = await startServer({ args: ['--clock', '2025-10-02T09:35:00+09:00'] });
  ports = { http: await freePort(), https: await freePort(), lectern: server.port };
  nginx = await startNginxSite(dir, sampleFor(ports, cert, key), ports.https);
}, 60_000);
afterAll(async () => {
  await nginx?.stop();
  await server?.stop();
});

function skipWithout(context: TestContext) {
  if (skipReason) context.skip(skipReason);
}

describe('Lectern behind the sample nginx config, over TLS', () => {
  let chairToken: string;

  it('mints a chair link through nginx: https, with the port the browser used (X-Forwarded-Proto, Host)', async (context) => {
    skipWithout(context);
    const minted = await https<MintedToken>('/api/v1/tokens', {
      body: { hallId: 'namba', label: 'Chair at the door' },
      token: DIRECTOR_TOKEN,
    });
    expect(minted.status).toBe(201);
    expect(minted.body.url.startsWith(`https://127.0.0.1:${nginx.port}/control/hall/namba#token=`)).toBe(true);
    chairToken = minted.body.token;
  });

  it("a screen through nginx on a websocket gets hall:changed after a chair's HTTPS command", async (context) => {
    skipWithout(context);
    const screen = await connectTls();
    try {
      // The transport is a websocket from the start: nginx passed the upgrade on.
      expect(screen.io.engine.transport.name).toBe('websocket');
      const watched = await screen.emitWithAck('hall:watch', { hallId: 'namba' });
      expect(watched.ok).toBe(true);
      const before = (watched as Extract<WatchResult, { ok: true }>).snapshot.revision;
      const changed = nextSnapshot(screen, (s: HallSnapshot) => s.revision > before);
      const answer = await https<{ revision: number }>('/api/v1/halls/namba/commands', {
        body: { type: 'next' },
        token: chairToken,
      });
      expect(answer.status).toBe(200);
      expect((await changed).revision).toBe(answer.body.revision);
    } finally {
      screen.close();
    }
  });

  it("a chair's command on the websocket through nginx is applied", async (context) => {
    skipWithout(context);
    const chair = await connectTls(chairToken);
    try {
      expect(chair.io.engine.transport.name).toBe('websocket');
      const result: CommandResult = await chair.emitWithAck('hall:command', { hallId: 'namba', type: 'previous' });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    } finally {
      chair.close();
    }
  });

  it("the client's address (X-Forwarded-For from nginx, trusted on loopback) is in the commands' log lines", async (context) => {
    skipWithout(context);
    await expect.poll(() => records().filter((r) => r.msg.startsWith('command ')).length).toBe(2);
    const commands = records().filter((r) => r.msg.startsWith('command '));
    expect(commands.map((r) => [r.msg, r.actor, r.client])).toEqual([
      ['command next in namba', 'Chair at the door', CLIENT],
      ['command previous in namba', 'Chair at the door', CLIENT],
    ]);
  });

  it('plain HTTP is sent to HTTPS', async (context) => {
    skipWithout(context);
    const answer = await fetch(`http://127.0.0.1:${ports.http}/display/namba?x=1`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    // On a real box that is port 443, so $host (without a port) is right.
    expect(answer.headers.get('location')).toBe('https://127.0.0.1/display/namba?x=1');
  });
});
