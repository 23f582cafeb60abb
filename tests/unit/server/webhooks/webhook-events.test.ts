import { describe, expect, it } from 'vitest';
import { applyCommand, liveView, type Command, type HallState } from '../../../../shared/index.js';
import { overtimeEvent, overtimeKey, transitionEvents } from '../../../../server/webhooks/webhook-events.js';
import { demoProgram, idle, tokyo } from '../../../support/demo.js';

const program = demoProgram();
const P1 = 'namba-2025-10-02-0940';
const P2 = 'namba-2025-10-02-1020';

/** Applies a command and answers the events of the change. */
function step(state: HallState, command: Command, local: string) {
  const at = tokyo(local);
  const outcome = applyCommand(program, state, command, at);
  if (!outcome.ok) throw new Error(`${command.type} at ${local} rejected: ${outcome.message}`);
  const view = liveView(program, outcome.state, at);
  return {
    state: outcome.state,
    events: transitionEvents({ previous: state, state: outcome.state, view, at, command: command.type }),
  };
}

describe('transitionEvents', () => {
  it('a started item sends item.started (with the item) and phase.changed idle → talk', () => {
    const { state, events } = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:41');
    expect(events.map((e) => e.event)).toEqual(['item.started', 'phase.changed']);
    expect(events[0]).toMatchObject({
      hallId: 'namba',
      revision: state.revision,
      at: tokyo('2025-10-02T09:41'),
      data: { item: { id: P1 }, phase: 'talk', startedAt: tokyo('2025-10-02T09:41'), delayMs: 60_000 },
    });
    expect(events[0]!.data).not.toHaveProperty('item.abstract');
    expect(events[1]!.data).toEqual({ from: 'idle', to: 'talk', itemId: P1 });
  });

  it('next to the following talk: item.started only (the phase stays talk)', () => {
    const first = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    const { events } = step(first.state, { type: 'next' }, '2025-10-02T10:20');
    expect(events.map((e) => e.event)).toEqual(['item.started']);
    expect(events[0]!.data).toMatchObject({ item: { id: P2 } });
  });

  it('the same item started again (goto it) is a new item.started', () => {
    const first = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    const { events } = step(first.state, { type: 'goto', itemId: P1 }, '2025-10-02T09:45');
    expect(events.map((e) => e.event)).toEqual(['item.started']);
  });

  it('Q&A: phase.changed talk → qa, no item.started', () => {
    const first = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    const { events } = step(first.state, { type: 'qa' }, '2025-10-02T10:05');
    expect(events.map((e) => e.event)).toEqual(['phase.changed']);
    expect(events[0]!.data).toEqual({ from: 'talk', to: 'qa', itemId: P1 });
  });

  it('hold and release: phase.changed and hall.held on, then off', () => {
    const first = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    const held = step(first.state, { type: 'hold' }, '2025-10-02T09:50');
    expect(held.events.map((e) => e.event)).toEqual(['phase.changed', 'hall.held']);
    expect(held.events[1]!.data).toEqual({ held: true, itemId: P1 });
    const released = step(held.state, { type: 'release' }, '2025-10-02T09:52');
    expect(released.events.map((e) => e.event)).toEqual(['phase.changed', 'hall.held']);
    expect(released.events[0]!.data).toEqual({ from: 'hold', to: 'talk', itemId: P1 });
    expect(released.events[1]!.data).toEqual({ held: false, itemId: P1 });
  });

  it('a message set, changed and cleared: one message event each, with the message (null when cleared)', () => {
    const set = step(idle('namba'), { type: 'message', text: 'Mics off', targets: ['timer'] }, '2025-10-02T09:30');
    expect(set.events).toEqual([
      expect.objectContaining({
        event: 'message',
        data: { message: { text: 'Mics off', targets: ['timer'], sentAt: tokyo('2025-10-02T09:30') } },
      }),
    ]);
    const again = step(set.state, { type: 'message', text: 'Mics off', targets: ['timer'] }, '2025-10-02T09:31');
    expect(again.events.map((e) => e.event)).toEqual(['message']);
    const cleared = step(again.state, { type: 'clearMessage' }, '2025-10-02T09:32');
    expect(cleared.events).toEqual([expect.objectContaining({ event: 'message', data: { message: null } })]);
  });

  it('a change that touches none of them (a check-in, an extension) sends nothing', () => {
    const first = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
    expect(step(first.state, { type: 'checkIn', itemId: P2, present: true }, '2025-10-02T09:41').events).toEqual([]);
    expect(step(first.state, { type: 'extend', minutes: 5 }, '2025-10-02T09:41').events).toEqual([]);
  });
});

describe('overtimeEvent', () => {
  const started = step(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40').state;

  it('none while the countdown runs; once when it passes zero; not again for the same run', () => {
    const view = (local: string) => liveView(program, started, tokyo(local));
    const before = view('2025-10-02T09:59');
    expect(overtimeEvent(before, before.serverTime, undefined)).toBeNull();
    const endsAt = before.countdown!.endsAt;
    const over = liveView(program, started, endsAt + 1500);
    const event = overtimeEvent(over, endsAt + 1500, undefined);
    expect(event).toMatchObject({
      event: 'overtime',
      hallId: 'namba',
      revision: started.revision,
      at: endsAt + 1500,
      data: { itemId: P1, kind: 'talk', endsAt, overByMs: 1500 },
    });
    expect(overtimeEvent(over, endsAt + 2500, overtimeKey(over)!)).toBeNull();
  });

  it('an extension after it is a new run: overtime again when that one passes zero', () => {
    const endsAt = liveView(program, started, tokyo('2025-10-02T09:41')).countdown!.endsAt;
    const firstKey = overtimeKey(liveView(program, started, endsAt + 1000))!;
    const extended = applyCommand(program, started, { type: 'extend', minutes: 2 }, endsAt + 1000);
    if (!extended.ok) throw new Error(extended.message);
    const during = liveView(program, extended.state, endsAt + 60_000);
    expect(overtimeEvent(during, endsAt + 60_000, firstKey)).toBeNull();
    const after = liveView(program, extended.state, endsAt + 121_000);
    expect(overtimeEvent(after, endsAt + 121_000, firstKey)).toMatchObject({ data: { endsAt: endsAt + 120_000 } });
  });

  it('none on hold (the countdown is paused) and none for a hall that follows its printed schedule', () => {
    const held = applyCommand(program, started, { type: 'hold' }, tokyo('2025-10-02T09:50'));
    if (!held.ok) throw new Error(held.message);
    const late = tokyo('2025-10-02T11:00');
    expect(overtimeEvent(liveView(program, held.state, late), late, undefined)).toBeNull();
    expect(overtimeEvent(liveView(program, idle('namba'), late), late, undefined)).toBeNull();
  });
});
