import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket, LoggedCommand } from '../../shared/index.js';
import { api } from '../support/http.js';
import { openScreen, waitFor, type TestScreen } from '../support/screen.js';
import { DIRECTOR_TOKEN, ROOT, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

// docs/guarantees.md, "Throttling": with the default limits (per token 20 commands a second sustained, bursts of
// 40) a token flooding 2,000 commands gets most refused with 429 rate_limited and Retry-After; nothing refused is
// applied or broadcast; another token from the same address goes on as if nothing happened; the socket
// acknowledgement carries the same error; token-less writes are throttled per address, reads and connections not.

const FLOOD = 2000;
const IN_FLIGHT = 25;

let server: TestServer;
let flooder: string;
let neighbour: string;
const sockets: LecternClientSocket[] = [];
let screen: TestScreen | undefined;

beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  const mint = async (label: string) =>
    (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label } })).body.token as string;
  flooder = await mint('Namba clicker (stuck)');
  neighbour = await mint('Namba chair');
});
afterAll(async () => {
  screen?.close();
  sockets.forEach((s) => s.close());
  await server.stop();
});

interface Sent {
  text: string;
  status: number;
  retryAfter: string | null;
  error?: string;
}

async function send(token: string | null, text: string, path = '/api/v1/halls/namba/commands'): Promise<Sent> {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ type: 'message', text }),
  });
  const body = (await response.json()) as { error?: string };
  return {
    text,
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    ...(body.error ? { error: body.error } : {}),
  };
}

async function logTexts(): Promise<string[]> {
  const texts: string[] = [];
  let after = 0;
  for (;;) {
    const { body } = await api<{ entries: LoggedCommand[]; lastSeq: number | null }>(
      server.url,
      `/api/v1/halls/namba/log?after=${after}&limit=1000`,
    );
    for (const e of body.entries) if (e.command.type === 'message') texts.push(e.command.text);
    if (body.lastSeq === null) return texts;
    after = body.lastSeq;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a flooding token', () => {
  it('2,000 commands: most refused 429 + Retry-After, nothing refused applied or broadcast, the other token unaffected', async () => {
    const revisionBefore = (await api(server.url, '/api/v1/halls/namba/live', { token: null })).body.revision as number;
    screen = openScreen(server.url, ['namba']);
    await waitFor(() => screen!.latest('namba') === revisionBefore, 5000, 'the screen has the snapshot');

    const flood: Sent[] = [];
    let next = 0;
    const worker = async () => {
      while (next < FLOOD) {
        const n = next++;
        flood.push(await send(flooder, `flood ${n}`));
      }
    };
    // The neighbour chair presses ten times, one every 100 ms, while the flood runs: all ten go through.
    const chair = (async () => {
      const answers: Sent[] = [];
      for (let i = 0; i < 10; i++) {
        answers.push(await send(neighbour, `chair ${i}`));
        await sleep(100);
      }
      return answers;
    })();
    const started = Date.now();
    await Promise.all([...Array.from({ length: IN_FLIGHT }, worker), chair]);
    const seconds = (Date.now() - started) / 1000;
    const neighbourAnswers = await chair;

    const accepted = flood.filter((s) => s.status === 200);
    const refused = flood.filter((s) => s.status !== 200);
    console.log(`flood: ${FLOOD} in ${seconds.toFixed(1)} s, ${accepted.length} accepted, ${refused.length} refused`);
    expect(refused.length).toBeGreaterThan(FLOOD / 2);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.error).toBe('rate_limited');
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // At most the burst plus the sustained rates over the flood's duration (30 a second, rounded up).
    expect(accepted.length).toBeGreaterThanOrEqual(40);
    expect(accepted.length).toBeLessThanOrEqual(40 + Math.ceil(seconds + 1) * 30);
    expect(neighbourAnswers.map((a) => a.status)).toEqual(Array(10).fill(200));

    // Applied: exactly the accepted commands and the neighbour's, once each.
    const texts = await logTexts();
    const floodTexts = texts.filter((t) => t.startsWith('flood '));
    expect(new Set(floodTexts)).toEqual(new Set(accepted.map((a) => a.text)));
    expect(floodTexts).toHaveLength(accepted.length);
    expect(texts.filter((t) => t.startsWith('chair '))).toHaveLength(10);
    const revisionAfter = (await api(server.url, '/api/v1/halls/namba/live', { token: null })).body.revision as number;
    expect(revisionAfter).toBe(revisionBefore + accepted.length + 10);

    // Broadcast: the screen saw one change per applied command, none for a refused one.
    await waitFor(() => screen!.latest('namba') === revisionAfter, 5000, 'the screen caught up');
    const changes = screen.seen.get('namba')!.filter((s) => s.revision > revisionBefore);
    expect(changes.map((c) => c.revision)).toEqual(
      Array.from({ length: revisionAfter - revisionBefore }, (_, i) => revisionBefore + i + 1),
    );

    // The refusals consumed nothing: once the Retry-After has passed, the flooder may send again.
    await sleep(1000 * Math.max(...refused.map((r) => Number(r.retryAfter))));
    expect((await send(flooder, 'after the flood')).status).toBe(200);
  });

  it('over its socket: the acknowledgement says rate_limited, with retryAfterMs', async () => {
    const socket = await connect(server.url, flooder);
    sockets.push(socket);
    const answers = (await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        socket.timeout(5000).emitWithAck('hall:command', { hallId: 'namba', type: 'message', text: `socket ${i}` }),
      ),
    )) as { ok: boolean; error?: string; message?: string; retryAfterMs?: number }[];
    const refused = answers.filter((a) => !a.ok);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThanOrEqual(80 - 40 - 20);
    for (const r of refused) {
      expect(r.error).toBe('rate_limited');
      expect(r.message).toMatch(/try again/);
      expect(r.retryAfterMs).toBeGreaterThan(0);
    }
    // The neighbour's socket from the same address is not slowed.
    const other = await connect(server.url, neighbour);
    sockets.push(other);
    const answer = await other.timeout(5000).emitWithAck('hall:command', { hallId: 'namba', type: 'message', text: 'neighbour' });
    expect(answer.ok).toBe(true);
  });
});

