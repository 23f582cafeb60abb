import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket } from '../../shared/index.js';
import { command } from '../support/http.js';
import { freePort } from '../support/net.js';
import { parseMetrics, sampleValue, type Sample } from '../support/prometheus.js';
import { ROOT, startServer, tempDir, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

const METRICS_TOKEN = 'metrics-test-token-0123456789';
let server: TestServer;
const sockets: LecternClientSocket[] = [];

async function scrape(base = server.url, token?: string): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

/** A screen that introduced itself, as a display page does. */
async function screen(page: string, hallId?: string): Promise<void> {
  const socket = await connect(server.url);
  sockets.push(socket);
  const answer = await socket.timeout(3000).emitWithAck('display:hello', { page, ...(hallId ? { hallId } : {}) } as never);
  expect(answer).toMatchObject({ ok: true });
}

beforeAll(async () => {
  const dir = tempDir();
  const obsFile = join(dir, 'obs.json');
  const scenes = { talk: 'Talk', qa: 'QA', break: 'Break', hold: 'Hold', idle: 'Idle', ended: 'Ended' };
  // An OBS nobody listens on: its link is down, and /metrics says so.
  writeFileSync(
    obsFile,
    JSON.stringify({ halls: { namba: { url: `ws://127.0.0.1:${await freePort()}`, scenes, privacyScene: 'P' } } }),
  );
  server = await startServer({ args: ['--obs', obsFile] });
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await server.stop();
});

describe('/metrics on the real server', () => {
  it('counts screens per hall and page, commands by type and result, and times commands, store writes and broadcasts', async () => {
    await screen('signage', 'namba');
    await screen('signage', 'namba');
    await screen('timer', 'nakamozu');
    await screen('lobby');
    expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
    expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
    expect((await command(server.url, 'namba', { type: 'qa', expectRevision: 0 })).status).toBe(409);
    expect((await command(server.url, 'nakamozu', { type: 'qa' })).status).toBe(400);

    await expect
      .poll(async () => sampleValue(await scrape(), 'lectern_screens_connected', { hall: 'namba', page: 'signage' }))
      .toBe(2);
    const samples = await scrape();
    expect(sampleValue(samples, 'lectern_screens_connected', { hall: 'nakamozu', page: 'timer' })).toBe(1);
    expect(sampleValue(samples, 'lectern_screens_connected', { hall: 'all', page: 'lobby' })).toBe(1);
    expect(sampleValue(samples, 'lectern_commands_total', { type: 'next', result: 'ok' })).toBe(2);
    expect(sampleValue(samples, 'lectern_commands_total', { type: 'qa', result: 'stale_revision' })).toBe(1);
    expect(sampleValue(samples, 'lectern_commands_total', { type: 'qa', result: 'not_applicable' })).toBe(1);
    expect(sampleValue(samples, 'lectern_command_duration_seconds_count', { type: 'next' })).toBe(2);
    expect(sampleValue(samples, 'lectern_store_write_duration_seconds_count', { operation: 'commitCommand' })).toBe(2);
    expect(sampleValue(samples, 'lectern_broadcast_duration_seconds_count', { event: 'hall:changed' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    // A screen that goes is no longer counted.
    sockets.pop()!.close();
    await expect.poll(async () => sampleValue(await scrape(), 'lectern_screens_connected', { page: 'lobby' })).toBeUndefined();
  });

  it("reports each configured hall's OBS link and outputs; halls without OBS are not listed", async () => {
    const samples = await scrape();
    expect(sampleValue(samples, 'lectern_obs_connected', { hall: 'namba' })).toBe(0);
    expect(sampleValue(samples, 'lectern_obs_streaming', { hall: 'namba' })).toBe(0);
    expect(sampleValue(samples, 'lectern_obs_recording', { hall: 'namba' })).toBe(0);
    const state = samples.find((s) => s.name === 'lectern_obs_connection_state' && s.labels.hall === 'namba');
    expect(state?.labels.state).toMatch(/^(connecting|disconnected)$/);
    expect(sampleValue(samples, 'lectern_obs_connected', { hall: 'nakamozu' })).toBeUndefined();
  });

  it('needs a bearer token when LECTERN_METRICS_TOKEN is set', async () => {
    const guarded = await startServer({ env: { LECTERN_METRICS_TOKEN: METRICS_TOKEN } });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
      expect(wrong.status).toBe(401);
      expect(sampleValue(await scrape(guarded.url, METRICS_TOKEN), 'lectern_commands_total')).toBeUndefined();
    } finally {
      await guarded.stop();
    }
  });

  it('the Grafana dashboard (docs/grafana-dashboard.json) reads only metrics the server exposes', async () => {
    const dashboard = readFileSync(join(ROOT, 'docs/grafana-dashboard.json'), 'utf8');
    const read = new Set(
      [...dashboard.matchAll(/\b((?:lectern|process|nodejs)_\w+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, '')),
    );
    expect(read.size).toBeGreaterThan(10);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const exposed = new Set([...text.matchAll(/^# TYPE (\w+)/gm)].map((m) => m[1]!));
    expect([...read].filter((name) => !exposed.has(name))).toEqual([]);
  });
});
