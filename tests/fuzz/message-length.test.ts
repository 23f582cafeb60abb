import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket } from '../../shared/index.js';
import { api } from '../support/http.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';
import { observe } from './state.js';

// docs/guarantees.md, "Hostile input": a message is at most 280 characters counted as a person counts them
// (code points, so an emoji is one), on every path that takes one: 280 emoji go through, 281 are refused with an
// error naming `text`, and the refusal changes nothing.

const OK = '🎤'.repeat(280);
const LONG = '🎤'.repeat(281);

let server: TestServer;
let director: LecternClientSocket;
beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  director = await connect(server.url, DIRECTOR_TOKEN);
});
afterAll(async () => {
  director?.close();
  await server.stop();
});

interface Refusal {
  error?: string;
  message?: string;
  problems?: { path: string; message: string }[];
}

function expectTextRefused(body: Refusal) {
  expect(body.error).toBe('invalid');
  expect(body.message).toMatch(/text/);
  expect(body.problems?.map((p) => p.path)).toContain('text');
  expect(body.problems?.find((p) => p.path === 'text')?.message).toMatch(/280/);
}

const paths = {
  'POST /api/v1/halls/:hallId/commands': (text: string) =>
    api(server.url, '/api/v1/halls/namba/commands', { body: { type: 'message', text } }),
  'POST /api/v1/message': (text: string) => api(server.url, '/api/v1/message', { body: { text, hallIds: ['namba'] } }),
  'hall:command': async (text: string) => {
    const body = (await director
      .timeout(5000)
      .emitWithAck('hall:command', { hallId: 'namba', type: 'message', text })) as unknown as Refusal & { ok: boolean };
    return { status: body.ok ? 200 : 400, body };
  },
};

describe('280 emoji are a message, 281 are not', () => {
  for (const [name, send] of Object.entries(paths)) {
    it(`${name}: 280 accepted and shown, 281 refused naming text, nothing changed`, async () => {
      const accepted = await send(OK);
      expect(accepted.status).toBe(200);
      const live = (await api(server.url, '/api/v1/halls/namba/live', { token: null })).body as {
        message: { text: string } | null;
      };
      expect(live.message?.text).toBe(OK);

      const before = await observe(server.url);
      const refused = await send(LONG);
      expect(refused.status).toBe(400);
      expectTextRefused(refused.body as Refusal);
      expect(await observe(server.url)).toEqual(before);
    });
  }
});
