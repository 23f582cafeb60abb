import { describe, expect, it } from 'vitest';
import { applyCommand, hallItems, type Command, type HallState } from '../../../shared/index.js';
import { hallAbilities, nextStep } from '../../../control/lib/hallActions.js';
import { demoProgram, idle, tokyo } from '../../support/demo.js';

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
