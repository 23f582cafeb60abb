import { describe, expect, it } from 'vitest';
import {
  formatRemaining,
  formatWeekdayTime,
  formatWhen,
  minutesLate,
  remainingParts,
  sameWallClock,
  zoneCity,
} from '../../../display/lib/format.js';
import { tokyo } from '../../support/demo.js';

describe('countdowns', () => {
  it('round up while time remains and reach 0:00 at the end', () => {
    expect(formatRemaining(5 * 60_000).text).toBe('5:00');
    expect(formatRemaining(4 * 60_000 + 59_001).text).toBe('5:00');
    expect(formatRemaining(1).text).toBe('0:01');
    expect(formatRemaining(0)).toEqual({ text: '0:00', overtime: false, seconds: 0 });
    expect(formatRemaining(-999).text).toBe('0:00');
  });

  it('count whole seconds over time, with a plus', () => {
    expect(formatRemaining(-1000)).toEqual({ text: '+0:01', overtime: true, seconds: -1 });
    expect(formatRemaining(-(2 * 60_000 + 13_500)).text).toBe('+2:13');
  });

  it('keep minutes past an hour (a speaker reads 75:00, not 1:15:00)', () => {
    expect(formatRemaining(75 * 60_000).text).toBe('75:00');
    expect(remainingParts(-(12 * 60_000 + 34_000))).toEqual({ sign: '+', minutes: '12', seconds: '34' });
  });
});

describe('times in the event zone and the viewer zone', () => {
  it('name the weekday in the UI language', () => {
    expect(formatWeekdayTime(tokyo('2025-10-03T13:30'), 'Asia/Tokyo', 'en')).toBe('Friday 13:30');
    expect(formatWeekdayTime(tokyo('2025-10-03T13:30'), 'Asia/Tokyo', 'ja')).toBe('10月3日(金) 13:30');
  });

  it('say only the time for later today, and the day for another day', () => {
    const now = tokyo('2025-10-02T09:45');
    expect(formatWhen(tokyo('2025-10-02T13:15'), now, 'Asia/Tokyo', 'en')).toBe('13:15');
    expect(formatWhen(tokyo('2025-10-03T13:30'), now, 'Asia/Tokyo', 'en')).toBe('Friday 13:30');
  });

  it('compare wall clocks of two zones and name a zone by its city', () => {
    expect(sameWallClock(tokyo('2025-10-02T09:45'), 'Asia/Tokyo', 'Asia/Seoul')).toBe(true);
    expect(sameWallClock(tokyo('2025-10-02T09:45'), 'Asia/Tokyo', 'Europe/Berlin')).toBe(false);
    expect(zoneCity('America/New_York')).toBe('New York');
  });

  it('round a delay to whole minutes', () => {
    expect(minutesLate(0)).toBe(0);
    expect(minutesLate(29_000)).toBe(0);
    expect(minutesLate(7 * 60_000 + 10_000)).toBe(7);
  });
});
