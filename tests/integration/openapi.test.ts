import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LecternClientSocket } from '../../shared/index.js';
import { DIRECTOR_TOKEN, ROOT, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';

// /api/v1/openapi.json against the real server: every documented operation is called, and each answer's status
// is one the document lists, its body valid against the schema it gives. A route documented here and not called
// (or called and not documented) fails the test, so docs/api.md's source cannot drift from the code.

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
}

let server: TestServer;
let doc: Doc;
const sockets: LecternClientSocket[] = [];
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  server = await startServer();
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await server.stop();
});

/** Calls one operation and checks the answer against the document. */
async function check(
  method: string,
  path: string,
  url: string,
  init: { body?: unknown; raw?: string; type?: string; token?: string | null; headers?: Record<string, string> } = {},
) {
  const token = init.token === undefined ? DIRECTOR_TOKEN : init.token;
  const response = await fetch(`${server.url}${url}`, {
    method: method.toUpperCase(),
    headers: {
      ...init.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : init.type ? { 'content-type': init.type } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : init.raw !== undefined ? { body: init.raw } : {}),
  });
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const documented = operation!.responses[String(response.status)];
  const text = await response.text();
  expect(documented, `${method} ${url} answered ${response.status}, which the document does not list: ${text}`).toBeDefined();
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!;
  if (documented!.content) {
    expect(Object.keys(documented!.content), `${method} ${url}: ${type}`).toContain(type);
    const schema = documented!.content[type]!.schema;
    if (type === 'application/json') {
      const validate = ajv.compile(schema);
      const ok = validate(JSON.parse(text));
      expect(ok, `${method} ${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  } else expect(text).toBe('');
  return { status: response.status, text };
}

/** Every questions route: the viewers' (device header, no token) and the moderation ones. */
async function questionCalls(
  call: (method: string, path: string, url?: string, init?: Parameters<typeof check>[3]) => Promise<{ text: string }>,
  program: { items: { id: string; hallId: string }[] },
  chairToken: string,
) {
  const base = '/api/v1/halls/{hallId}/questions';
  const namba = '/api/v1/halls/namba/questions';
  const itemId = program.items.find((item) => item.hallId === 'namba')!.id;
  const viewer = (device: string) => ({ token: null, headers: { 'x-lectern-device': device } });
  await call('get', `${base}/settings`, `${namba}/settings`, { token: null });
  await call('post', base, '/api/v1/halls/nakamozu/questions', { ...viewer('device-openapi-1'), body: { text: 'Closed?' } });
  await call('patch', `${base}/settings`, `${namba}/settings`, { body: { mode: 'open', heldWords: ['spam'] } });
  await call('patch', `${base}/settings`, `${namba}/settings`, { body: {} });
  await call('get', `${base}/settings`, `${namba}/settings`);
  const asked = JSON.parse(
    (await call('post', base, namba, { ...viewer('device-openapi-1'), body: { text: 'Why?', itemId } })).text,
  );
  await call('post', base, namba, { ...viewer('device-openapi-1'), body: { text: 'Why?', itemId } });
  await call('post', base, namba, { ...viewer('device-openapi-1'), body: { text: '', itemId } });
  await call('post', base, '/api/v1/halls/nowhere/questions', { ...viewer('device-openapi-1'), body: { text: 'Hm?' } });
  await call('post', base, namba, { ...viewer('device-openapi-1'), body: { text: 'And how?', itemId } });
  await call('post', base, namba, { ...viewer('device-openapi-1'), body: { text: 'One too many', itemId } });
  await call('get', base, namba, { token: null });
  await call('get', base, `${namba}?itemId=${itemId}`, { token: chairToken });
  await call('get', base, '/api/v1/halls/nakamozu/questions', { token: chairToken });
  await call('get', base, `${namba}?itemId=`, { token: null });
  await call('get', base, namba, { token: 'lct_c_nonsense' });
  await call('get', `${base}/mine`, `${namba}/mine`, viewer('device-openapi-1'));
  await call('get', `${base}/mine`, `${namba}/mine`, { token: null });
  await call('patch', `${base}/{id}`, `${namba}/${asked.id}`, { body: { status: 'approved', starred: true } });
  await call('patch', `${base}/{id}`, `${namba}/${asked.id}`, { body: { status: 'rejected' }, token: chairToken });
  await call('patch', `${base}/{id}`, `${namba}/${asked.id}`, { body: { status: 'maybe' } });
  await call('patch', `${base}/{id}`, `${namba}/q_nothing`, { body: { starred: false } });
  await call('patch', `${base}/{id}`, `${namba}/${asked.id}`, { body: { starred: false }, token: null });
  await call('post', `${base}/{id}/vote`, `${namba}/${asked.id}/vote`, { ...viewer('device-openapi-2'), body: {} });
  await call('post', `${base}/{id}/vote`, `${namba}/q_nothing/vote`, { ...viewer('device-openapi-2'), body: {} });
  await call('post', `${base}/{id}/vote`, `${namba}/${asked.id}/vote`, { token: null, body: {} });
  await call('put', `${base}/order`, `${namba}/order`, { body: { questionIds: [asked.id] } });
  await call('put', `${base}/order`, `${namba}/order`, { body: { questionIds: [] } });
  await call('put', `${base}/order`, `${namba}/order`, { body: { questionIds: ['q_nothing'] } });
  await call('get', `${base}/export.csv`, `${namba}/export.csv?itemId=${itemId}`);
  await call('get', `${base}/export.json`, `${namba}/export.json`);
  await call('get', `${base}/export.json`, `${namba}/export.json`, { token: chairToken });
}

describe('/api/v1/openapi.json', () => {
  it('is OpenAPI 3.1 with paths in full, public', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/halls/{hallId}/commands');
    expect((await fetch(`${server.url}/api/v1/openapi.json`)).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('every documented operation answers as documented on the real server', async () => {
    const called = new Set<string>();
    const call = async (method: string, path: string, url = path, init: Parameters<typeof check>[3] = {}) => {
      called.add(`${method} ${path}`);
      return check(method, path, url, init);
    };
    const program = JSON.parse((await call('get', '/api/v1/program')).text);
    await call('get', '/healthz');
    await call('get', '/readyz');
    await call('get', '/metrics');
    await call('get', '/api/v1/openapi.json');
    const configSchema = JSON.parse(
      (await call('get', '/api/v1/config.schema.json', '/api/v1/config.schema.json', { token: null })).text,
    );
    expect(configSchema).toEqual(JSON.parse(readFileSync(join(ROOT, 'docs/config.schema.json'), 'utf8')));
    await call('post', '/api/v1/program/edits', '/api/v1/program/edits', { body: { type: 'nope' } });
    await call('post', '/api/v1/program', '/api/v1/program?format=json', {
      raw: JSON.stringify(program),
      type: 'application/json',
    });
    await call('get', '/api/v1/program/revisions');
    await call('get', '/api/v1/export/program.ics', '/api/v1/export/program.ics?hall=namba');
    await call('get', '/api/v1/export/frab.xml');
    await call('get', '/api/v1/export/actual-times.csv');
    await call('get', '/api/v1/export/actual-times.json');
    await call('get', '/api/v1/auth/me');
    const minted = JSON.parse((await call('post', '/api/v1/tokens', '/api/v1/tokens', { body: { hallId: 'namba' } })).text);
    await call('get', '/api/v1/tokens');
    await call('get', '/api/v1/halls');
    await call('get', '/api/v1/screens/config', '/api/v1/screens/config', { token: null });
    await call('get', '/api/v1/screens/theme.css', '/api/v1/screens/theme.css', { token: null });
    await call('get', '/api/v1/halls/{hallId}/live', '/api/v1/halls/namba/live', { token: null });
    await call('post', '/api/v1/halls/{hallId}/commands', '/api/v1/halls/namba/commands', {
      body: { type: 'next' },
      token: minted.token,
    });
    await call('post', '/api/v1/halls/{hallId}/commands', '/api/v1/halls/namba/commands', {
      body: { type: 'next', expectRevision: 0 },
    });
    await call('post', '/api/v1/halls/{hallId}/commands', '/api/v1/halls/nakamozu/commands', {
      body: { type: 'next' },
      token: minted.token,
    });
    await call('post', '/api/v1/halls/{hallId}/commands', '/api/v1/halls/namba/commands', { body: { type: 'nope' } });
    await call('post', '/api/v1/halls/{hallId}/commands', '/api/v1/halls/namba/commands', {
      body: { type: 'next' },
      token: null,
    });
    await call('get', '/api/v1/halls/{hallId}/projected', '/api/v1/halls/namba/projected', { token: null });
    await call('get', '/api/v1/halls/{hallId}/projected', '/api/v1/halls/nowhere/projected', { token: null });
    const preview = '/api/v1/halls/{hallId}/catch-up/preview';
    const firstItem = program.items.find((item: { hallId: string }) => item.hallId === 'namba')!.id;
    await call('post', preview, '/api/v1/halls/namba/catch-up/preview', { body: { untilItemId: firstItem } });
    await call('post', preview, '/api/v1/halls/namba/catch-up/preview', { body: { untilItemId: '' } });
    await call('post', preview, '/api/v1/halls/nakamozu/catch-up/preview', {
      body: { untilItemId: firstItem },
      token: minted.token,
    });
    await call('post', preview, '/api/v1/halls/nowhere/catch-up/preview', { body: { untilItemId: firstItem } });
    await call('post', preview, '/api/v1/halls/namba/catch-up/preview', { body: { untilItemId: firstItem }, token: null });
    await call('get', '/api/v1/halls/{hallId}/log', '/api/v1/halls/namba/log?last=5');
    await call('post', '/api/v1/message', '/api/v1/message', { body: { text: 'Lunch at 12:30' } });
    await call('delete', '/api/v1/message', '/api/v1/message', { body: {} });
    await call('post', '/api/v1/halls/reset', '/api/v1/halls/reset', { body: { hallIds: ['nakamozu'] } });
    await questionCalls(call, program, minted.token);
    await call('delete', '/api/v1/tokens/{id}', `/api/v1/tokens/${minted.id}`);
    const screen = await connect(server.url);
    sockets.push(screen);
    await screen.timeout(3000).emitWithAck('display:hello', { page: 'signage', hallId: 'namba' } as never);
    const displays = JSON.parse((await call('get', '/api/v1/displays')).text) as { id: string }[];
    await call('post', '/api/v1/displays/{id}/identify', `/api/v1/displays/${displays[0]!.id}/identify`, { body: {} });
    await call('post', '/api/v1/displays/{id}/reload', `/api/v1/displays/${displays[0]!.id}/reload`);
    await call('get', '/api/v1/obs');
    await call('post', '/api/v1/obs/{hallId}/mode', '/api/v1/obs/namba/mode', { body: { mode: 'manual' } });
    await call('post', '/api/v1/obs/{hallId}/reconnect', '/api/v1/obs/namba/reconnect');
    await call('get', '/api/v1/obs/{hallId}/chapters', '/api/v1/obs/namba/chapters?format=json');
    await call('get', '/api/v1/webhooks');

    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect([...called].sort()).toEqual(documented.sort());
  });
});
