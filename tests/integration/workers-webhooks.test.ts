import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookStatusList } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startServer, tempDir, type TestServer } from '../support/server.js';

// `--workers 2` with a webhook: each worker sends the events of the commands it applied, and the director's view
// of the receiver (GET /api/v1/webhooks) is both workers' deliveries, whichever worker answers it.

let receiver: Server;
let received = 0;
let server: TestServer;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hooks = join(tempDir(), 'webhooks.yaml');
  writeFileSync(hooks, `- url: http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook\n  events: [message]\n`);
  server = await startServer({ args: ['--workers', '2', '--webhooks', hooks] });
});
afterAll(async () => {
  await server?.stop();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhooks with --workers 2', () => {
  it("GET /api/v1/webhooks counts every worker's deliveries", async () => {
    // Messages until both workers have applied some (the kernel deals the connections).
    const byWorker = new Map<string, number>();
    let sent = 0;
    while (sent < 200 && (byWorker.size < 2 || sent < 10)) {
      const answer = await command(server.url, 'namba', { type: 'message', text: `message ${sent}` });
      expect(answer.status).toBe(200);
      const worker = answer.headers.get('x-lectern-worker')!;
      byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
      sent++;
    }
    expect(byWorker.size).toBe(2);
    await expect.poll(() => received, { timeout: 10_000 }).toBe(sent);
    const answeredBy = new Set<string>();
    for (let i = 0; i < 40 && answeredBy.size < 2; i++) {
      const status = await api<WebhookStatusList>(server.url, '/api/v1/webhooks');
      answeredBy.add(status.headers.get('x-lectern-worker')!);
      expect(status.body.receivers).toHaveLength(1);
      expect(status.body.receivers[0]).toMatchObject({ delivered: sent, failed: 0, queued: 0, lastStatus: 204 });
    }
    expect(answeredBy.size).toBe(2);
  });
});
