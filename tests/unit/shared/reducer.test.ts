import { describe, expect, it } from 'vitest';
import {
  ProgramSchema,
  applyCommand,
  applyEnvelope,
  liveView,
  type Command,
  type HallState,
  type Program,
} from '../../../shared/index.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();
const P1 = 'namba-2025-10-02-0940';
const P2 = 'namba-2025-10-02-1020';
const BREAK1 = 'namba-2025-10-02-1050';
const P3 = 'namba-2025-10-02-1105';

/** Applies commands in order at the given times; fails the test on a rejection. */
function run(steps: [Command, string][], state: HallState = idle('namba'), on: Program = program): HallState {
  for (const [command, local] of steps) {
    const outcome = applyCommand(on, state, command, tokyo(local));
    if (!outcome.ok) throw new Error(`${command.type} at ${local} rejected: ${outcome.message}`);
    state = outcome.state;
  }
  return state;
}

function reject(state: HallState, command: Command, local: string, on: Program = program) {
  const outcome = applyCommand(on, state, command, tokyo(local));
  expect(outcome.ok).toBe(false);
  if (outcome.ok) throw new Error('unreachable');
  expect(outcome.state).toBe(state);
  return outcome;
}

describe('next', () => {
  it('from an idle hall starts the first item that has not ended by the clock', () => {
    const state = run([[{ type: 'next' }, '2025-10-02T09:45']]);
    expect(state).toMatchObject({ phase: 'talk', itemId: P1, revision: 1, delayMs: 5 * MINUTE });
  });

  it('before the day starts the first item (early: negative delay)', () => {
    const state = run([[{ type: 'next' }, '2025-10-02T08:50']]);
    expect(state).toMatchObject({ itemId: 'namba-2025-10-02-0900', phase: 'talk', delayMs: -10 * MINUTE });
  });

  it('after every item has ended starts the first item, whatever the day', () => {
    const state = run([[{ type: 'next' }, '2025-10-05T10:00']]);
    expect(state.itemId).toBe('namba-2025-10-02-0900');
  });

  it('moves to the following item, never into Q&A', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'next' }, '2025-10-02T10:21'],
    ]);
    expect(state).toMatchObject({ itemId: P2, phase: 'talk', delayMs: MINUTE });
  });

  it('enters a break item in the break phase', () => {
    const state = run([
      [{ type: 'goto', itemId: P2 }, '2025-10-02T10:20'],
      [{ type: 'next' }, '2025-10-02T10:52'],
    ]);
    expect(state).toMatchObject({ itemId: BREAK1, phase: 'break' });
    expect(liveView(program, state, tokyo('2025-10-02T10:52')).countdown).toEqual({
      kind: 'break',
      endsAt: tokyo('2025-10-02T11:07'),
    });
  });

  it('tapped twice on the same revision advances once', () => {
    const start = run([[{ type: 'goto', itemId: P1 }, '2025-10-02T09:40']]);
    const first = applyEnvelope(program, start, { type: 'next', expectRevision: start.revision }, tokyo('2025-10-02T10:20'));
    expect(first.ok).toBe(true);
    const second = applyEnvelope(
      program,
      first.state,
      { type: 'next', expectRevision: start.revision },
      tokyo('2025-10-02T10:20'),
    );
    expect(second).toMatchObject({ ok: false, code: 'stale_revision' });
    expect(second.state).toBe(first.state);
    expect(second.state.itemId).toBe(P2);
  });

  it('from the last item ends the day', () => {
    const state = run([
      [{ type: 'goto', itemId: 'namba-2025-10-02-1800' }, '2025-10-02T18:00'],
      [{ type: 'next' }, '2025-10-02T20:00'],
    ]);
    expect(state).toMatchObject({ phase: 'ended', itemId: null });
    const view = liveView(program, state, tokyo('2025-10-02T20:01'));
    expect(view).toMatchObject({ phase: 'ended', now: null, next: null, countdown: null, delayMs: 0 });
  });

  it('is refused in a hall with no items', () => {
    const empty = ProgramSchema.parse({ ...program, halls: [...program.halls, { id: 'empty', name: 'Empty' }] });
    reject(idle('empty'), { type: 'next' }, '2025-10-02T10:00', empty);
  });
});

describe('goto', () => {
  it('starts any item of the hall now', () => {
    const state = run([[{ type: 'goto', itemId: P3 }, '2025-10-02T11:00']]);
    expect(state).toMatchObject({ itemId: P3, itemStartedAt: tokyo('2025-10-02T11:00'), delayMs: -5 * MINUTE });
  });

  it('refuses an unknown item and an item of another hall', () => {
    expect(reject(idle('namba'), { type: 'goto', itemId: 'nope' }, '2025-10-02T10:00').code).toBe('unknown_item');
    expect(reject(idle('namba'), { type: 'goto', itemId: 'nakamozu-2025-10-03-1400' }, '2025-10-02T10:00').code).toBe(
      'unknown_item',
    );
  });
});

