import { describe, expect, it } from 'vitest';
import type { ObsChapter } from '../../../shared/index.js';
import { chapterLines, chapterOffset, chapterText, formatTimecode } from '../../../server/obs/obs.chapters.js';
import { versionAtLeast } from '../../../server/obs/obs.outputs.js';

function chapter(itemId: string, seconds: number, speaker = ''): ObsChapter {
  return { itemId, offsetMs: seconds * 1000, title: `Title ${itemId}`, speaker, estimated: false };
}

describe('chapter list', () => {
  it('formats "HH:MM:SS Title — Speaker" lines with the first at 00:00:00', () => {
    const lines = chapterLines([chapter('a', 3, 'Ong'), chapter('b', 754.9), chapter('c', 3 * 3600 + 62, 'X, Y')], {
      minSeconds: 10,
      leadName: 'Hall',
    });
    expect(chapterText(lines)).toBe('00:00:00 Title a — Ong\n00:12:34 Title b\n03:01:02 Title c — X, Y');
  });

  it('adds a lead chapter named after the hall when the first item began later', () => {
    const text = chapterText(chapterLines([chapter('a', 95)], { minSeconds: 10, leadName: 'I-site Namba' }));
    expect(text).toBe('00:00:00 I-site Namba\n00:01:35 Title a');
  });

  it('drops a chapter shorter than the minimum (a "next" undone by "back") and merges the repeat', () => {
    const stored = [chapter('a', 0), chapter('b', 600), chapter('c', 604), chapter('b', 606), chapter('d', 1200)];
    expect(chapterLines(stored, { minSeconds: 10, leadName: 'H' }).map((l) => [l.offsetMs / 1000, l.name])).toEqual([
      [0, 'Title a'],
      [600, 'Title b'],
      [1200, 'Title d'],
    ]);
  });

  it('is empty without chapters', () => {
    expect(chapterText(chapterLines([], { minSeconds: 10, leadName: 'H' }))).toBe('');
  });

  it('formats timecodes, rounding down', () => {
    expect(formatTimecode(0)).toBe('00:00:00');
    expect(formatTimecode(59_999)).toBe('00:00:59');
    expect(formatTimecode(36_000_000)).toBe('10:00:00');
  });
});

describe('chapterOffset', () => {
  const now = 1_000_000_000;
  it('takes the recording position when the start is seen live', () => {
    expect(chapterOffset({ durationMs: 120_000, now, startedAt: now - 200, previousOffsetMs: 0 })).toEqual({
      offsetMs: 120_000,
      estimated: false,
    });
  });
  it('opens the file with an item that began before the recording', () => {
    expect(chapterOffset({ durationMs: 2_000, now, startedAt: now - 600_000, previousOffsetMs: null })).toEqual({
      offsetMs: 0,
      estimated: false,
    });
  });
  it('estimates a start Lectern learned of late, never before the previous chapter', () => {
    expect(chapterOffset({ durationMs: 600_000, now, startedAt: now - 60_000, previousOffsetMs: 100_000 })).toEqual({
      offsetMs: 540_000,
      estimated: true,
    });
    expect(chapterOffset({ durationMs: 600_000, now, startedAt: now - 590_000, previousOffsetMs: 100_000 })).toEqual({
      offsetMs: 100_000,
      estimated: true,
    });
  });
});

describe('versionAtLeast (CreateRecordChapter needs obs-websocket 5.5)', () => {
  it('compares dotted versions', () => {
    expect(versionAtLeast('5.1.0', '5.5.0')).toBe(false);
    expect(versionAtLeast('5.5.0', '5.5.0')).toBe(true);
    expect(versionAtLeast('5.10.1', '5.5.0')).toBe(true);
    expect(versionAtLeast('6.0', '5.5.0')).toBe(true);
    expect(versionAtLeast('garbage', '5.5.0')).toBe(false);
  });
});
