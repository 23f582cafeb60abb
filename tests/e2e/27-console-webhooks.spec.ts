import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { command } from '../support/http.js';
import { freePort } from '../support/net.js';
import { DIRECTOR_TOKEN, startServer, tempDir, type TestServer } from '../support/server.js';
import { expect, test } from './fixtures.js';

let receiver: Server;
let receiverUrl: string;
let downUrl: string;
let server: TestServer;

// A receiver that takes everything, and one nobody listens on: the panel shows both.
test.beforeAll(async () => {
  receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lectern`;
  downUrl = `http://127.0.0.1:${await freePort()}/down`;
  const file = join(tempDir(), 'webhooks.yaml');
  writeFileSync(
    file,
    `- url: ${receiverUrl}?key=secret-in-query\n  events: [item.started, phase.changed]\n  secretEnv: TEST_HOOK_SECRET\n` +
      `- url: ${downUrl}\n  events: [item.started]\n`,
  );
  server = await startServer({ args: ['--webhooks', file], env: { TEST_HOOK_SECRET: 'e2e-secret-0123456789' } });
});

test.afterAll(async () => {
  await server?.stop();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

test("the console's Webhooks tab shows each receiver's delivery state", async ({ page, pageErrors }) => {
  void pageErrors;
  expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
  await page.setViewportSize({ width: 1400, height: 700 });
  await page.goto(`${server.url}/control/director?tab=webhooks#token=${DIRECTOR_TOKEN}`);
  const ok = page.getByTestId('webhook-0');
  const down = page.getByTestId('webhook-1');
  await expect(ok).toContainText(receiverUrl);
  await expect(ok).not.toContainText('secret-in-query');
  await expect(ok.getByTestId('delivered')).toHaveText('2', { timeout: 10_000 });
  await expect(ok.getByTestId('last')).toHaveText('204');
  await expect(down).toContainText('unsigned');
  await expect(down.getByTestId('last')).toHaveText('ECONNREFUSED', { timeout: 10_000 });
  await expect(down.getByTestId('queued')).toHaveText('1');
  await page.screenshot({ path: 'tests/.artifacts/screens/console-webhooks.png' });
});
