import { describe, expect, it } from 'vitest';
import {
  keyColour,
  lowerThirdMs,
  orientationOf,
  orientationParam,
  parseMinutes,
  screenName,
  timerThresholds,
} from '../../../display/lib/query.js';

const q = (search: string) => new URLSearchParams(search);

describe('screen options from the URL', () => {
  it('orientation: forced by ?orientation=, else by the aspect ratio', () => {
    expect(orientationParam(q('orientation=portrait'))).toBe('portrait');
    expect(orientationParam(q('orientation=sideways'))).toBeUndefined();
    expect(orientationOf(1920, 1080)).toBe('landscape');
    expect(orientationOf(1080, 1920)).toBe('portrait');
  });

  it('timer thresholds default to 5 and 1 minutes and take minutes or m:ss', () => {
    expect(timerThresholds(q(''))).toEqual({ warningMs: 300_000, dangerMs: 60_000 });
    expect(timerThresholds(q('warning=10&danger=2:30'))).toEqual({ warningMs: 600_000, dangerMs: 150_000 });
    expect(timerThresholds(q('warning=0.5'))).toEqual({ warningMs: 30_000, dangerMs: 30_000 });
    expect(timerThresholds(q('warning=soon&danger=-1'))).toEqual({ warningMs: 300_000, dangerMs: 60_000 });
    expect(parseMinutes('4:75')).toBeUndefined();
  });

  it("the config's timer thresholds, lower third and key stand in for a URL that has none", () => {
    const config = { warningMs: 120_000, dangerMs: 30_000 };
    expect(timerThresholds(q(''), config)).toEqual(config);
    expect(timerThresholds(q('warning=3'), config)).toEqual({ warningMs: 180_000, dangerMs: 30_000 });
    expect(lowerThirdMs(q(''), 8_000)).toBe(8_000);
    expect(lowerThirdMs(q('lowerThird=4'), 8_000)).toBe(4_000);
    const isColour = (value: string) => value.startsWith('#');
    expect(keyColour(q(''), isColour, 'green')).toBe('#00b140');
    expect(keyColour(q('key=blue'), isColour, 'green')).toBe('#0047bb');
  });

  it('the lower third stays 12 s unless ?lowerThird= says (0: never)', () => {
    expect(lowerThirdMs(q(''))).toBe(12_000);
    expect(lowerThirdMs(q('lowerThird=4'))).toBe(4_000);
    expect(lowerThirdMs(q('lowerThird=0'))).toBe(0);
    expect(lowerThirdMs(q('lowerThird=x'))).toBe(12_000);
  });

  it('key colours: broadcast green for "green", any colour the browser accepts, nothing else', () => {
    const isColour = (value: string) => /^(#[0-9a-f]{3,8}|magenta|rgb\(.*\))$/i.test(value);
    expect(keyColour(q('key=green'), isColour)).toBe('#00b140');
    expect(keyColour(q('key=%23ff00ff'), isColour)).toBe('#ff00ff');
    expect(keyColour(q('key=magenta'), isColour)).toBe('magenta');
    expect(keyColour(q('key=url(x)'), isColour)).toBeUndefined();
    expect(keyColour(q(''), isColour)).toBeUndefined();
    // Values a browser would take as a colour, but that read the page's own CSS.
    const anything = () => true;
    expect(keyColour(q('key=var(--accent)'), anything)).toBeUndefined();
    expect(keyColour(q('key=VAR%20(--bg)'), anything)).toBeUndefined();
    expect(keyColour(q('key=color-mix(in%20srgb,%20env(x),%20red)'), anything)).toBeUndefined();
  });

  it('a screen name is trimmed and bounded', () => {
    expect(screenName(q('name=%20foyer%20left%20'))).toBe('foyer left');
    expect(screenName(q(`name=${'x'.repeat(100)}`))?.length).toBe(60);
    expect(screenName(q(''))).toBeUndefined();
  });
});
