import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_FLAG_PATHS } from '../../../../server/config/config.load.js';
import { envSettings, flagSettings, mergeConfig } from '../../../../server/config/config.merge.js';
import { RatedClock, rehearsalClock, OffsetClock } from '../../../../server/clock.js';
import { DEFAULT_RATE_LIMITS, rateLimitsOf } from '../../../../server/limits/limits.config.js';
import { Throttle, memoryBackend } from '../../../../server/limits/throttle.js';

/** The limits serve runs with, from these flags and this environment (the merge of lectern serve). */
function limitsFrom(flags: Record<string, string>, env: Record<string, string>) {
  const merged = mergeConfig(undefined, [...envSettings(env).settings, ...flagSettings(flags, CONFIG_FLAG_PATHS)]);
  if (!merged.ok) throw new Error(merged.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return rateLimitsOf(merged.config.limits);
}

describe('limits from flags and the environment', () => {
  it('defaults: 20 a second per token, bursts of 40', () => {
    expect(limitsFrom({}, {})).toEqual(DEFAULT_RATE_LIMITS);
    expect(DEFAULT_RATE_LIMITS.token).toEqual({ perSecond: 20, burst: 40 });
  });

  it('a flag wins over its environment variable; a burst below the rate is raised to it by default', () => {
    const limits = limitsFrom({ 'token-rate': '50' }, { LECTERN_TOKEN_RATE: '5', LECTERN_SOCKET_BURST: '300' });
    expect(limits.token).toEqual({ perSecond: 50, burst: 50 });
    expect(limits.socket).toEqual({ perSecond: 50, burst: 300 });
  });

  it('bad numbers are refused naming the flag or the variable', () => {
    expect(() => limitsFrom({ 'token-rate': '0' }, {})).toThrow(/limits\.token\.rate \(--token-rate\)/);
    expect(() => limitsFrom({}, { LECTERN_ADDRESS_RATE: 'lots' })).toThrow(/limits\.address\.rate \(LECTERN_ADDRESS_RATE\)/);
    expect(() => limitsFrom({ 'token-rate': '30', 'token-burst': '10' }, {})).toThrow(/limits\.token\.burst \(--token-burst\)/);
    expect(() => limitsFrom({ 'max-frame-bytes': '10' }, {})).toThrow(/--max-frame-bytes/);
  });
});

describe('the throttle', () => {
  it('lets the burst through, then refuses with a wait; another key is not touched', async () => {
    const throttle = new Throttle(memoryBackend, `unit-${Math.random()}`, { perSecond: 2, burst: 5 });
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await throttle.take('a'));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(3);
    for (const r of refused) if (!r.ok) expect(r.retryAfterMs).toBeGreaterThan(0);
    expect(await throttle.take('b')).toEqual({ ok: true });
  });
});

describe('the rehearsal clock', () => {
  afterEach(() => vi.useRealTimers());

  it('--clock-rate R runs server time R times as fast from the --clock instant', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const clock = rehearsalClock(5000, 60);
    expect(clock).toBeInstanceOf(RatedClock);
    expect(clock.now()).toBe(1_005_000);
    vi.setSystemTime(1_001_000);
    expect(clock.now()).toBe(1_005_000 + 60_000);
    expect(clock.offsetMs).toBe(clock.now() - 1_001_000);
    expect(rehearsalClock(5000, undefined)).toBeInstanceOf(OffsetClock);
  });
});
