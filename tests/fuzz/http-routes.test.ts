import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandEnvelopeSchema, ProgramEditSchema } from '../../shared/index.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { UNTHROTTLED, isClearError, observe } from './state.js';

// docs/guarantees.md, "Hostile input": every HTTP route that takes input (server/**/*.routes.ts), sent as the
// director with random, malformed, oversized and wrong-type bodies, parameters and queries: a 4xx with a clear
// JSON error, no hall or program revision or token changed, and the server keeps answering /healthz.

const RUNS = 50;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00', ...UNTHROTTLED] });
});
afterAll(() => server.stop());

interface Attempt {
  method: string;
  path: string;
  /** A JSON value (stringified), or raw text with `raw`. */
  body?: unknown;
  raw?: string;
  contentType?: string;
}

async function send(attempt: Attempt): Promise<{ status: number; body: unknown; text: string }> {
  const hasBody = attempt.body !== undefined || attempt.raw !== undefined;
  const response = await fetch(server.url + attempt.path, {
    method: attempt.method,
    headers: {
      authorization: `Bearer ${DIRECTOR_TOKEN}`,
      ...(hasBody ? { 'content-type': attempt.contentType ?? 'application/json' } : {}),
    },
    ...(hasBody ? { body: attempt.raw ?? JSON.stringify(attempt.body) } : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

const junk = fc.anything({ maxDepth: 3, withBigInt: false });
/** A value of any type but a string. */
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junk, { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** A value of any type but a number. */
const notNumber = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(junk, { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const notArray = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
);
/** A body that is not an object at all, or not JSON. */
const notObject: fc.Arbitrary<Pick<Attempt, 'body' | 'raw' | 'contentType'>> = fc.oneof(
  fc.oneof(fc.integer(), fc.string({ maxLength: 50 }), fc.boolean(), fc.array(junk, { maxLength: 5 })).map((body) => ({ body })),
  fc.constantFrom('{', '{"type":', '[1,2', '{"a":1}}', 'null x', '\u0000', '{"__proto__":{"x":1}').map((raw) => ({ raw })),
  // An empty body is no body: a valid request where every field is optional (POST /api/v1/halls/reset resets all).
  fc
    .string({ maxLength: 200 })
    .filter((raw) => raw.trim() !== '')
    .map((raw) => ({ raw, contentType: 'application/json' })),
);
/** A path segment that names nothing (not a hall, token, display or recording). */
const unknownId = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.constantFrom('..', '%00', 'namba ', 'NAMBA', '__proto__', 'constructor', 'x'.repeat(300)),
  )
  .filter((s) => !['namba', 'nakamozu'].includes(s.trim()) && s !== '.' && s !== '..')
  .map((s) => encodeURIComponent(s));
/** Objects whose every present field has the wrong type; at least one field present. */
function wrongFields(fields: Record<string, fc.Arbitrary<unknown>>) {
  return fc.record(fields, { requiredKeys: [] }).filter((o) => Object.keys(o).length > 0);
}

/** Every route that takes input, with inputs it must refuse. */
const ROUTES: { name: string; attempts: fc.Arbitrary<Attempt>; valid?: (a: Attempt) => boolean }[] = [
  {
    name: 'POST /api/v1/halls/:hallId/commands',
    attempts: fc.oneof(
      notObject.map((b) => ({ method: 'POST', path: '/api/v1/halls/namba/commands', ...b })),
      fc
        .record(
          {
            type: fc.oneof(fc.constantFrom('next', 'goto', 'extend', 'message', 'break', 'qa', 'nope', ''), junk),
            itemId: junk,
            minutes: fc.oneof(fc.constantFrom(0, 121, -121, 1.5, '5'), junk),
            text: fc.oneof(fc.string({ minLength: 281, maxLength: 300 }), junk),
            targets: junk,
            expectRevision: fc.oneof(fc.constantFrom(-1, 0.5, '3'), junk),
            commandId: fc.oneof(fc.string({ maxLength: 7 }), junk),
          },
          { requiredKeys: [] },
        )
        .map((body) => ({ method: 'POST', path: '/api/v1/halls/namba/commands', body })),
      unknownId.map((id) => ({ method: 'POST', path: `/api/v1/halls/${id}/commands`, body: { type: 'next' } })),
    ),
    valid: (a) => a.path === '/api/v1/halls/namba/commands' && CommandEnvelopeSchema.safeParse(a.body).success,
  },
  {
    name: 'POST /api/v1/tokens',
    attempts: fc.oneof(
      notObject.map((b) => ({ method: 'POST', path: '/api/v1/tokens', ...b })),
      fc
        .record({
          hallId: fc.oneof(notString, unknownId.map(decodeURIComponent)),
          label: fc.oneof(notString, fc.string({ minLength: 101, maxLength: 120 })),
        })
        .map((body) => ({ method: 'POST', path: '/api/v1/tokens', body })),
    ),
  },
  { name: 'DELETE /api/v1/tokens/:id', attempts: unknownId.map((id) => ({ method: 'DELETE', path: `/api/v1/tokens/${id}` })) },
  {
    name: 'POST /api/v1/halls/reset',
    attempts: fc.oneof(
      notObject.map((b) => ({ method: 'POST', path: '/api/v1/halls/reset', ...b })),
      wrongFields({
        hallIds: fc.oneof(notArray, fc.constant([]), fc.array(notString, { minLength: 1, maxLength: 3 })),
        date: fc.oneof(notString, fc.constantFrom('2025-13-01', '2025-10-32', 'tomorrow', '')),
        commandId: fc.oneof(notString, fc.string({ maxLength: 7 })),
      }).map((body) => ({ method: 'POST', path: '/api/v1/halls/reset', body })),
    ),
  },
  {
    name: 'POST /api/v1/message',
    attempts: fc.oneof(
      notObject.map((b) => ({ method: 'POST', path: '/api/v1/message', ...b })),
      fc
        .record({
          text: fc.oneof(notString, fc.constantFrom('', '   '), fc.string({ minLength: 300, maxLength: 400 })),
          targets: junk,
          hallIds: junk,
        })
        .map((body) => ({ method: 'POST', path: '/api/v1/message', body })),
    ),
  },
  {
    name: 'DELETE /api/v1/message',
    attempts: wrongFields({
      hallIds: fc.oneof(notArray, fc.constant([])),
      commandId: fc.oneof(notString, fc.string({ maxLength: 7 })),
    }).map((body) => ({ method: 'DELETE', path: '/api/v1/message', body })),
  },
  {
    name: 'POST /api/v1/program/edits',
    attempts: fc.oneof(
      notObject.map((b) => ({ method: 'POST', path: '/api/v1/program/edits', ...b })),
      fc
        .record(
          {
            type: fc.oneof(fc.constantFrom('shift', 'editItem', 'swap', 'addItem', 'removeItem', 'nope'), junk),
            itemId: fc.oneof(notString, fc.constant('no-such-item')),
            minutes: fc.oneof(notNumber, fc.constantFrom(0, 721, -721, 0.5)),
            otherItemId: junk,
            item: junk,
            start: junk,
            end: junk,
            title: junk,
            expectRevision: fc.oneof(notNumber, fc.constantFrom(-1, 99)),
          },
          { requiredKeys: [] },
        )
        .map((body) => ({ method: 'POST', path: '/api/v1/program/edits', body })),
    ),
    valid: (a) => ProgramEditSchema.safeParse(a.body).success && (a.body as { itemId?: unknown }).itemId !== 'no-such-item',
  },
  {
    name: 'POST /api/v1/displays/:id/identify and reload',
    attempts: fc.oneof(
      fc
        .tuple(
          unknownId,
          fc.oneof(
            notObject,
            junk.map((body) => ({ body })),
          ),
        )
        .map(([id, b]) => ({ method: 'POST', path: `/api/v1/displays/${id}/identify`, ...b })),
      unknownId.map((id) => ({ method: 'POST', path: `/api/v1/displays/${id}/reload` })),
    ),
  },
  {
    name: 'POST /api/v1/obs/:hallId/mode and reconnect',
    attempts: fc.oneof(
      fc
        .tuple(
          fc.oneof(fc.constant('namba'), unknownId),
          fc.oneof(
            notObject,
            fc.record({ mode: junk }).map((body) => ({ body })),
          ),
        )
        .map(([hall, b]) => ({
          method: 'POST',
          path: `/api/v1/obs/${hall}/mode`,
          ...b,
        })),
      unknownId.map((id) => ({ method: 'POST', path: `/api/v1/obs/${id}/reconnect` })),
    ),
  },
  {
    name: 'GET queries: log, live, exports, chapters',
    attempts: fc.oneof(
      fc
        .record(
          {
            after: fc.constantFrom('-1', 'x', '1.5', ''),
            limit: fc.constantFrom('0', '1001', 'abc', '-3', '2.5'),
            last: fc.constantFrom('0', '1001', 'many'),
          },
          { requiredKeys: ['limit'] },
        )
        .map((q) => ({ method: 'GET', path: `/api/v1/halls/namba/log?${new URLSearchParams(q)}` })),
      unknownId.map((id) => ({ method: 'GET', path: `/api/v1/halls/${id}/log` })),
      unknownId.map((id) => ({ method: 'GET', path: `/api/v1/halls/${id}/live` })),
      unknownId.map((id) => ({ method: 'GET', path: `/api/v1/export/program.ics?hall=${id}` })),
      unknownId.map((id) => ({ method: 'GET', path: `/api/v1/export/actual-times.json?hall=${id}` })),
      unknownId.map((id) => ({ method: 'GET', path: `/api/v1/export/actual-times.csv?hall=${id}` })),
      fc
        .tuple(
          fc.oneof(fc.constant('namba'), unknownId),
          fc.constantFrom('format=xml', 'format=', 'recording=', `recording=${'r'.repeat(101)}`),
        )
        .map(([hall, q]) => ({
          method: 'GET',
          path: `/api/v1/obs/${hall}/chapters?${q}`,
        })),
    ),
  },
  {
    name: 'POST /api/v1/program (upload)',
    attempts: fc.oneof(
      fc
        .tuple(
          fc.uint8Array({ maxLength: 3000 }),
          fc.constantFrom('text/plain', 'text/csv', 'application/json', 'application/xml', 'application/octet-stream'),
        )
        .map(([bytes, contentType]) => ({
          method: 'POST',
          path: '/api/v1/program',
          raw: Buffer.from(bytes).toString('latin1'),
          contentType,
        })),
      fc
        .string({ maxLength: 3000 })
        .map((raw) => ({ method: 'POST', path: '/api/v1/program?format=json', raw, contentType: 'application/json' })),
      fc
        .tuple(
          fc.constantFrom(
            'format=docx',
            'zone=Mars/Olympus',
            'zone=',
            'fillBreaks=maybe',
            'hallMap==',
            'hallMap=a=b=c',
            'format=frab&zone=Not/AZone',
          ),
          fc.constantFrom('text/plain', 'image/png', 'multipart/form-data'),
        )
        .map(([q, contentType]) => ({ method: 'POST', path: `/api/v1/program?${q}`, raw: 'Day 1\n09:00 Opening', contentType })),
      fc.constant({ method: 'POST', path: '/api/v1/program', contentType: 'text/plain' }),
    ),
  },
];

describe('HTTP routes with hostile input', () => {
  for (const route of ROUTES) {
    it(`${route.name}: a 4xx with a clear error, nothing changes`, async () => {
      const before = await observe(server.url);
      await fc.assert(
        fc.asyncProperty(route.attempts, async (attempt) => {
          fc.pre(!route.valid?.(attempt));
          const answer = await send(attempt);
          const where = `${attempt.method} ${attempt.path} ${attempt.raw ?? JSON.stringify(attempt.body)}`.slice(0, 300);
          expect(answer.status, `${where} → ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(answer.status, `${where} → ${answer.text.slice(0, 200)}`).toBeLessThan(500);
          expect(isClearError(answer.body), `${where} → ${answer.text.slice(0, 200)}`).toBe(true);
        }),
        { numRuns: RUNS * 4 },
      );
      expect(await observe(server.url)).toEqual(before);
    });
  }

  it('oversized bodies: 413 with a clear error, nothing changes', async () => {
    const before = await observe(server.url);
    const big = { type: 'message', text: 'x'.repeat(300 * 1024) };
    const command = await send({ method: 'POST', path: '/api/v1/halls/namba/commands', body: big });
    expect(command.status).toBe(413);
    expect(isClearError(command.body)).toBe(true);
    const upload = await send({
      method: 'POST',
      path: '/api/v1/program',
      raw: 'x'.repeat(10 * 1024 * 1024 + 10),
      contentType: 'text/plain',
    });
    expect(upload.status).toBe(413);
    expect(upload.body).toMatchObject({ error: 'too_large' });
    expect(await observe(server.url)).toEqual(before);
    expect(server.output()).not.toMatch(/TypeError|Unhandled|ReferenceError/);
  });
});
