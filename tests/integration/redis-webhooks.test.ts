import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookStatusList } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startNode, startRedis, type TestRedis } from '../support/redis.js';
import { tempDir, type TestServer } from '../support/server.js';
import { eventCounts } from '../support/webhooks.js';

// Two Lectern nodes on one real redis-server, both with the same webhooks: each event reaches the receiver once.

const P1 = 'namba-2025-10-02-0940';
let redis: TestRedis;
let receiver: Server;
const events: { event: string; delivery: string }[] = [];
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      events.push({ event: (JSON.parse(body) as { event: string }).event, delivery: String(req.headers['x-lectern-delivery']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const hooks = join(tempDir(), 'webhooks.yaml');
  writeFileSync(hooks, `- url: ${url}\n  events: [item.started, phase.changed, message, hall.held, overtime]\n`);
  redis = await startRedis();
  // Both nodes run the rehearsal clock at 1000×, so the 40-minute talk runs over within seconds.
  const clock = ['--clock', '2025-10-02T09:40', '--clock-rate', '1000'];
  a = await startNode(redis, { args: ['--webhooks', hooks, ...clock] });
  b = await startNode(redis, { args: ['--webhooks', hooks, ...clock] });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhooks on nodes on Redis', () => {
  it("each command's events are sent by the node that applied it; overtime by the node that claimed it in Redis", async () => {
    expect((await command(a.url, 'namba', { type: 'goto', itemId: P1 })).status).toBe(200);
    expect((await command(b.url, 'namba', { type: 'message', text: 'from node b' })).status).toBe(200);
    expect((await command(a.url, 'namba', { type: 'hold' })).status).toBe(200);
    expect((await command(b.url, 'namba', { type: 'release' })).status).toBe(200);
    await expect.poll(() => events.filter((e) => e.event === 'overtime').length, { timeout: 15_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(eventCounts(events.map((e) => e.event))).toEqual({
      'item.started': 1,
      'phase.changed': 3,
      message: 1,
      'hall.held': 2,
      overtime: 1,
    });
    expect(new Set(events.map((e) => e.delivery)).size).toBe(events.length);
    // The director's view of the receiver is every node's deliveries, whichever node it asks.
    for (const node of [a, b]) {
      const status = await api<WebhookStatusList>(node.url, '/api/v1/webhooks');
      expect(status.body.receivers).toHaveLength(1);
      expect(status.body.receivers[0]).toMatchObject({ delivered: events.length, failed: 0, queued: 0, lastStatus: 204 });
    }
  });
});
