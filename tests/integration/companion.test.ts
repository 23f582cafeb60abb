import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LecternInstanceLogic, type CompanionSeam } from '../../integrations/companion/src/instance-logic.js';
import { ACTION_COMMANDS, holdToggleCommand } from '../../integrations/companion/src/actions.js';
import { isOnHold, isOverTime, isPhase } from '../../integrations/companion/src/feedbacks-logic.js';
import { variableValues, type VariableValues } from '../../integrations/companion/src/variables.js';
import { api, command } from '../support/http.js';
import { DIRECTOR_TOKEN, startServer, tempDir, type TestServer } from '../support/server.js';

// The module's logic (everything but InstanceBase's registration calls, which need a Companion host) against
// the real built server, with a recorder standing in for Companion.
let server: TestServer;
let chairToken: string;
let otherHallToken: string;
const dataDir = tempDir();
const running: LecternInstanceLogic[] = [];

interface Recorder extends CompanionSeam {
  values: Partial<VariableValues>;
  statuses: { status: string; message?: string }[];
  logs: string[];
}
function recorder(): Recorder {
  const r: Recorder = {
    values: {},
    statuses: [],
    logs: [],
    setVariableValues: (values) => Object.assign(r.values, values),
    checkFeedbacks: () => {},
    updateStatus: (status, message) => r.statuses.push({ status, message }),
    log: (level, message) => r.logs.push(`${level}: ${message}`),
  };
  return r;
}
async function module(token: string, hallId = 'namba') {
  const host = recorder();
  const logic = new LecternInstanceLogic(host);
  running.push(logic);
  await logic.start({ url: server.url, token, hallId });
  return { host, logic };
}
const status = (host: Recorder) => host.statuses.at(-1)?.status;

beforeAll(async () => {
  server = await startServer({ dataDir, args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  chairToken = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'namba', label: 'Companion' } })).body.token;
  otherHallToken = (await api(server.url, '/api/v1/tokens', { body: { hallId: 'nakamozu' } })).body.token;
});
afterAll(async () => {
  running.forEach((logic) => logic.stop());
  await server.stop();
});