describe('countdowns', () => {
  it('a talk counts down to phase start + planned length + extensions', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:42'],
      [{ type: 'extend', minutes: 5 }, '2025-10-02T10:00'],
      [{ type: 'extend', minutes: 1 }, '2025-10-02T10:01'],
    ]);
    expect(liveView(program, state, tokyo('2025-10-02T10:05')).countdown).toEqual({
      kind: 'talk',
      endsAt: tokyo('2025-10-02T10:28'),
    });
  });

  it('extend is refused when nothing runs', () => {
    reject(idle('namba'), { type: 'extend', minutes: 5 }, '2025-10-02T10:00');
  });

  it('Q&A runs to the end of the slot when the program gives no Q&A minutes', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'qa' }, '2025-10-02T10:10'],
    ]);
    expect(state.phase).toBe('qa');
    expect(liveView(program, state, tokyo('2025-10-02T10:10')).countdown).toEqual({
      kind: 'qa',
      endsAt: tokyo('2025-10-02T10:20'),
    });
  });

  it('with Q&A minutes in the program the talk timer leaves room for them and Q&A gets them', () => {
    const withQa = ProgramSchema.parse({
      ...program,
      items: program.items.map((i) => (i.id === P1 ? { ...i, qaMinutes: 10 } : i)),
    });
    const talk = run([[{ type: 'goto', itemId: P1 }, '2025-10-02T09:40']], idle('namba'), withQa);
    expect(liveView(withQa, talk, tokyo('2025-10-02T09:41')).countdown?.endsAt).toBe(tokyo('2025-10-02T10:10'));
    const qa = run([[{ type: 'qa' }, '2025-10-02T10:12']], talk, withQa);
    expect(liveView(withQa, qa, tokyo('2025-10-02T10:12')).countdown?.endsAt).toBe(tokyo('2025-10-02T10:22'));
  });

  it('Q&A needs a running talk', () => {
    reject(idle('namba'), { type: 'qa' }, '2025-10-02T10:00');
    const onBreak = run([[{ type: 'goto', itemId: BREAK1 }, '2025-10-02T10:50']]);
    reject(onBreak, { type: 'qa' }, '2025-10-02T10:55');
  });

  it('idle, hold and ended have no countdown', () => {
    const held = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'hold' }, '2025-10-02T09:50'],
    ]);
    expect(liveView(program, held, tokyo('2025-10-02T09:55')).countdown).toBeNull();
    expect(liveView(program, idle('nakamozu'), tokyo('2025-10-02T09:55')).countdown).toBeNull();
  });
});

describe('break', () => {
  it('after a talk enters the following break item; minutes override its length', () => {
    const talk = run([[{ type: 'goto', itemId: P2 }, '2025-10-02T10:20']]);
    const planned = run([[{ type: 'break' }, '2025-10-02T10:50']], talk);
    expect(planned).toMatchObject({ itemId: BREAK1, phase: 'break' });
    expect(liveView(program, planned, tokyo('2025-10-02T10:50')).countdown?.endsAt).toBe(tokyo('2025-10-02T11:05'));
    const longer = run([[{ type: 'break', minutes: 20 }, '2025-10-02T10:50']], talk);
    expect(liveView(program, longer, tokyo('2025-10-02T10:50')).countdown?.endsAt).toBe(tokyo('2025-10-02T11:10'));
  });

  it('elsewhere is an ad-hoc break (default 10 min); next then goes on with the following item', () => {
    const talk = run([[{ type: 'goto', itemId: P1 }, '2025-10-02T09:40']]);
    const adHoc = run([[{ type: 'break' }, '2025-10-02T10:00']], talk);
    const view = liveView(program, adHoc, tokyo('2025-10-02T10:00'));
    expect(view).toMatchObject({ phase: 'break', now: null, countdown: { kind: 'break', endsAt: tokyo('2025-10-02T10:10') } });
    expect(view.next?.id).toBe(P2);
    expect(run([[{ type: 'next' }, '2025-10-02T10:10']], adHoc).itemId).toBe(P2);
  });

  it('on a break with minutes restarts its countdown; without them is refused', () => {
    const onBreak = run([[{ type: 'goto', itemId: BREAK1 }, '2025-10-02T10:50']]);
    const restarted = run([[{ type: 'break', minutes: 5 }, '2025-10-02T11:00']], onBreak);
    expect(liveView(program, restarted, tokyo('2025-10-02T11:00')).countdown?.endsAt).toBe(tokyo('2025-10-02T11:05'));
    reject(onBreak, { type: 'break' }, '2025-10-02T11:00');
  });
});

