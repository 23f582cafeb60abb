import { describe, expect, it } from 'vitest';
import { ACTION_COMMANDS, holdToggleCommand } from '../../../integrations/companion/src/actions.js';
import { isObsDown, isOnHold, isOverTime, isPhase, isWithin } from '../../../integrations/companion/src/feedbacks-logic.js';
import type { LiveView } from '../../../integrations/companion/src/lectern-types.js';
import { formatMmSs, variableValues, type VariableInput } from '../../../integrations/companion/src/variables.js';

const T = Date.parse('2025-10-02T10:00:00+09:00');
const view = (over: Partial<LiveView> = {}): LiveView => ({
  hallId: 'namba',
  revision: 3,
  phase: 'talk',
  now: { id: 'a', title: 'Opening keynote', speakers: [{ name: 'Aiko Tanaka' }, { name: 'Ken Mori' }] },
  next: { id: 'b', title: 'Session 2' },
  nextStartsAt: Date.parse('2025-10-02T10:35:00+09:00'),
  delayMs: 5 * 60_000,
  countdown: { kind: 'talk', endsAt: T + 90_500 },
  heldRemainingMs: null,
  message: { text: 'Please wrap up', targets: ['timer'], sentAt: T },
  source: 'chair',
  itemStartedAt: T - 60_000,
  serverTime: T,
  ...over,
});
const input = (v: LiveView | null, serverNow = T, obs: VariableInput['obs'] = null): VariableInput => ({
  view: v,
  serverNow,
  timeZone: 'Asia/Tokyo',
  connection: 'ok',
  obs,
});

describe('companion variables', () => {
  it('derives title, speaker, remaining, delay, next and message from a view at server time', () => {
    expect(variableValues(input(view()))).toEqual({
      phase: 'talk',
      title: 'Opening keynote',
      speaker: 'Aiko Tanaka, Ken Mori',
      remaining: '01:31',
      remaining_seconds: '91',
      delay: '05:00',
      delay_minutes: '5',
      next_title: 'Session 2',
      next_start: '10:35',
      message: 'Please wrap up',
      connection: 'ok',
      obs: 'unknown',
    });
  });

  it('counts down by server time, reaches 00:00 at zero and counts up over time with a minus', () => {
    expect(variableValues(input(view(), T + 30_500)).remaining).toBe('01:00');
    expect(variableValues(input(view(), T + 90_500)).remaining).toBe('00:00');
    expect(variableValues(input(view(), T + 90_500 + 65_000)).remaining).toBe('-01:05');
    expect(formatMmSs(-999)).toBe('00:00');
    expect(formatMmSs(3_600_000 + 1000)).toBe('60:01');
  });

  it('shows the frozen remainder on hold and nothing when idle or before the first view', () => {
    const held = view({ phase: 'hold', countdown: null, heldRemainingMs: 125_000 });
    expect(variableValues(input(held, T + 999_999)).remaining).toBe('02:05');
    expect(variableValues(input(view({ phase: 'idle', countdown: null, now: null }))).remaining).toBe('');
    const empty = variableValues({ ...input(null), connection: 'connecting' });
    expect(empty.title).toBe('');
    expect(empty.connection).toBe('connecting');
  });
});

describe('companion feedbacks', () => {
  it('phase, over time, little time left and hold', () => {
    expect(isPhase(input(view()), 'talk')).toBe(true);
    expect(isPhase(input(view()), 'qa')).toBe(false);
    expect(isOverTime(input(view(), T + 90_499))).toBe(false);
    expect(isOverTime(input(view(), T + 90_501))).toBe(true);
    expect(isWithin(input(view()), 120)).toBe(true);
    expect(isWithin(input(view()), 60)).toBe(false);
    const held = view({ phase: 'hold', countdown: null, heldRemainingMs: -5000 });
    expect(isOnHold(input(held))).toBe(true);
    expect(isOverTime(input(held))).toBe(false);
  });

  it('OBS down only when a director socket reports the link not connected', () => {
    const obs = (state: 'connected' | 'disconnected' | 'unconfigured') => ({ hallId: 'namba', connection: { state } });
    expect(isObsDown(input(view()))).toBe(false);
    expect(isObsDown(input(view(), T, obs('connected')))).toBe(false);
    expect(isObsDown(input(view(), T, obs('unconfigured')))).toBe(false);
    expect(isObsDown(input(view(), T, obs('disconnected')))).toBe(true);
    expect(variableValues(input(view(), T, obs('disconnected'))).obs).toBe('disconnected');
  });
});

describe('companion actions', () => {
  it('map button options to chair commands and refuse incomplete ones', () => {
    expect(ACTION_COMMANDS.extend!({ minutes: 5 })).toEqual({ type: 'extend', minutes: 5 });
    expect(ACTION_COMMANDS.extend!({ minutes: 0 })).toBeNull();
    expect(ACTION_COMMANDS.break!({ minutes: 0 })).toEqual({ type: 'break' });
    expect(ACTION_COMMANDS.break!({ minutes: 15 })).toEqual({ type: 'break', minutes: 15 });
    expect(ACTION_COMMANDS.message!({ text: '  Mic please ', targets: [] })).toEqual({ type: 'message', text: 'Mic please' });
    expect(ACTION_COMMANDS.message!({ text: 'x', targets: ['timer'] })).toEqual({
      type: 'message',
      text: 'x',
      targets: ['timer'],
    });
    expect(ACTION_COMMANDS.message!({ text: ' ' })).toBeNull();
    expect(ACTION_COMMANDS.goto!({ itemId: 'd1-namba-03' })).toEqual({ type: 'goto', itemId: 'd1-namba-03' });
    expect(holdToggleCommand('hold')).toEqual({ type: 'release' });
    expect(holdToggleCommand('talk')).toEqual({ type: 'hold' });
  });
});