describe('companion module against a real Lectern', () => {
  it('variables follow a command another client sends', async () => {
    const { host } = await module(chairToken);
    await vi.waitFor(() => expect(status(host)).toBe('ok'));
    expect((await command(server.url, 'namba', { type: 'next' })).status).toBe(200);
    expect((await command(server.url, 'namba', { type: 'message', text: 'Mic please' })).status).toBe(200);
    const live = (await api(server.url, '/api/v1/halls/namba/live')).body;
    await vi.waitFor(() => {
      expect(host.values.title).toBe(live.now.title);
      expect(host.values.message).toBe('Mic please');
    });
    expect(host.values.speaker).toBe(live.now.speakers.map((s: { name: string }) => s.name).join(', '));
    expect(host.values.next_title).toBe(live.next?.title ?? '');
    expect(host.values.next_start).toMatch(live.nextStartsAt ? /^\d\d:\d\d$/ : /^$/);
    expect(host.values.remaining).toMatch(/^\d\d:\d\d$/);
    expect(host.values.phase).toBe('talk');
    expect(host.values.obs).toBe('unknown');
  });

  it('each action sends its command and the hall changes; feedbacks follow', async () => {
    const { logic } = await module(chairToken);
    await vi.waitFor(() => expect(logic.view).not.toBeNull());
    const act = async (id: string, options: Record<string, unknown> = {}) => {
      const result = await logic.send(ACTION_COMMANDS[id]!(options as never)!);
      expect(result, id).toMatchObject({ ok: true });
      return logic.view!;
    };
    const start = (await act('next')).now!.id;
    const second = (await act('next')).now!.id;
    expect(second).not.toBe(start);
    expect((await act('previous')).now!.id).toBe(start);
    expect((await act('qa')).phase).toBe('qa');
    expect(isPhase(logic.input(), 'qa')).toBe(true);
    const before = logic.view!.countdown!.endsAt;
    expect((await act('extend', { minutes: 1 })).countdown!.endsAt - before).toBe(60_000);
    expect((await act('extend', { minutes: 5 })).countdown!.endsAt - before).toBe(360_000);
    expect((await act('extend', { minutes: -1 })).countdown!.endsAt - before).toBe(300_000);
    // Far over time: the countdown's end lies in the past by server time.
    await act('extend', { minutes: -60 });
    expect(isOverTime(logic.input())).toBe(true);
    expect(variableValues(logic.input()).remaining).toMatch(/^-/);
    await logic.send(holdToggleCommand(logic.view!.phase));
    expect(logic.view!.phase).toBe('hold');
    expect(isOnHold(logic.input())).toBe(true);
    expect((await act('release')).phase).toBe('qa');
    expect((await act('hold')).phase).toBe('hold');
    await logic.send(holdToggleCommand(logic.view!.phase));
    expect(logic.view!.phase).toBe('qa');
    expect((await act('break', { minutes: 15 })).phase).toBe('break');
    expect((await act('message', { text: 'Starting shortly', targets: ['timer'] })).message).toMatchObject({
      text: 'Starting shortly',
      targets: ['timer'],
    });
    expect((await act('clearMessage')).message).toBeNull();
    const program = (await api(server.url, '/api/v1/program')).body;
    const target = program.items.find((i: { hallId: string; id: string }) => i.hallId === 'namba' && i.id !== start);
    expect((await act('goto', { itemId: target.id })).now!.id).toBe(target.id);
  });

  it('a command on a stale revision is refused, not applied twice, and the module takes the current view', async () => {
    const { logic } = await module(chairToken);
    await vi.waitFor(() => expect(logic.view).not.toBeNull());
    const seen = logic.view!.revision;
    // Another client acts on the same revision first; the module's command built on `seen` must not apply.
    await command(server.url, 'namba', { type: 'message', text: 'From the tablet', expectRevision: seen });
    (logic.view as { revision: number }).revision = seen; // the module had not yet seen the change
    const result = await logic.send({ type: 'clearMessage' });
    expect(result).toMatchObject({ ok: false });
    await vi.waitFor(() => expect(logic.view!.revision).toBeGreaterThan(seen));
    expect(logic.view!.message?.text).toBe('From the tablet');
  });

  it('a chair token of another hall is refused with a clear status, and no command goes out', async () => {
    const { host, logic } = await module(otherHallToken, 'namba');
    expect(status(host)).toBe('bad_config');
    expect(host.statuses.at(-1)?.message).toContain('for hall "nakamozu", not "namba"');
    expect(host.logs.some((l) => l.startsWith('error: Lectern refused'))).toBe(true);
    expect(await logic.send({ type: 'next' })).toMatchObject({ ok: false });
    const bad = await module('lct_c_not-a-token', 'namba');
    expect(status(bad.host)).toBe('bad_config');
    expect(bad.host.statuses.at(-1)?.message).toContain('unknown or revoked');
  });

  it('the director token sees OBS status (unconfigured here) instead of unknown', async () => {
    const { host } = await module(DIRECTOR_TOKEN);
    await vi.waitFor(() => expect(status(host)).toBe('ok'));
    expect(host.statuses.at(-1)?.message).toBe('director token');
  });

  it('reconnects after the server restarts and resumes the variables', async () => {
    const { host, logic } = await module(chairToken);
    await vi.waitFor(() => expect(status(host)).toBe('ok'));
    const port = server.port;
    await server.stop();
    await vi.waitFor(() => expect(status(host)).toBe('disconnected'));
    expect(await logic.send({ type: 'next' })).toMatchObject({ ok: false, error: 'offline' });
    server = await startServer({ dataDir, port, args: ['--clock', '2025-10-02T09:45:00+09:00'] });
    await vi.waitFor(() => expect(status(host)).toBe('ok'), { timeout: 20_000 });
    expect((await command(server.url, 'namba', { type: 'message', text: 'Back after restart' })).status).toBe(200);
    await vi.waitFor(() => expect(host.values.message).toBe('Back after restart'));
  });
});