describe('hold and release', () => {
  it('pauses the countdown and resumes it where it was', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'hold' }, '2025-10-02T10:00'],
    ]);
    const held = liveView(program, state, tokyo('2025-10-02T10:07'));
    expect(held).toMatchObject({ phase: 'hold', heldRemainingMs: 20 * MINUTE, countdown: null });
    expect(held.now?.id).toBe(P1);
    const released = run([[{ type: 'release' }, '2025-10-02T10:07']], state);
    expect(released.phase).toBe('talk');
    expect(liveView(program, released, tokyo('2025-10-02T10:07')).countdown?.endsAt).toBe(tokyo('2025-10-02T10:27'));
  });

  it('works from an unattended hall and back', () => {
    const held = run([[{ type: 'hold' }, '2025-10-02T10:00']]);
    expect(liveView(program, held, tokyo('2025-10-02T10:00')).phase).toBe('hold');
    const released = run([[{ type: 'release' }, '2025-10-02T10:05']], held);
    expect(liveView(program, released, tokyo('2025-10-02T10:05'))).toMatchObject({ source: 'schedule', phase: 'talk' });
  });

  it('refuses release when not on hold and hold twice', () => {
    reject(idle('namba'), { type: 'release' }, '2025-10-02T10:00');
    reject(run([[{ type: 'hold' }, '2025-10-02T10:00']]), { type: 'hold' }, '2025-10-02T10:01');
  });

  it('extend while on hold extends the paused phase', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'hold' }, '2025-10-02T10:00'],
      [{ type: 'extend', minutes: 5 }, '2025-10-02T10:01'],
      [{ type: 'release' }, '2025-10-02T10:02'],
    ]);
    expect(liveView(program, state, tokyo('2025-10-02T10:02')).countdown?.endsAt).toBe(tokyo('2025-10-02T10:27'));
  });
});

describe('previous', () => {
  it('undoes a next: the talk comes back with its own start and timer', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:41'],
      [{ type: 'extend', minutes: 2 }, '2025-10-02T10:00'],
      [{ type: 'next' }, '2025-10-02T10:05'],
      [{ type: 'previous' }, '2025-10-02T10:05'],
    ]);
    expect(state).toMatchObject({
      itemId: P1,
      itemStartedAt: tokyo('2025-10-02T09:41'),
      phase: 'talk',
      history: [expect.anything()],
    });
    expect(liveView(program, state, tokyo('2025-10-02T10:06')).countdown?.endsAt).toBe(tokyo('2025-10-02T10:23'));
  });

  it('undoes Q&A back to the talk', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'qa' }, '2025-10-02T10:10'],
      [{ type: 'previous' }, '2025-10-02T10:11'],
    ]);
    expect(state.phase).toBe('talk');
  });

  it('with nothing to undo starts the preceding item; at the first item it is refused', () => {
    const base = { ...run([[{ type: 'goto', itemId: P2 }, '2025-10-02T10:20']]), history: [] };
    expect(run([[{ type: 'previous' }, '2025-10-02T10:21']], base).itemId).toBe(P1);
    const first = { ...run([[{ type: 'goto', itemId: 'namba-2025-10-02-0900' }, '2025-10-02T09:00']]), history: [] };
    reject(first, { type: 'previous' }, '2025-10-02T09:01');
    reject(idle('namba'), { type: 'previous' }, '2025-10-02T09:01');
  });
});

describe('message and reset', () => {
  it('a message goes to every surface unless targeted, without starting the hall', () => {
    const state = run([[{ type: 'message', text: 'Lunch extended by 10 min' }, '2025-10-02T12:30']]);
    expect(state.message).toEqual({
      text: 'Lunch extended by 10 min',
      targets: ['signage', 'lobby', 'timer', 'stream', 'live'],
      sentAt: tokyo('2025-10-02T12:30'),
    });
    expect(liveView(program, state, tokyo('2025-10-02T12:31'))).toMatchObject({ source: 'schedule', phase: 'break' });
    const targeted = run([[{ type: 'message', text: 'Wrap up', targets: ['timer'] }, '2025-10-02T12:31']], state);
    expect(targeted.message?.targets).toEqual(['timer']);
    expect(run([[{ type: 'clearMessage' }, '2025-10-02T12:32']], targeted).message).toBeNull();
  });

  it('reset goes back to idle and keeps counting revisions', () => {
    const state = run([
      [{ type: 'goto', itemId: P1 }, '2025-10-02T09:40'],
      [{ type: 'message', text: 'Rehearsal' }, '2025-10-02T09:41'],
      [{ type: 'reset' }, '2025-10-02T09:42'],
    ]);
    expect(state).toMatchObject({ phase: 'idle', itemId: null, message: null, history: [], revision: 3 });
  });
});

describe('message length', () => {
  it('counts characters, not UTF-16 units: 280 emoji fit, 281 characters do not', async () => {
    const { CommandSchema } = await import('../../../shared/index.js');
    expect(CommandSchema.safeParse({ type: 'message', text: '🎤'.repeat(280) }).success).toBe(true);
    expect(CommandSchema.safeParse({ type: 'message', text: 'x'.repeat(281) }).success).toBe(false);
  });
});
