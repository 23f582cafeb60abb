import { describe, expect, it } from 'vitest';
import { applyCommand, applyEnvelope, liveView, type Command, type HallState } from '../../../shared/index.js';
import { demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();
const P1 = 'namba-2025-10-02-0940';
const P2 = 'namba-2025-10-02-1020';
const BREAK1 = 'namba-2025-10-02-1050';

function apply(state: HallState, command: Command, local: string): HallState {
  const outcome = applyCommand(program, state, command, tokyo(local));
  if (!outcome.ok) throw new Error(`${command.type} at ${local} rejected: ${outcome.message}`);
  return outcome.state;
}

describe('checkIn', () => {
  it('keeps every check-in in the hall state, with when it was made', () => {
    let state = apply(idle('namba'), { type: 'checkIn', itemId: P1, present: true }, '2025-10-02T09:10');
    state = apply(state, { type: 'checkIn', itemId: P2, present: true }, '2025-10-02T09:12');
    expect(state.checkIns).toEqual({
      [P1]: { present: true, at: tokyo('2025-10-02T09:10') },
      [P2]: { present: true, at: tokyo('2025-10-02T09:12') },
    });
    expect(state.revision).toBe(2);
  });

  it('present: false takes a check-in back', () => {
    let state = apply(idle('namba'), { type: 'checkIn', itemId: P2, present: true }, '2025-10-02T09:10');
    state = apply(state, { type: 'checkIn', itemId: P2, present: false }, '2025-10-02T09:11');
    expect(state.checkIns[P2]?.present).toBe(false);
  });

  it('the live view’s next carries checkedIn', () => {
    let state = apply(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    const before = liveView(program, state, tokyo('2025-10-02T09:41'));
    expect(before.next).toMatchObject({ id: P2, checkedIn: false });
    state = apply(state, { type: 'checkIn', itemId: P2, present: true }, '2025-10-02T09:42');
    expect(liveView(program, state, tokyo('2025-10-02T09:42')).next).toMatchObject({ id: P2, checkedIn: true });
  });

  it('is not a position: previous never undoes one, and the position stays', () => {
    let state = apply(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    state = apply(state, { type: 'next' }, '2025-10-02T10:20');
    const moved = state;
    state = apply(state, { type: 'checkIn', itemId: 'namba-2025-10-02-1105', present: true }, '2025-10-02T10:25');
    expect(state.history).toEqual(moved.history);
    expect(state.itemId).toBe(P2);
    state = apply(state, { type: 'previous' }, '2025-10-02T10:26');
    expect(state.itemId).toBe(P1);
    expect(state.checkIns['namba-2025-10-02-1105']?.present).toBe(true);
  });

  it('rejects an unknown item, an item of another hall, and an item with no speaker, changing nothing', () => {
    const state = idle('namba');
    for (const itemId of ['nope', 'nakamozu-2025-10-02-0940', BREAK1]) {
      const outcome = applyCommand(program, state, { type: 'checkIn', itemId, present: true }, tokyo('2025-10-02T09:00'));
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.state).toBe(state);
    }
  });

  it('follows the revision rules: a stale revision is rejected', () => {
    const state = apply(idle('namba'), { type: 'checkIn', itemId: P1, present: true }, '2025-10-02T09:10');
    const stale = applyEnvelope(
      program,
      state,
      { type: 'checkIn', itemId: P2, present: true, expectRevision: 0 },
      tokyo('2025-10-02T09:11'),
    );
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.code).toBe('stale_revision');
    expect(stale.state).toBe(state);
  });
});
