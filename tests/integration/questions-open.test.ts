import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveView } from '../../shared/index.js';
import { api, command } from '../support/http.js';
import { ITEMS, writeProgram } from '../support/obs-fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

// The OBS tests' program: Tsuchiya's talk in namba is marked do-not-stream. 11:00 on Day 1.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T11:00:00+09:00', '--program', writeProgram()] });
});
afterAll(() => server.stop());

const settings = async () => (await api(server.url, '/api/v1/halls/namba/questions/settings', { token: null })).body;
const ask = (text: string, device: string) =>
  fetch(`${server.url}/api/v1/halls/namba/questions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lectern-device': device },
    body: JSON.stringify({ text }),
  });

describe('when a hall takes questions (automatic mode, the default)', () => {
  it('open during a talk and its Q&A; closed for a do-not-stream item unless set always open; closed in a break', async () => {
    await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.jung });
    expect(await settings()).toMatchObject({ mode: 'auto', open: true });
    await command(server.url, 'namba', { type: 'qa' });
    expect(await settings()).toMatchObject({ open: true });
    await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.tsuchiya });
    expect(await settings()).toMatchObject({ mode: 'auto', open: false });
    const refused = await ask('Is this talk recorded?', 'device-dns-0001');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('questions_closed');
    await api(server.url, '/api/v1/halls/namba/questions/settings', { method: 'PATCH', body: { mode: 'open' } });
    expect(await settings()).toMatchObject({ mode: 'open', open: true });
    expect((await ask('Is this talk recorded?', 'device-dns-0001')).status).toBe(201);
    await api(server.url, '/api/v1/halls/namba/questions/settings', { method: 'PATCH', body: { mode: 'auto' } });
    await command(server.url, 'namba', { type: 'break', minutes: 10 });
    expect(await settings()).toMatchObject({ mode: 'auto', open: false });
  });

  it('the hall can keep the question on air off its signage: the live view says so, the question stays on air', async () => {
    await command(server.url, 'namba', { type: 'goto', itemId: ITEMS.jung });
    await api(server.url, '/api/v1/halls/namba/questions/settings', { method: 'PATCH', body: { autoApprove: true } });
    const asked = await ask('What about the binder?', 'device-sig-0001');
    const { id } = (await asked.json()) as { id: string };
    expect((await command(server.url, 'namba', { type: 'showQuestion', questionId: id })).status).toBe(200);
    await api(server.url, '/api/v1/halls/namba/questions/settings', { method: 'PATCH', body: { showOnSignage: false } });
    expect(await settings()).toMatchObject({ showOnSignage: false });
    const view = (await api<LiveView>(server.url, '/api/v1/halls/namba/live')).body;
    expect(view.question).toMatchObject({ id, text: 'What about the binder?' });
  });
});
