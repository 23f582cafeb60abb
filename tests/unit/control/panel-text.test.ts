import { describe, expect, it } from 'vitest';
import type { LiveView } from '../../../shared/index.js';
import { commandLabel, fateText } from '../../../control/lib/commandLabel.js';
import { duration, urgency } from '../../../control/lib/format.js';
import { slotOf } from '../../../control/lib/programTimes.js';
import { shortcutFor } from '../../../control/lib/useShortcuts.js';
import type { Attempt } from '../../../control/lib/useHallCommands.js';
import { textsOf } from '../../../web/i18n/index.js';
import { tokyo } from '../../support/demo.js';

const EN = textsOf('en');
const JA = textsOf('ja');

const attempt = (command: Attempt['command']): Attempt => ({
  key: command.type,
  command,
  commandId: 'c-1',
  expectRevision: 3,
  pressedAt: 0,
  sends: 1,
});
const view = { now: { title: 'Opening' }, phase: 'talk' } as LiveView;

describe('shortcuts', () => {
  it('maps what clickers and keyboards send', () => {
    const key = (k: string, code = '') => shortcutFor({ key: k, code });
    expect([key(' '), key('PageDown'), key('ArrowRight')]).toEqual(['next', 'next', 'next']);
    expect([key('PageUp'), key('ArrowLeft')]).toEqual(['previous', 'previous']);
    expect([key('q'), key('B'), key('h')]).toEqual(['qa', 'break', 'hold']);
    expect([key('+'), key('='), key('-'), key('x', 'NumpadAdd'), key('x', 'NumpadSubtract')]).toEqual([
      'extendPlus',
      'extendPlus',
      'extendMinus',
      'extendPlus',
      'extendMinus',
    ]);
    expect(key('Enter')).toBeUndefined();
  });
});

describe('what the status line says', () => {
  it('a stale next says another device advanced, and where the hall is', () => {
    expect(fateText({ kind: 'stale', attempt: attempt({ type: 'next' }), view }, EN, null).text).toBe(
      'Already advanced by another device. Now: Opening (On now). Nothing was applied twice.',
    );
    expect(fateText({ kind: 'stale', attempt: attempt({ type: 'hold' }), view }, EN, null).text).toMatch(
      /^Another device changed the hall first/,
    );
  });

  it('says what the button said: the first press of the day is "Start", the last "End the day"', () => {
    const start = { ...attempt({ type: 'next' }), label: EN.t('panel.action.start') };
    expect(fateText({ kind: 'done', attempt: start, view }, EN, null).text).toBe('Done: Start → Opening (On now)');
    expect(fateText({ kind: 'queued', attempt: { ...start, label: EN.t('panel.action.endDay') } }, EN, null).text).toMatch(
      /^Queued: End the day\./,
    );
    expect(fateText({ kind: 'done', attempt: attempt({ type: 'next' }), view }, EN, null).text).toBe(
      'Done: Start next → Opening (On now)',
    );
  });

  it('names every command', () => {
    expect(commandLabel({ type: 'extend', minutes: 5 }, EN.t)).toBe('+5 min');
    expect(commandLabel({ type: 'extend', minutes: -1 }, EN.t)).toBe('−1 min');
    expect(commandLabel({ type: 'break', minutes: 20 }, EN.t)).toBe('Break 20 min');
    expect(commandLabel({ type: 'message', text: 'Hi' }, EN.t)).toBe('Message: “Hi”');
  });

  it('speaks Japanese on a Japanese panel: no English left in a +5 or −1 press', () => {
    expect(commandLabel({ type: 'extend', minutes: 5 }, JA.t)).toBe('+5分');
    expect(commandLabel({ type: 'extend', minutes: -1 }, JA.t)).toBe('−1分');
    expect(fateText({ kind: 'done', attempt: attempt({ type: 'extend', minutes: 1 }), view }, JA, null).text).toBe('完了：+1分');
    expect(commandLabel({ type: 'reset' }, JA.t)).toBe('リセット');
    // The big button's second line is cut at its end when the title is long: the verb comes first.
    expect(JA.t('panel.upNext', { title: 'Toward Practical High-Energy All-Solid-State Batteries' })).toMatch(/^開始/);
    expect(EN.t('panel.upNext', { title: 'Toward Practical High-Energy All-Solid-State Batteries' })).toMatch(/^starts/);
    const refused = {
      kind: 'failed',
      attempt: attempt({ type: 'qa' }),
      error: 'not_applicable',
      message: 'no talk is running',
    } as const;
    expect(fateText(refused, JA, null).text).toBe('できませんでした：今の状態ではこの操作はできません');
    expect(fateText(refused, EN, null).text).toBe('Not done: no talk is running');
  });
});

describe('times', () => {
  it('countdown colours: calm, warning from 5 min, danger from 1 min, then overtime', () => {
    expect([urgency(6 * 60_000), urgency(5 * 60_000), urgency(60_000), urgency(0), urgency(-1)]).toEqual([
      'calm',
      'warning',
      'danger',
      'danger',
      'over',
    ]);
    expect([duration(65_000), duration(-65_000), duration(3_723_000)]).toEqual(['1:05', '1:05', '1:02:03']);
  });

  it('a slot from local times on a day; an end before the start is after midnight', () => {
    expect(slotOf('2025-10-02', '10:20', '10:50', 'Asia/Tokyo')).toEqual({
      start: tokyo('2025-10-02T10:20'),
      end: tokyo('2025-10-02T10:50'),
    });
    expect(slotOf('2025-10-02', '23:30', '00:30', 'Asia/Tokyo')).toEqual({
      start: tokyo('2025-10-02T23:30'),
      end: tokyo('2025-10-03T00:30'),
    });
    expect(slotOf('2025-10-02', 'soon', '10:00', 'Asia/Tokyo')).toBeNull();
  });
});