describe('without a token, per address; reads and connections never', () => {
  it('token-less writes from one address: 401 until the address bucket is empty, then 429', async () => {
    const answers: Sent[] = [];
    for (let i = 0; i < 60; i++) answers.push(await send(null, `anon ${i}`, '/api/v1/message'));
    expect(answers.slice(0, 20).every((a) => a.status === 401)).toBe(true);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(20);
    expect(limited.every((a) => a.error === 'rate_limited' && Number(a.retryAfter) >= 1)).toBe(true);
    // A token from the same address is not held back by it.
    expect((await send(DIRECTOR_TOKEN, 'director, same address', '/api/v1/message')).status).toBe(200);
  });

  it('500 reads and 60 connections from one address: none refused', async () => {
    const reads = await Promise.all(Array.from({ length: 500 }, () => fetch(`${server.url}/api/v1/halls/namba/live`)));
    expect(reads.every((r) => r.status === 200)).toBe(true);
    const many = await Promise.all(Array.from({ length: 60 }, () => connect(server.url)));
    sockets.push(...many);
    expect(many.every((s) => s.connected)).toBe(true);
  });

  it('a connection sending events over its bucket gets rate_limited answers and stays connected', async () => {
    const socket = await connect(server.url);
    sockets.push(socket);
    const pings = (await Promise.all(
      Array.from({ length: 300 }, (_, i) => socket.timeout(5000).emitWithAck('clock:ping', i)),
    )) as unknown as { serverTime?: number; error?: string }[];
    const limited = pings.filter((p) => p.error === 'rate_limited');
    expect(limited.length).toBeGreaterThan(100);
    expect(pings.filter((p) => typeof p.serverTime === 'number').length).toBeGreaterThanOrEqual(100);
    await sleep(1100);
    expect(socket.connected).toBe(true);
    expect(await socket.timeout(5000).emitWithAck('clock:ping', 1)).toMatchObject({ t0: 1 });
  });
});

describe('the limits are the configuration', () => {
  it('--token-rate 2 --token-burst 3: three commands at once, then 429', async () => {
    const strict = await startServer({ args: ['--token-rate', '2', '--token-burst', '3'] });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await api(strict.url, '/api/v1/halls/namba/commands', { body: { type: 'message', text: `note ${i}` } })).status,
        );
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toContain(429);
    } finally {
      await strict.stop();
    }
  });

  it('a bad limit or a --clock-rate outside a rehearsal stops the start with a usage error', () => {
    const serve = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), 'serve', '--port', '0', ...args], { encoding: 'utf8' });
    const bad = serve('--token-rate', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--token-rate: "many"/);
    const rate = serve('--clock-rate', '60');
    expect(rate.status).toBe(2);
    expect(rate.stderr).toMatch(/--clock-rate is for rehearsals only/);
  });
});
