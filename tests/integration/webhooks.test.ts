import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult, LecternClientSocket } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { freePort } from '../support/net.js';
import { parseMetrics, sampleValue } from '../support/prometheus.js';
import { DIRECTOR_TOKEN, ROOT, startServer, tempDir, type TestServer } from '../support/server.js';
import { eventCounts } from '../support/webhooks.js';

// Webhooks against a real receiver: a node:http server on 127.0.0.1 in this test, answering per path.

const SECRET = 'whsec-test-0123456789';
const P1 = 'namba-2025-10-02-0940';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const hanging: ServerResponse[] = [];
let flakyCalls = 0;
let server: TestServer;
let chairToken: string;

/** What a path received, parsed. */
const deliveries = (path: string) =>
  received.filter((r) => r.path === path).map((r) => ({ ...r, json: JSON.parse(r.body) as Record<string, any> }));

function writeFile(name: string, text: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url!.split('?')[0]!;
      received.push({ path, headers: req.headers, body });
      if (path === '/hang') return void hanging.push(res);
      if (path === '/flaky' && ++flakyCalls <= 2) return void res.writeHead(500).end('not now');
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const downUrl = `http://127.0.0.1:${await freePort()}/down`;
  const hooks = writeFile(
    'webhooks.yaml',
    [
      `- url: ${receiverUrl}/ok?key=in-the-query`,
      '  events: [item.started, phase.changed, message, hall.held]',
      '  secretEnv: TEST_WEBHOOK_SECRET',
      `- url: ${receiverUrl}/flaky`,
      '  events: [item.started]',
      `- url: ${receiverUrl}/hang`,
      '  events: [item.started, phase.changed]',
      `- url: ${downUrl}`,
      '  events: [item.started]',
      '',
    ].join('\n'),
  );
  server = await startServer({ args: ['--webhooks', hooks], env: { TEST_WEBHOOK_SECRET: SECRET } });
  chairToken = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'Chair' } })).body.token;
});
afterAll(async () => {
  await server?.stop();
  hanging.forEach((res) => res.destroy());
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhooks', () => {
  it("a chair's command sends item.started and phase.changed, signed, without waiting for a receiver that never answers", async () => {
    const started = Date.now();
    const answer = await command(server.url, 'namba', { type: 'goto', itemId: P1 }, chairToken);
    const tookMs = Date.now() - started;
    expect(answer.status).toBe(200);
    // /hang holds its request open and /down refuses: the answer came anyway, quickly.
    expect(tookMs).toBeLessThan(1000);

    await expect
      .poll(() => deliveries('/ok').map((d) => d.json.event), { timeout: 5000 })
      .toEqual(['item.started', 'phase.changed']);
    const [item, phase] = deliveries('/ok');
    expect(item!.json).toEqual({
      event: 'item.started',
      hallId: 'namba',
      at: expect.any(Number),
      revision: answer.body.revision,
      data: expect.objectContaining({ item: expect.objectContaining({ id: P1 }), phase: 'talk' }),
    });
    expect(phase!.json).toMatchObject({ event: 'phase.changed', data: { from: 'idle', to: 'talk', itemId: P1 } });
    for (const delivery of [item!, phase!]) {
      const { headers, body } = delivery;
      expect(headers['content-type']).toBe('application/json');
      expect(headers['x-lectern-event']).toBe(delivery.json.event);
      expect(headers['x-lectern-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      const timestamp = String(headers['x-lectern-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(10_000);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
      expect(headers['x-lectern-signature']).toBe(expected);
    }
    expect(item!.headers['x-lectern-delivery']).not.toBe(phase!.headers['x-lectern-delivery']);
    // A receiver without a secret gets no signature.
    await expect.poll(() => deliveries('/hang').length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(deliveries('/hang')[0]!.headers['x-lectern-signature']).toBeUndefined();
  });

  it('a receiver that answers 500 twice gets the event on the third attempt, with the same delivery id', async () => {
    await expect.poll(() => deliveries('/flaky').length, { timeout: 10_000 }).toBe(3);
    const ids = new Set(deliveries('/flaky').map((d) => d.headers['x-lectern-delivery']));
    expect(ids.size).toBe(1);
    expect(deliveries('/flaky').every((d) => d.json.event === 'item.started')).toBe(true);
  });

  it('a message and a hold reach the receiver that asked for them', async () => {
    expect((await command(server.url, 'namba', { type: 'message', text: 'Mics off, please' }, chairToken)).status).toBe(200);
    expect((await command(server.url, 'namba', { type: 'hold' }, chairToken)).status).toBe(200);
    expect((await command(server.url, 'namba', { type: 'clearMessage' }, chairToken)).status).toBe(200);
    await expect
      .poll(() => deliveries('/ok').map((d) => d.json.event), { timeout: 5000 })
      .toEqual(['item.started', 'phase.changed', 'message', 'phase.changed', 'hall.held', 'message']);
    const events = deliveries('/ok');
    expect(events[2]!.json.data).toEqual({ message: expect.objectContaining({ text: 'Mics off, please' }) });
    expect(events[4]!.json.data).toEqual({ held: true, itemId: P1 });
    expect(events[5]!.json.data).toEqual({ message: null });
    // Revisions rise with each command, in the order sent.
    const revisions = events.map((d) => d.json.revision as number);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
  });

  it('directors see each receiver’s delivery state (no secret, no query string); chairs do not', async () => {
    await expect
      .poll(async () => (await api(server.url, '/api/v1/webhooks')).body.receivers[3]?.lastError, { timeout: 5000 })
      .toBe('ECONNREFUSED');
    const { status, body } = await api(server.url, '/api/v1/webhooks');
    expect(status).toBe(200);
    const text = JSON.stringify(body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('in-the-query');
    const [ok, flaky, hang, down] = body.receivers;
    expect(ok).toMatchObject({
      url: `${receiverUrl}/ok`,
      signed: true,
      delivered: 6,
      failed: 0,
      queued: 0,
      lastStatus: 204,
      lastError: null,
    });
    expect(ok.lastSuccessAt).toBeGreaterThan(Date.now() - 60_000);
    expect(flaky).toMatchObject({ url: `${receiverUrl}/flaky`, signed: false, delivered: 1, failed: 0, lastStatus: 204 });
    // /hang still holds the first delivery (the 5 s timeout, then retries); the two phase changes wait behind it.
    expect(hang).toMatchObject({ delivered: 0, queued: 3, lastSuccessAt: null });
    expect(down).toMatchObject({ delivered: 0, queued: 1, lastStatus: null, lastError: 'ECONNREFUSED' });
    expect((await api(server.url, '/api/v1/webhooks', { token: chairToken })).status).toBe(403);
    expect((await api(server.url, '/api/v1/webhooks', { token: null })).status).toBe(401);
  });

  it('/metrics counts deliveries by result and each queue’s length', async () => {
    const samples = parseMetrics(await (await fetch(`${server.url}/metrics`)).text());
    expect(sampleValue(samples, 'lectern_webhook_deliveries_total', { result: 'delivered' })).toBe(7);
    expect(sampleValue(samples, 'lectern_webhook_deliveries_total', { result: 'failed' })).toBe(0);
    expect(sampleValue(samples, 'lectern_webhook_deliveries_total', { result: 'dropped' })).toBe(0);
    expect(sampleValue(samples, 'lectern_webhook_queue_length', { url: `${receiverUrl}/hang` })).toBe(3);
    expect(sampleValue(samples, 'lectern_webhook_queue_length', { url: `${receiverUrl}/ok` })).toBe(0);
  });

  it('overtime: sent once when the running talk passes its end (a rehearsal clock at 1000×)', async () => {
    const hooks = writeFile('overtime.yaml', `- url: ${receiverUrl}/overtime\n  events: [overtime]\n`);
    const fast = await startServer({ args: ['--webhooks', hooks, '--clock', '2025-10-02T09:40', '--clock-rate', '1000'] });
    try {
      expect((await command(fast.url, 'namba', { type: 'goto', itemId: P1 })).status).toBe(200);
      await expect.poll(() => deliveries('/overtime').length, { timeout: 10_000 }).toBe(1);
      const [over] = deliveries('/overtime');
      expect(over!.json).toMatchObject({ event: 'overtime', hallId: 'namba', data: { itemId: P1, kind: 'talk' } });
      expect(over!.json.data.overByMs).toBeGreaterThanOrEqual(0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(deliveries('/overtime')).toHaveLength(1);
    } finally {
      await fast.stop();
    }
  });

  it('--webhooks with mistakes: exit 1, each named by its path; a secret that is not set: exit 1', () => {
    const run = (file: string, env: Record<string, string> = {}) =>
      spawnSync(
        process.execPath,
        [join(ROOT, 'dist/server/cli.js'), 'serve', '--port', '0', '--data', tempDir(), '--webhooks', file],
        {
          env: { ...process.env, ...env },
          encoding: 'utf8',
          timeout: 20_000,
        },
      );
    const bad = run(
      writeFile('bad.yaml', '- url: ftp://nope\n  events: [item.started]\n- url: https://x.example/h\n  events: [lunch]\n'),
    );
    expect(bad.status).toBe(1);
    // The --webhooks file is the config's webhooks section: problems by key path, the file and its line.
    expect(bad.stderr).toMatch(/webhooks\[0\]\.url \(--webhooks \S+bad\.yaml line 1\)/);
    expect(bad.stderr).toMatch(/webhooks\[1\]\.events\[0\] \(--webhooks \S+bad\.yaml line 4\)/);
    const unset = run(
      writeFile('unset.yaml', '- url: https://x.example/h\n  events: [message]\n  secretEnv: NOT_SET_ANYWHERE\n'),
    );
    expect(unset.status).toBe(1);
    expect(unset.stderr).toContain('[0].secretEnv: environment variable NOT_SET_ANYWHERE is not set');
  });
});

/** A director socket (websocket transport) and the worker of `--workers N` it landed on. */
async function workerSocket(url: string): Promise<{ socket: LecternClientSocket; worker: string }> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: DIRECTOR_TOKEN } });
  const ws = (socket.io.engine as unknown as { transport: { ws: WebSocket } }).transport.ws;
  const worker = new Promise<string>((resolve) => ws.once('upgrade', (res) => resolve(String(res.headers['x-lectern-worker']))));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket: socket as LecternClientSocket, worker: await worker };
}

