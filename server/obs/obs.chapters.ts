import type { ObsChapter } from '../../shared/index.js';

/** "HH:MM:SS" of an offset in ms (rounded down to the second). */
export function formatTimecode(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A chapter's name: "Title — Speaker", or the title alone. */
export function chapterName(chapter: Pick<ObsChapter, 'title' | 'speaker'>): string {
  return chapter.speaker ? `${chapter.title} — ${chapter.speaker}` : chapter.title;
}

/** A line of the exported list. */
export interface ChapterLine {
  offsetMs: number;
  name: string;
}

/** Chapters in order with a repeat of the item before merged into it. */
function mergeRepeats(chapters: readonly ObsChapter[]): ObsChapter[] {
  const merged: ObsChapter[] = [];
  for (const chapter of chapters) {
    if (merged[merged.length - 1]?.itemId !== chapter.itemId) merged.push(chapter);
  }
  return merged;
}

/**
 * The chapter list a video platform accepts, from the chapters stored for one recording:
 * - in offset order; repeats of the item before are merged; then, shortest first, a chapter shorter than
 *   `minSeconds` is dropped (its time goes to the one before), so a "next" undone by "back" leaves no trace;
 * - the first starts at 00:00:00: when the first item began less than `minSeconds` in, its chapter is moved to
 *   00:00:00, otherwise a chapter named `leadName` (the hall) covers the part before it.
 */
export function chapterLines(chapters: readonly ObsChapter[], options: { minSeconds: number; leadName: string }): ChapterLine[] {
  const minMs = options.minSeconds * 1000;
  let kept = mergeRepeats([...chapters].sort((a, b) => a.offsetMs - b.offsetMs));
  for (;;) {
    // The last chapter runs to the end of the recording: it is never too short.
    let shortest = -1;
    for (let i = 0; i < kept.length - 1; i++) {
      const length = kept[i + 1]!.offsetMs - kept[i]!.offsetMs;
      if (length < minMs && (shortest < 0 || length < kept[shortest + 1]!.offsetMs - kept[shortest]!.offsetMs)) shortest = i;
    }
    if (shortest < 0) break;
    kept = mergeRepeats(kept.filter((_, i) => i !== shortest));
  }
  const lines = kept.map((chapter) => ({ offsetMs: chapter.offsetMs, name: chapterName(chapter) }));
  const first = lines[0];
  if (!first) return [];
  if (first.offsetMs < Math.max(minMs, 1000)) first.offsetMs = 0;
  else lines.unshift({ offsetMs: 0, name: options.leadName });
  return lines;
}

/** The exported text: one "HH:MM:SS Name" line per chapter. */
export function chapterText(lines: readonly ChapterLine[]): string {
  return lines.map((line) => `${formatTimecode(line.offsetMs)} ${line.name}`).join('\n');
}

/** How long after an item's start a change still counts as seen live (ms); later, the offset is estimated. */
export const LIVE_START_TOLERANCE_MS = 3000;

/**
 * Where an item's chapter goes in the recording: the recording's current position when the start is seen live;
 * when Lectern learns of it later (OBS was out of reach, or the recording began mid-item), the position minus
 * the time since the start, never before the previous chapter nor the start of the file.
 */
export function chapterOffset(input: {
  /** The recording's position now (ms). */
  durationMs: number;
  /** Server time now and when the item started (ms). */
  now: number;
  startedAt: number;
  /** Offset of the recording's last chapter, if any. */
  previousOffsetMs: number | null;
}): { offsetMs: number; estimated: boolean } {
  const lag = input.now - input.startedAt;
  if (lag <= LIVE_START_TOLERANCE_MS) return { offsetMs: input.durationMs, estimated: false };
  const estimate = input.durationMs - lag;
  // The item began before the recording did: its chapter opens the file.
  if (estimate <= 0 && input.previousOffsetMs === null) return { offsetMs: 0, estimated: false };
  const floor = input.previousOffsetMs ?? 0;
  return { offsetMs: Math.min(input.durationMs, Math.max(floor, estimate)), estimated: true };
}
