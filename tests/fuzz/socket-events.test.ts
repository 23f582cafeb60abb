import fc from 'fast-check';
import { io } from 'socket.io-client';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandEnvelopeSchema, DisplayHelloSchema, type LecternClientSocket } from '../../shared/index.js';
import { DIRECTOR_TOKEN, startServer, type TestServer } from '../support/server.js';
import { connect } from '../support/socket.js';
import { UNTHROTTLED, isClearError, observe } from './state.js';

// docs/guarantees.md, "Hostile input": random, malformed, oversized and wrong-type payloads on every socket event
// (sent as the director, so only validation stands in the way) never crash the server, never change a hall, and
// are answered with a clear error when an acknowledgement was asked for.

const RUNS = 150;
const HALLS = ['namba', 'nakamozu', 'NAMBA', '', 'x'.repeat(61), '../namba', '__proto__'];

let server: TestServer;
let director: LecternClientSocket;
beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00', ...UNTHROTTLED] });
  director = await connect(server.url, DIRECTOR_TOKEN);
});
afterAll(async () => {
  director?.close();
  await server.stop();
});

const junk = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: false, withNullPrototype: true, withObjectString: true }),
  fc.string({ maxLength: 2000 }),
  fc.constantFrom(null, undefined, 0, -1, 1e308, NaN, true, [], {}, '', '{', 'hall:watch'),
);
/** Near-valid commands: a real type with fields of the wrong type or out of range. */
const nearCommand = fc.record(
  {
    hallId: fc.oneof(fc.constantFrom(...HALLS), junk),
    type: fc.oneof(fc.constantFrom('next', 'goto', 'extend', 'message', 'break', 'reset', 'qa', 'hold'), junk),
    itemId: junk,
    minutes: fc.oneof(fc.constantFrom(0, 121, -121, 1.5, '5', Infinity), junk),
    text: fc.oneof(fc.string({ minLength: 281, maxLength: 400 }), junk),
    targets: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), junk),
    expectRevision: fc.oneof(fc.constantFrom(-1, 0.5, '3'), junk),
    commandId: fc.oneof(fc.string({ maxLength: 7 }), fc.string({ minLength: 81, maxLength: 90 }), junk),
  },
  { requiredKeys: [] },
);
const CommandPayload = z.object({ hallId: z.string().min(1).max(60) }).and(CommandEnvelopeSchema);
const WatchPayload = z.object({ hallId: z.enum(['namba', 'nakamozu']) });

async function ack(socket: LecternClientSocket, event: string, payload: unknown): Promise<unknown> {
  return (socket.timeout(3000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
    event,
    payload,
  );
}

describe('socket events with hostile payloads', () => {
  it('hall:command: refused with a clear error, nothing changes', async () => {
    const before = await observe(server.url);
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearCommand, junk), async (payload) => {
        fc.pre(!CommandPayload.safeParse(payload).success);
        const answer = await ack(director, 'hall:command', payload);
        expect(answer).toMatchObject({ ok: false });
        expect(isClearError(answer), JSON.stringify(answer)).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(await observe(server.url)).toEqual(before);
  });

  it('hall:watch, hall:unwatch and display:hello: refused with a clear error', async () => {
    for (const [event, valid] of [
      ['hall:watch', WatchPayload],
      ['display:hello', DisplayHelloSchema],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(junk, async (payload) => {
          fc.pre(!valid.safeParse(payload).success);
          const answer = await ack(director, event, payload);
          expect(answer, event).toMatchObject({ ok: false });
          expect(isClearError(answer), `${event}: ${JSON.stringify(answer)}`).toBe(true);
        }),
        { numRuns: RUNS },
      );
    }
    await fc.assert(
      fc.asyncProperty(junk, async (payload) => {
        const answer = await ack(director, 'hall:unwatch', payload);
        expect(typeof answer === 'object' && answer !== null && 'ok' in answer).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('clock:ping with any t0 answers the server time', async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (t0) => {
        const answer = (await ack(director, 'clock:ping', t0)) as { t0: unknown; serverTime: unknown };
        expect(typeof answer.serverTime).toBe('number');
        expect(Number.isFinite(answer.t0)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('unknown events: an unknown_event error when an acknowledgement was asked for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 80 }),
          fc.constantFrom('hall:reset', 'obs:mode', 'constructor', 'toString'),
        ),
        junk,
        async (event, payload) => {
          fc.pre(!['hall:watch', 'hall:unwatch', 'hall:command', 'clock:ping', 'display:hello'].includes(event));
          fc.pre(!['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'].includes(event));
          const answer = await ack(director, event, payload);
          expect(answer).toMatchObject({ ok: false, error: 'unknown_event' });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('events without an acknowledgement, extra arguments and frames over 1 MB: the server goes on', async () => {
    const before = await observe(server.url);
    const socket = await connect(server.url, DIRECTOR_TOKEN);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('hall:watch', 'hall:unwatch', 'hall:command', 'clock:ping', 'display:hello', 'nope'),
        fc.array(junk, { maxLength: 4 }),
        async (event, args) => {
          fc.pre(!args.some((a) => CommandPayload.safeParse(a).success));
          (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    const answer = await ack(socket, 'clock:ping', 1);
    expect(answer).toMatchObject({ t0: 1 });

    // Over socket.io's 1 MB frame limit: that socket is dropped, nobody else notices.
    const big = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: DIRECTOR_TOKEN },
    });
    await new Promise<void>((resolve) => big.once('connect', () => resolve()));
    const dropped = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    big.emit('hall:command', { hallId: 'namba', type: 'message', text: 'x'.repeat(2_000_000) });
    expect(await dropped).toMatch(/transport/);
    big.close();
    socket.close();
    expect(await observe(server.url)).toEqual(before);
    expect(server.output()).not.toMatch(/failed:|Unhandled|TypeError/);
  });
});