describe('webhooks with --workers 2', () => {
  it('each event is sent once: by the worker that applied the command; overtime by worker 1 alone', async () => {
    const hooks = writeFile(
      'workers.yaml',
      `- url: ${receiverUrl}/workers\n  events: [item.started, phase.changed, message, hall.held, overtime]\n`,
    );
    const cluster = await startServer({
      args: ['--workers', '2', '--webhooks', hooks, '--clock', '2025-10-02T09:40', '--clock-rate', '1000'],
    });
    const sockets: LecternClientSocket[] = [];
    try {
      const byWorker = new Map<string, LecternClientSocket>();
      for (let i = 0; i < 20 && byWorker.size < 2; i++) {
        const next = await workerSocket(cluster.url);
        sockets.push(next.socket);
        if (!byWorker.has(next.worker)) byWorker.set(next.worker, next.socket);
      }
      const [a, b] = [...byWorker.values()];
      expect(b, 'a socket on each worker').toBeDefined();
      const send = async (socket: LecternClientSocket, body: Record<string, unknown>) => {
        const answer: CommandResult = await socket.emitWithAck('hall:command', { hallId: 'namba', ...body } as never);
        expect(answer.ok).toBe(true);
      };
      await send(a!, { type: 'goto', itemId: P1 });
      await send(b!, { type: 'message', text: 'from the other worker' });
      await send(a!, { type: 'hold' });
      await send(b!, { type: 'release' });
      // At 1000× the 40-minute talk runs over within seconds of real time.
      await expect
        .poll(() => deliveries('/workers').filter((d) => d.json.event === 'overtime').length, { timeout: 15_000 })
        .toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(eventCounts(deliveries('/workers').map((d) => String(d.json.event)))).toEqual({
        'item.started': 1,
        'phase.changed': 3,
        message: 1,
        'hall.held': 2,
        overtime: 1,
      });
      expect(new Set(deliveries('/workers').map((d) => d.headers['x-lectern-delivery'])).size).toBe(8);
    } finally {
      sockets.forEach((socket) => socket.close());
      await cluster.stop();
    }
  });
});
