import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HallStateSchema,
  ProgramSchema,
  applyEnvelope,
  comingItems,
  liveView,
  type CommandEnvelope,
  type HallState,
  type Program,
} from '../../../shared/index.js';
import type { Principal } from '../../../server/auth/auth.service.js';
import { LiveService } from '../../../server/live/live.service.js';
import { SqliteStore } from '../../../server/store/sqlite-store.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

// The reducer under any command sequence (fast-check: a failure is shrunk to its shortest sequence and printed
// with its seed): revisions step by one, a command on a stale revision is refused and changes nothing, a refused
// command leaves the very same state, views stay sane; and through the live service, a command id is applied once.

/** What revision a generated command names: none, the current one, or one `behind` an older one. */
type RevisionChoice = { kind: 'none' } | { kind: 'current' } | { kind: 'stale'; behind: number };

/** One step of a generated sequence: time passes, then a command (built on the state it meets) is sent. */
interface Step {
  waitMs: number;
  revision: RevisionChoice;
  command:
    | { type: 'next' | 'previous' | 'qa' | 'hold' | 'release' | 'clearMessage' | 'reset' }
    | { type: 'goto'; item: number | 'missing' }
    | { type: 'break'; minutes?: number }
    | { type: 'extend'; minutes: number }
    | { type: 'message'; toSignage: boolean };
}

const revisionChoice: fc.Arbitrary<RevisionChoice> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'current' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((behind) => ({ kind: 'stale' as const, behind })) },
);
const command: fc.Arbitrary<Step['command']> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ type: 'next' as const }) },
  fc.constantFrom(...(['previous', 'qa', 'hold', 'release', 'clearMessage', 'reset'] as const).map((type) => ({ type }))),
  fc
    .oneof({ weight: 9, arbitrary: fc.nat(40) }, fc.constant('missing' as const))
    .map((item) => ({ type: 'goto' as const, item })),
  fc
    .option(fc.integer({ min: 1, max: 30 }), { nil: undefined })
    .map((minutes) => (minutes === undefined ? { type: 'break' as const } : { type: 'break' as const, minutes })),
  fc.constantFrom(-5, -1, 1, 2, 5, 10).map((minutes) => ({ type: 'extend' as const, minutes })),
  fc.boolean().map((toSignage) => ({ type: 'message' as const, toSignage })),
);
const step: fc.Arbitrary<Step> = fc.record({ waitMs: fc.nat(8 * MINUTE), revision: revisionChoice, command });

/** The envelope a step sends to a hall in `state`. */
function envelopeOf(s: Step, program: Program, state: HallState): CommandEnvelope {
  const expect =
    s.revision.kind === 'none'
      ? {}
      : { expectRevision: s.revision.kind === 'current' ? state.revision : Math.max(0, state.revision - s.revision.behind) };
  const c = s.command;
  switch (c.type) {
    case 'goto': {
      const items = program.items.filter((i) => i.hallId === state.hallId);
      const item = c.item === 'missing' || items.length === 0 ? undefined : items[c.item % items.length];
      return { ...expect, type: 'goto', itemId: item?.id ?? 'missing-item' };
    }
    case 'break':
      return { ...expect, ...c };
    case 'extend':
      return { ...expect, ...c };
    case 'message':
      return { ...expect, type: 'message', text: 'Note', ...(c.toSignage ? { targets: ['signage' as const] } : {}) };
    default:
      return { ...expect, type: c.type };
  }
}

const demo = demoProgram();
const twoDays = ProgramSchema.parse({
  ...demo,
  items: [
    ...demo.items,
    ...demo.items
      .filter((i) => i.hallId === 'namba')
      .map((i) => ({ ...i, id: `${i.id}-day3`, start: i.start + 2 * 24 * 60 * MINUTE, end: i.end + 2 * 24 * 60 * MINUTE })),
  ],
});
const scenario = fc.record({
  program: fc.constantFrom(demo, twoDays),
  hallId: fc.constantFrom('namba', 'nakamozu'),
  steps: fc.array(step, { minLength: 1, maxLength: 300 }),
});

function expectSaneView(program: Program, state: HallState, now: number): void {
  const view = liveView(program, state, now);
  expect(view.revision).toBe(state.revision);
  expect(view.delayMs).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(view.countdown?.endsAt ?? 0)).toBe(true);
  if (view.phase === 'hold' || view.phase === 'idle' || view.phase === 'ended') expect(view.countdown).toBeNull();
  for (const projected of comingItems(program, state, now)) {
    expect(projected.start).toBeGreaterThanOrEqual(projected.item.start);
    expect(projected.end - projected.start).toBe(projected.item.end - projected.item.start);
  }
  if (view.now) expect(view.now.hallId).toBe(state.hallId);
  if (view.next) expect(view.next.hallId).toBe(state.hallId);
}

describe('any sequence of commands keeps the hall consistent', () => {
  it('revisions step by one, stale revisions are refused, refusals change nothing, views stay sane', () => {
    fc.assert(
      fc.property(scenario, ({ program, hallId, steps }) => {
        let state = idle(hallId);
        let now = tokyo(hallId === 'namba' ? '2025-10-02T08:30' : '2025-10-03T13:00');
        for (const s of steps) {
          now += s.waitMs;
          const envelope = envelopeOf(s, program, state);
          const outcome = applyEnvelope(program, state, envelope, now);
          if (envelope.expectRevision !== undefined && envelope.expectRevision !== state.revision) {
            expect(outcome.ok).toBe(false);
            if (!outcome.ok) expect(outcome.code).toBe('stale_revision');
          }
          if (outcome.ok) {
            expect(outcome.state.revision).toBe(state.revision + 1);
            expect(HallStateSchema.safeParse(outcome.state).success).toBe(true);
            expect(outcome.state.history.length).toBeLessThanOrEqual(20);
            state = outcome.state;
          } else {
            expect(outcome.state).toBe(state);
          }
          expectSaneView(program, state, now);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('through the live service, a command id is applied once', () => {
  const director: Principal = { role: 'director', actor: 'director', label: 'Director' };

  it('repeated ids answer the first result again and move the hall once; the log has each id once, revisions 1, 2, 3 …', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ step, id: fc.option(fc.nat(9), { nil: undefined }) }), { minLength: 1, maxLength: 30 }),
        async (sends) => {
          const dir = mkdtempSync(join(tmpdir(), 'lectern-reducer-fuzz-'));
          const store = new SqliteStore(dir);
          try {
            let now = tokyo('2025-10-02T08:30');
            const clock = { now: () => now, offsetMs: 0 };
            const live = await LiveService.open(store, clock, () => Promise.resolve(demo));
            const applied = new Set<string>();
            for (const { step: s, id } of sends) {
              now += s.waitMs;
              const before = live.state('namba');
              const commandId = id === undefined ? undefined : `command-${id}`;
              const envelope = { ...envelopeOf(s, demo, before), ...(commandId ? { commandId } : {}) };
              const answer = await live.command('namba', envelope, director);
              const after = live.state('namba');
              if (commandId && applied.has(commandId)) {
                expect(answer).toMatchObject({ ok: true, duplicate: true });
                expect(after).toEqual(before);
              } else if (answer.ok) {
                expect(after.revision).toBe(before.revision + 1);
                if (commandId) applied.add(commandId);
              } else {
                expect(after).toEqual(before);
              }
            }
            const log = await store.listCommands('namba');
            expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => i + 1));
            const ids = log.map((e) => e.commandId).filter((c): c is string => c !== null);
            expect(new Set(ids).size).toBe(ids.length);
            expect(new Set(ids)).toEqual(applied);
          } finally {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
