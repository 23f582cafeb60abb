import { describe, expect, it } from 'vitest';
import { ProgramSchema, applyCommand, liveView, type Command, type HallState } from '../../../shared/index.js';
import { overlayScene } from '../../../display/lib/overlay.js';
import { hallScene } from '../../../display/lib/scene.js';
import { timerReading, timerDigitSize, timerTextEm } from '../../../display/lib/timer.js';
import { MINUTE, demoProgram, idle, tokyo } from '../../support/demo.js';

const program = demoProgram();

function after(steps: [Command, string][], hallId = 'namba'): HallState {
  let state = idle(hallId);
  for (const [command, at] of steps) {
    const outcome = applyCommand(program, state, command, tokyo(at));
    if (!outcome.ok) throw new Error(outcome.message);
    state = outcome.state;
  }
  return state;
}
const sceneAt = (state: HallState, at: string) => hallScene(program, liveView(program, state, tokyo(at)), tokyo(at));

describe('what a hall screen shows', () => {
  it('a talk, a break with its countdown, a hold', () => {
    expect(sceneAt(idle('namba'), '2025-10-02T09:50')).toMatchObject({ kind: 'item', qa: false, item: { abstractRef: 'P.1' } });
    expect(sceneAt(idle('namba'), '2025-10-02T10:55')).toMatchObject({ kind: 'break', endsAt: tokyo('2025-10-02T11:05') });
    const held = after([
      [{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40'],
      [{ type: 'hold' }, '2025-10-02T09:50'],
    ]);
    expect(sceneAt(held, '2025-10-02T09:55')).toMatchObject({ kind: 'hold', remainingMs: 30 * MINUTE });
  });

  it('the Day 2 hall on Day 1 opens on Day 2; the day before it is not "over"', () => {
    expect(sceneAt(idle('nakamozu'), '2025-10-02T09:45')).toMatchObject({ kind: 'opening', dayOver: false, opening: { day: 2 } });
  });

  it('after its last item a hall with nothing more is over', () => {
    expect(sceneAt(idle('namba'), '2025-10-02T20:30')).toEqual({ kind: 'over' });
    const ended = after([
      [{ type: 'goto', itemId: 'namba-2025-10-02-1800' }, '2025-10-02T18:00'],
      [{ type: 'next' }, '2025-10-02T19:50'],
    ]);
    expect(sceneAt(ended, '2025-10-02T19:55')).toEqual({ kind: 'over' });
  });

  it('after the last item of a day, the next day opening, marked as the day over', () => {
    const twoDays = ProgramSchema.parse({
      event: { title: 'Two days', timeZone: 'Asia/Tokyo' },
      halls: [{ id: 'a', name: 'A' }],
      items: [
        {
          id: 'd1',
          hallId: 'a',
          kind: 'talk',
          title: 'Day 1',
          start: '2025-10-02T10:00:00+09:00',
          end: '2025-10-02T11:00:00+09:00',
        },
        {
          id: 'd2',
          hallId: 'a',
          kind: 'talk',
          title: 'Day 2',
          start: '2025-10-03T10:00:00+09:00',
          end: '2025-10-03T11:00:00+09:00',
        },
      ],
    });
    const at = tokyo('2025-10-02T18:00');
    expect(hallScene(twoDays, liveView(twoDays, idle('a'), at), at)).toMatchObject({
      kind: 'opening',
      dayOver: true,
      opening: { day: 2 },
    });
  });
});

describe('the speaker timer', () => {
  const thresholds = { warningMs: 5 * MINUTE, dangerMs: MINUTE };
  const talk = after([[{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40']]);
  const reading = (at: string, state = talk) => timerReading(liveView(program, state, tokyo(at)), tokyo(at), thresholds);

  it('is calm, then warning at 5 minutes, danger at 1, over time after 0:00', () => {
    expect(reading('2025-10-02T10:14:59').tone).toBe('calm');
    expect(reading('2025-10-02T10:15:00').tone).toBe('warning');
    expect(reading('2025-10-02T10:19:00').tone).toBe('danger');
    expect(reading('2025-10-02T10:20:00').tone).toBe('danger');
    expect(reading('2025-10-02T10:20:01')).toEqual({ tone: 'overtime', remainingMs: -1000 });
  });

  it('names breaks, holds and idle halls', () => {
    const onBreak = after([[{ type: 'break', minutes: 10 }, '2025-10-02T09:50']]);
    expect(reading('2025-10-02T09:51', onBreak).tone).toBe('break');
    const held = after([
      [{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:40'],
      [{ type: 'hold' }, '2025-10-02T09:50'],
    ]);
    expect(reading('2025-10-02T09:55', held)).toEqual({ tone: 'hold', remainingMs: 30 * MINUTE });
    expect(reading('2025-10-02T08:00', idle('namba'))).toEqual({ tone: 'idle', remainingMs: null });
  });

  it('digits fill the width without passing the height cap', () => {
    expect(timerTextEm('12:34')).toBeCloseTo((4 * 0.59 + 0.325) * 0.88, 5);
    expect(timerDigitSize('9:59', 1790, 780)).toBe(780);
    const size = timerDigitSize('12:34', 1790, 780);
    expect(size * timerTextEm('12:34')).toBeLessThanOrEqual(1790);
    // Glyphs are 0.75 em tall: "12:34" on a 1080-line screen is more than half its height.
    expect(size * 0.75).toBeGreaterThan(540);
  });
});

describe('the stream overlay', () => {
  const view = (state: HallState, at: string) => liveView(program, state, tokyo(at));
  const overlayAt = (state: HallState, at: string, lowerThirdMs = 12_000) =>
    overlayScene(sceneAt(state, at), view(state, at), tokyo(at), lowerThirdMs);
  const talk = after([[{ type: 'goto', itemId: 'namba-2025-10-02-0940' }, '2025-10-02T09:41']]);

  it('shows the lower third from a talk start for the configured time', () => {
    expect(overlayAt(talk, '2025-10-02T09:41:05').lowerThird?.abstractRef).toBe('P.1');
    expect(overlayAt(talk, '2025-10-02T09:41:12').lowerThird).toBeNull();
    expect(overlayAt(talk, '2025-10-02T09:41:25', 30_000).lowerThird).not.toBeNull();
    expect(overlayAt(talk, '2025-10-02T09:41:05', 0).lowerThird).toBeNull();
  });

  it('puts up the break, hold, starting-soon and end slates', () => {
    expect(overlayAt(idle('namba'), '2025-10-02T10:55').slate).toBe('break');
    expect(overlayAt(after([[{ type: 'hold' }, '2025-10-02T09:50']]), '2025-10-02T09:51').slate).toBe('hold');
    expect(overlayAt(idle('namba'), '2025-10-02T08:30').slate).toBe('startingSoon');
    expect(overlayAt(idle('namba'), '2025-10-02T21:00').slate).toBe('ended');
  });

  it('puts up the onsite slate while an onsite-only item is on (Registration), not its lower third', () => {
    expect(overlayAt(idle('namba'), '2025-10-02T09:29').slate).toBe('onsite');
    expect(overlayAt(idle('namba'), '2025-10-02T09:31').slate).toBe('none');
  });

  it('covers an item that must not be streamed with the privacy slate', () => {
    const privateProgram = ProgramSchema.parse({
      ...program,
      items: program.items.map((item) => (item.id === 'namba-2025-10-02-0940' ? { ...item, doNotStream: true } : item)),
    });
    const at = tokyo('2025-10-02T09:50');
    const v = liveView(privateProgram, idle('namba'), at);
    expect(overlayScene(hallScene(privateProgram, v, at), v, at, 12_000)).toEqual({ slate: 'privacy', lowerThird: null });
  });

  it('covers an item that must not be recorded too, as OBS does (no lower third naming its speaker)', () => {
    const unrecorded = ProgramSchema.parse({
      ...program,
      items: program.items.map((item) => (item.id === 'namba-2025-10-02-0940' ? { ...item, doNotRecord: true } : item)),
    });
    const at = tokyo('2025-10-02T09:40:05');
    const v = liveView(unrecorded, idle('namba'), at);
    expect(overlayScene(hallScene(unrecorded, v, at), v, at, 12_000)).toEqual({ slate: 'privacy', lowerThird: null });
  });
});

describe('a congress night that runs past midnight', () => {
  const night = ProgramSchema.parse({
    event: { title: 'Congress', timeZone: 'Europe/Berlin' },
    halls: [{ id: 'a', name: 'A' }],
    items: [
      {
        id: 'n1',
        hallId: 'a',
        kind: 'talk',
        title: 'Late talk',
        start: '2014-12-28T23:30:00+01:00',
        end: '2014-12-29T01:30:00+01:00',
      },
      {
        id: 'd2',
        hallId: 'a',
        kind: 'talk',
        title: 'Morning keynote',
        start: '2014-12-29T11:30:00+01:00',
        end: '2014-12-29T12:30:00+01:00',
      },
    ],
  });
  const at = (iso: string) => {
    const instant = Date.parse(iso);
    const view = liveView(night, idle('a'), instant);
    return { scene: hallScene(night, view, instant), view, instant };
  };

  it('is over for the night at 02:00, and opens soon (not "that\'s all for today") at 10:40 the same date', () => {
    expect(at('2014-12-29T02:00:00+01:00').scene).toMatchObject({ kind: 'opening', dayOver: true });
    const morning = at('2014-12-29T10:40:00+01:00');
    expect(morning.scene).toMatchObject({ kind: 'opening', dayOver: false, opening: { item: { id: 'd2' } } });
    expect(overlayScene(morning.scene, morning.view, morning.instant, 12_000).slate).toBe('startingSoon');
  });
});
