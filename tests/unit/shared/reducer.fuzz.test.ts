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
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCommand(next: () => number, program: Program, state: HallState): CommandEnvelope {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const hallItems = program.items.filter((i) => i.hallId === state.hallId);
  const stale = next() < 0.1;
  const expectRevision =
    next() < 0.5 ? (stale ? Math.max(0, state.revision - 1 - Math.floor(next() * 3)) : state.revision) : undefined;
  const base = expectRevision === undefined ? {} : { expectRevision };
  const type = pick([
    'next',
    'next',
    'next',
    'previous',
    'goto',
    'qa',
    'break',
    'extend',
    'hold',
    'release',
    'message',
    'clearMessage',
    'reset',
  ] as const);
  switch (type) {
    case 'goto':
      return { ...base, type, itemId: next() < 0.9 && hallItems.length ? pick(hallItems).id : 'missing-item' };
    case 'break':
      return next() < 0.5 ? { ...base, type } : { ...base, type, minutes: 1 + Math.floor(next() * 30) };
    case 'extend':
      return { ...base, type, minutes: pick([-5, -1, 1, 2, 5, 10]) };
    case 'message':
      return { ...base, type, text: 'Note', ...(next() < 0.5 ? { targets: ['signage' as const] } : {}) };
    default:
      return { ...base, type };
  }
}

describe('any sequence of commands keeps the hall consistent', () => {
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

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: revisions step by one, rejections change nothing, views stay sane`, () => {
      const next = random(seed);
      const program = seed % 2 ? demo : twoDays;
      const hallId = seed % 3 === 0 ? 'nakamozu' : 'namba';
      let state = idle(hallId);
      let now = tokyo(hallId === 'namba' ? '2025-10-02T08:30' : '2025-10-03T13:00');
      for (let step = 0; step < 400; step++) {
        now += Math.floor(next() * 8 * MINUTE);
        const envelope = randomCommand(next, program, state);
        const outcome = applyEnvelope(program, state, envelope, now);
        if (outcome.ok) {
          expect(outcome.state.revision).toBe(state.revision + 1);
          expect(HallStateSchema.safeParse(outcome.state).success).toBe(true);
          expect(outcome.state.history.length).toBeLessThanOrEqual(20);
          state = outcome.state;
        } else {
          expect(outcome.state).toBe(state);
          if (envelope.expectRevision !== undefined && envelope.expectRevision !== state.revision) {
            expect(outcome.code).toBe('stale_revision');
          }
        }
        const view = liveView(program, state, now);
        expect(view.revision).toBe(state.revision);
        expect(view.delayMs).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(view.countdown?.endsAt ?? 0)).toBe(true);
        if (view.phase === 'hold' || view.phase === 'idle' || view.phase === 'ended') expect(view.countdown).toBeNull();
        for (const projected of comingItems(program, state, now)) {
          expect(projected.start).toBeGreaterThanOrEqual(projected.item.start);
          expect(projected.end - projected.start).toBe(projected.item.end - projected.item.start);
        }
        if (view.now) expect(view.now.hallId).toBe(hallId);
        if (view.next) expect(view.next.hallId).toBe(hallId);
      }
    });
  }
});
