import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookStatusList } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { startServer, tempDir, type TestServer } from '../support/server.js';

// `--workers 2`: the workers share one port, so a request reaches either. What adds up over the workers must be
// the same from both: the webhook deliveries (each worker sends the events of the commands it applied) and the
// Prometheus metrics.

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

/** Messages until both workers have applied some (the kernel deals the connections); answers how many. */
async function messagesOnBothWorkers(): Promise<number> {
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
  return sent;
}

/** Asks until both workers have answered (at most 40 times); `ask` checks each answer. */
async function fromBothWorkers(ask: () => Promise<{ headers: Headers }>): Promise<void> {
  const answeredBy = new Set<string>();
  for (let i = 0; i < 40 && answeredBy.size < 2; i++) answeredBy.add((await ask()).headers.get('x-lectern-worker')!);
  expect(answeredBy.size).toBe(2);
}

let sentSoFar = 0;

describe('--workers 2: totals over both workers', () => {
  it("GET /api/v1/webhooks counts every worker's deliveries", async () => {
    const sent = await messagesOnBothWorkers();
    sentSoFar += sent;
    await expect.poll(() => received, { timeout: 10_000 }).toBe(sent);
    await fromBothWorkers(async () => {
      const status = await api<WebhookStatusList>(server.url, '/api/v1/webhooks');
      expect(status.body.receivers).toHaveLength(1);
      expect(status.body.receivers[0]).toMatchObject({ delivered: sent, failed: 0, queued: 0, lastStatus: 204 });
      return status;
    });
  });

  it('GET /metrics adds up every worker (prom-client aggregation in the primary)', async () => {
    sentSoFar += await messagesOnBothWorkers();
    await fromBothWorkers(async () => {
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain(`lectern_commands_total{type="message",result="ok"} ${sentSoFar}`);
      return response;
    });
  });
});
