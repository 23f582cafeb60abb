import { describe, expect, it } from 'vitest';
import {
  ProgramSchema,
  applyCommand,
  comingItems,
  eventDays,
  hallOpening,
  messageFor,
  isExpired,
  liveView,
  restOfDay,
  hallItems,
  type Command,
  type HallState,
  type Program,
} from '../../../shared/index.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();

function run(steps: [Command, string][], state: HallState, on: Program = program): HallState {
  for (const [command, local] of steps) {
    const outcome = applyCommand(on, state, command, tokyo(local));
    if (!outcome.ok) throw new Error(outcome.message);
    state = outcome.state;
  }
  return state;
}

describe('an unattended hall follows its printed schedule', () => {
  it('shows the talk on now and its end as the countdown', () => {
    const view = liveView(program, idle('namba'), tokyo('2025-10-02T09:50'));
    expect(view).toMatchObject({ source: 'schedule', phase: 'talk', delayMs: 0, revision: 0 });
    expect(view.now?.abstractRef).toBe('P.1');
    expect(view.next?.abstractRef).toBe('P.2');
    expect(view.countdown).toEqual({ kind: 'talk', endsAt: tokyo('2025-10-02T10:20') });
    expect(view.nextStartsAt).toBe(tokyo('2025-10-02T10:20'));
  });

  it('shows a scheduled break as a break with its countdown', () => {
    const view = liveView(program, idle('namba'), tokyo('2025-10-02T10:55'));
    expect(view).toMatchObject({ phase: 'break', countdown: { kind: 'break', endsAt: tokyo('2025-10-02T11:05') } });
    expect(view.next?.abstractRef).toBe('P.3');
  });

  it('the Day 2 hall on Day 1 is idle with its first item next', () => {
    const view = liveView(program, idle('nakamozu'), tokyo('2025-10-02T11:00'));
    expect(view).toMatchObject({ phase: 'idle', now: null, countdown: null });
    expect(view.next?.title).toBe('Registration (Onsite)');
    expect(view.nextStartsAt).toBe(tokyo('2025-10-03T13:30'));
  });

  it('day boundaries: just before, at and after the first and last items', () => {
    expect(liveView(program, idle('namba'), tokyo('2025-10-02T08:59:59')).phase).toBe('idle');
    expect(liveView(program, idle('namba'), tokyo('2025-10-02T09:00')).now?.title).toBe('Registration (Onsite)');
    expect(liveView(program, idle('namba'), tokyo('2025-10-02T19:59:59')).now?.title).toBe('Networking event');
    const after = liveView(program, idle('namba'), tokyo('2025-10-02T20:00'));
    expect(after).toMatchObject({ phase: 'ended', now: null, next: null });
    // Midnight does not bring yesterday back.
    expect(liveView(program, idle('namba'), tokyo('2025-10-03T00:00')).phase).toBe('ended');
  });

  it('an item boundary hands over exactly at the planned instant', () => {
    expect(liveView(program, idle('namba'), tokyo('2025-10-02T10:19:59.999')).now?.abstractRef).toBe('P.1');
    expect(liveView(program, idle('namba'), tokyo('2025-10-02T10:20')).now?.abstractRef).toBe('P.2');
  });

  it('a hall with no items is idle with nothing next', () => {
    const empty = ProgramSchema.parse({ ...program, halls: [...program.halls, { id: 'empty', name: 'Empty' }] });
    expect(liveView(empty, idle('empty'), tokyo('2025-10-02T10:00'))).toMatchObject({ phase: 'idle', now: null, next: null });
  });

  it('the live view leaves out abstracts', () => {
    const withAbstract = ProgramSchema.parse({ ...program, items: program.items.map((i) => ({ ...i, abstract: 'long text' })) });
    expect(liveView(withAbstract, idle('namba'), tokyo('2025-10-02T09:50')).now).not.toHaveProperty('abstract');
  });
});

