import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, hallAbilities, hallItems, nextStep, type Command, type HallState } from '../../../shared/index.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();
const items = hallItems(program, 'namba');

function run(steps: [Command, string][]): HallState {
  let state = idle('namba');
  for (const [command, at] of steps) {
    const outcome = applyCommand(program, state, command, tokyo(at));
    if (!outcome.ok) throw new Error(outcome.message);
    state = outcome.state;
  }
  return state;
}

describe('nextStep: what the big button says it will do, and does', () => {
  it('from an idle hall: the item the clock is in', () => {
    const step = nextStep(items, idle('namba'), tokyo('2025-10-02T09:45'));
    expect(step).toMatchObject({ kind: 'start', item: { id: 'namba-2025-10-02-0940' } });
    // The reducer starts the same item.
    const after = run([[{ type: 'next' }, '2025-10-02T09:45']]);
    expect(after.itemId).toBe('namba-2025-10-02-0940');
  });

  it('on a talk: the following item', () => {
    const state = run([[{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40']]);
    expect(nextStep(items, state, tokyo('2025-10-02T10:00'))).toMatchObject({
      kind: 'start',
      item: { id: 'namba-2025-10-02-1020' },
    });
  });

  it('on the last item of the day: end the day', () => {
    const state = run([[{ type: 'goto', itemId: 'namba-2025-10-02-1800' }, '2025-10-02T18:00']]);
    expect(nextStep(items, state, tokyo('2025-10-02T19:00'))).toEqual({ kind: 'end' });
  });

  it('a hall without items: nothing', () => {
    expect(nextStep([], idle('x'), 0)).toEqual({ kind: 'none' });
  });
});

describe('hallAbilities: a button is off exactly when the reducer would refuse it', () => {
  const at = '2025-10-02T10:00';
  const cases: [string, [Command, string][]][] = [
    ['idle', []],
    ['talk', [[{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40']]],
    [
      'qa',
      [
        [{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40'],
        [{ type: 'qa' }, '2025-10-02T09:55'],
      ],
    ],
    ['break', [[{ type: 'goto', itemId: 'namba-2025-10-02-1050' }, '2025-10-02T09:50']]],
    [
      'hold',
      [
        [{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40'],
        [{ type: 'hold' }, '2025-10-02T09:50'],
      ],
    ],
  ];
  for (const [name, steps] of cases) {
    it(`on ${name}`, () => {
      const state = run(steps);
      const now = tokyo(at);
      const a = hallAbilities(program, state, now);
      const accepts = (command: Command) => applyCommand(program, state, command, now).ok;
      expect(a.canQa).toBe(accepts({ type: 'qa' }));
      expect(a.canGoBack).toBe(accepts({ type: 'previous' }));
      expect(a.timed).toBe(accepts({ type: 'extend', minutes: 1 }));
      expect(a.onHold).toBe(accepts({ type: 'release' }));
      // On a break the button asks for the new length (a break without minutes is refused there);
      // elsewhere it sends the program's break as it is, or an ad-hoc one with minutes.
      if (a.onBreak) {
        expect(accepts({ type: 'break' })).toBe(false);
        expect(accepts({ type: 'break', minutes: 5 })).toBe(true);
      } else {
        expect(accepts(a.breakItem ? { type: 'break' } : { type: 'break', minutes: a.breakMinutes })).toBe(true);
      }
    });
  }

  it('the break button starts the program’s break with its length when it comes next', () => {
    const state = run([[{ type: 'goto', itemId: 'namba-2025-10-02-1020' }, '2025-10-02T10:20']]);
    const a = hallAbilities(program, state, tokyo('2025-10-02T10:40'));
    expect(a.breakItem?.id).toBe('namba-2025-10-02-1050');
    expect(a.breakMinutes).toBe(15);
  });
});

describe('predicates against the reducer, on states reached by random presses', () => {
  const itemIds = items.map((i) => i.id);
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.constant<Command>({ type: 'next' }),
    fc.constant<Command>({ type: 'next' }),
    fc.constant<Command>({ type: 'previous' }),
    fc.constantFrom(...itemIds).map((itemId): Command => ({ type: 'goto', itemId })),
    fc.constant<Command>({ type: 'qa' }),
    fc
      .option(fc.integer({ min: 1, max: 30 }), { nil: undefined })
      .map((minutes): Command => (minutes === undefined ? { type: 'break' } : { type: 'break', minutes })),
    fc.constantFrom(-1, 1, 5).map((minutes): Command => ({ type: 'extend', minutes })),
    fc.constant<Command>({ type: 'hold' }),
    fc.constant<Command>({ type: 'release' }),
    fc.constant<Command>({ type: 'reset' }),
  );
  // Presses a few minutes apart from the first morning on; the state is then read up to two days later
  // (so last night's state, which has expired, is sampled too).
  const presses = fc.array(fc.tuple(command, fc.integer({ min: 0, max: 90 })), { maxLength: 12 });
  const start = tokyo('2025-10-02T08:30');

  it('each button is on only when the reducer takes its command, and exactly then on a chair-run hall', () => {
    fc.assert(
      fc.property(presses, fc.integer({ min: 0, max: 48 * 60 }), (steps, laterMinutes) => {
        let state = idle('namba');
        let at = start;
        for (const [c, gap] of steps) {
          at += gap * MINUTE;
          state = applyCommand(program, state, c, at).state;
        }
        const now = at + laterMinutes * MINUTE;
        const a = hallAbilities(program, state, now);
        const outcome = (c: Command) => applyCommand(program, state, c, now);
        const accepts = (c: Command) => outcome(c).ok;

        expect(a.nextLabel !== 'none').toBe(accepts({ type: 'next' }));
        const afterNext = outcome({ type: 'next' });
        if (a.next.kind === 'end') expect(afterNext.state.phase).toBe('ended');
        if (a.next.kind === 'start') expect(afterNext.state.itemId).toBe(a.next.item.id);
        expect(a.onHold).toBe(accepts({ type: 'release' }));
        expect(a.onHold).toBe(!accepts({ type: 'hold' }));

        const gated: [boolean, Command][] = [
          [a.canGoBack, { type: 'previous' }],
          [a.canQa, { type: 'qa' }],
          [a.timed, { type: 'extend', minutes: 1 }],
        ];
        for (const [enabled, c] of gated) {
          if (enabled) expect(accepts(c)).toBe(true);
          if (a.chairRun) expect(enabled).toBe(accepts(c));
        }

        if (a.onBreak) {
          expect(accepts({ type: 'break' })).toBe(false);
          expect(accepts({ type: 'break', minutes: 5 })).toBe(true);
        } else {
          const started = outcome(a.breakItem ? { type: 'break' } : { type: 'break', minutes: a.breakMinutes });
          expect(started.ok).toBe(true);
          if (a.breakItem) expect(started.state.itemId).toBe(a.breakItem.id);
        }
      }),
      { numRuns: 400 },
    );
  });
});