describe('delay and projected times', () => {
  it('a late start makes the hall run late and pushes coming items', () => {
    const state = run([[{ type: 'next' }, '2025-10-02T09:47']], idle('namba'));
    const view = liveView(program, state, tokyo('2025-10-02T09:50'));
    expect(view).toMatchObject({ source: 'chair', delayMs: 7 * MINUTE, nextStartsAt: tokyo('2025-10-02T10:27') });
    const coming = comingItems(program, state, tokyo('2025-10-02T09:50'));
    expect(coming[0]).toMatchObject({ start: tokyo('2025-10-02T10:27'), end: tokyo('2025-10-02T10:57') });
    // The break after P.2 starts late too; P.3 after it keeps its planned slot only if the delay was absorbed.
    expect(coming[1]?.start).toBe(tokyo('2025-10-02T10:57'));
  });

  it('projected times are never earlier than planned', () => {
    const early = run([[{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:30']], idle('namba'));
    const view = liveView(program, early, tokyo('2025-10-02T09:31'));
    expect(view.delayMs).toBe(0);
    expect(view.nextStartsAt).toBe(tokyo('2025-10-02T10:20'));
  });

  it('a talk running over makes the next one late while it runs over', () => {
    const state = run([[{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40']], idle('namba'));
    const view = liveView(program, state, tokyo('2025-10-02T10:26'));
    expect(view.delayMs).toBe(6 * MINUTE);
    expect(view.nextStartsAt).toBe(tokyo('2025-10-02T10:26'));
  });

  it('extensions push the coming items', () => {
    const state = run(
      [
        [{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40'],
        [{ type: 'extend', minutes: 5 }, '2025-10-02T10:00'],
      ],
      idle('namba'),
    );
    expect(liveView(program, state, tokyo('2025-10-02T10:00')).delayMs).toBe(5 * MINUTE);
  });

  it('a delay is absorbed by a gap before the next item', () => {
    // The day-1 closing is followed by "Move venue" and the networking event at 18:00.
    const state = run([[{ type: 'goto', itemId: 'namba-2025-10-02-1705' }, '2025-10-02T17:20']], idle('namba'));
    const view = liveView(program, state, tokyo('2025-10-02T17:21'));
    expect(view.delayMs).toBe(15 * MINUTE);
    expect(view.nextStartsAt).toBe(tokyo('2025-10-02T18:15'));
  });

  it('the rest of the day is the coming items of the same program day', () => {
    const view = restOfDay(program, idle('namba'), tokyo('2025-10-02T16:00'));
    expect(view.map((p) => p.item.title)).toEqual([
      'Dry mixing and film formation for sulfide solid state battery electrodes',
      'Closing',
      'Move venue',
      'Networking event',
    ]);
  });
});

describe('a chair-run state from an earlier day does not show the next day', () => {
  // A hall with two program days, like a congress hall.
  const twoDays = ProgramSchema.parse({
    event: { title: 'Two days', timeZone: 'Europe/Berlin' },
    halls: [{ id: 'saal-1', name: 'Saal 1' }],
    items: [
      {
        id: 'd1-a',
        hallId: 'saal-1',
        kind: 'talk',
        title: 'Day 1 late talk',
        start: '2014-12-27T23:00:00+01:00',
        end: '2014-12-28T00:30:00+01:00',
      },
      {
        id: 'd1-b',
        hallId: 'saal-1',
        kind: 'talk',
        title: 'Day 1 night talk',
        start: '2014-12-28T01:00:00+01:00',
        end: '2014-12-28T02:00:00+01:00',
      },
      {
        id: 'd2-a',
        hallId: 'saal-1',
        kind: 'talk',
        title: 'Day 2 first talk',
        start: '2014-12-28T11:30:00+01:00',
        end: '2014-12-28T12:30:00+01:00',
      },
    ],
  });
  const berlin = (iso: string) => Date.parse(iso);
  const items = hallItems(twoDays, 'saal-1');

  it('a day that runs past midnight is one day', () => {
    const state = run([], idle('saal-1'), twoDays);
    const started = applyCommand(twoDays, state, { type: 'goto', itemId: 'd1-a' }, berlin('2014-12-27T23:00:00+01:00'));
    expect(started.ok && isExpired(items, started.state, berlin('2014-12-28T01:30:00+01:00'))).toBe(false);
  });

  it('next on the last item of a day ends the day, and the next morning follows the schedule', () => {
    let state = applyCommand(
      twoDays,
      idle('saal-1'),
      { type: 'goto', itemId: 'd1-b' },
      berlin('2014-12-28T01:00:00+01:00'),
    ).state;
    state = applyCommand(twoDays, state, { type: 'next' }, berlin('2014-12-28T02:05:00+01:00')).state;
    expect(state.phase).toBe('ended');
    const night = liveView(twoDays, state, berlin('2014-12-28T03:00:00+01:00'));
    expect(night).toMatchObject({ phase: 'ended', source: 'chair' });
    expect(night.next?.id).toBe('d2-a');
    const morning = liveView(twoDays, state, berlin('2014-12-28T11:35:00+01:00'));
    expect(morning).toMatchObject({ source: 'schedule', phase: 'talk' });
    expect(morning.now?.id).toBe('d2-a');
  });

  it('a talk left running overnight expires an hour before the next day', () => {
    const state = applyCommand(
      twoDays,
      idle('saal-1'),
      { type: 'goto', itemId: 'd1-b' },
      berlin('2014-12-28T01:00:00+01:00'),
    ).state;
    expect(liveView(twoDays, state, berlin('2014-12-28T10:29:00+01:00')).source).toBe('chair');
    expect(liveView(twoDays, state, berlin('2014-12-28T10:30:00+01:00')).source).toBe('schedule');
    const next = applyCommand(twoDays, state, { type: 'next' }, berlin('2014-12-28T11:31:00+01:00'));
    expect(next.ok && next.state.itemId).toBe('d2-a');
  });
});

describe('when a closed hall opens next', () => {
  it('the event days are the dates on which some hall starts a program day', () => {
    expect(eventDays(program)).toEqual(['2025-10-02', '2025-10-03']);
  });

  it('before its first item the Day 2 hall opens on Day 2 with its first item', () => {
    const view = liveView(program, idle('nakamozu'), tokyo('2025-10-02T09:45'));
    expect(hallOpening(program, view)).toMatchObject({
      day: 2,
      days: 2,
      start: tokyo('2025-10-03T13:30'),
      item: { title: 'Registration (Onsite)' },
    });
  });

  it('on the day itself, before the first item, too', () => {
    const view = liveView(program, idle('namba'), tokyo('2025-10-02T08:00'));
    expect(hallOpening(program, view)).toMatchObject({ day: 1, start: tokyo('2025-10-02T09:00') });
  });

  it('not while the day is under way, nor in a gap between two items', () => {
    expect(hallOpening(program, liveView(program, idle('namba'), tokyo('2025-10-02T09:45')))).toBeNull();
    const withGap = ProgramSchema.parse({
      event: { title: 'Gap', timeZone: 'Asia/Tokyo' },
      halls: [{ id: 'a', name: 'A' }],
      items: [
        {
          id: 'one',
          hallId: 'a',
          kind: 'talk',
          title: 'One',
          start: '2025-10-02T10:00:00+09:00',
          end: '2025-10-02T10:30:00+09:00',
        },
        {
          id: 'two',
          hallId: 'a',
          kind: 'talk',
          title: 'Two',
          start: '2025-10-02T11:00:00+09:00',
          end: '2025-10-02T11:30:00+09:00',
        },
      ],
    });
    const gap = liveView(withGap, idle('a'), tokyo('2025-10-02T10:45'));
    expect(gap).toMatchObject({ phase: 'idle', next: { id: 'two' } });
    expect(hallOpening(withGap, gap)).toBeNull();
  });

  it('after the last item of a day it names the next program day; after the last of all, nothing', () => {
    const twoDays = ProgramSchema.parse({
      event: { title: 'Two days', timeZone: 'Europe/Berlin' },
      halls: [{ id: 'saal-1', name: 'Saal 1' }],
      items: [
        {
          id: 'a',
          hallId: 'saal-1',
          kind: 'talk',
          title: 'Day 1 talk',
          start: '2014-12-27T11:00:00+01:00',
          end: '2014-12-27T12:00:00+01:00',
        },
        {
          id: 'b',
          hallId: 'saal-1',
          kind: 'talk',
          title: 'Day 2 talk',
          start: '2014-12-28T11:30:00+01:00',
          end: '2014-12-28T12:30:00+01:00',
        },
      ],
    });
    const evening = liveView(twoDays, idle('saal-1'), Date.parse('2014-12-27T20:00:00+01:00'));
    expect(hallOpening(twoDays, evening)).toMatchObject({
      day: 2,
      start: Date.parse('2014-12-28T11:30:00+01:00'),
      item: { id: 'b' },
    });
    // A chair ending the day gets the same answer.
    const started = applyCommand(
      twoDays,
      idle('saal-1'),
      { type: 'goto', itemId: 'a' },
      Date.parse('2014-12-27T11:00:00+01:00'),
    ).state;
    const ended = applyCommand(twoDays, started, { type: 'next' }, Date.parse('2014-12-27T12:00:00+01:00')).state;
    expect(hallOpening(twoDays, liveView(twoDays, ended, Date.parse('2014-12-27T12:01:00+01:00')))?.item.id).toBe('b');
    expect(hallOpening(twoDays, liveView(twoDays, idle('saal-1'), Date.parse('2014-12-28T13:00:00+01:00')))).toBeNull();
  });
});

describe('messages go only to the surfaces they target', () => {
  it('answers the message for a targeted surface and null for the others', () => {
    const state = run(
      [[{ type: 'message', text: 'Take your seats', targets: ['signage', 'stream'] }, '2025-10-02T09:30']],
      idle('namba'),
    );
    const view = liveView(program, state, tokyo('2025-10-02T09:31'));
    expect(messageFor(view, 'signage')?.text).toBe('Take your seats');
    expect(messageFor(view, 'stream')?.text).toBe('Take your seats');
    expect(messageFor(view, 'timer')).toBeNull();
    expect(messageFor(liveView(program, idle('namba'), tokyo('2025-10-02T09:31')), 'signage')).toBeNull();
  });
});
