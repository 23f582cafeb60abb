import type { OBSResponseTypes } from 'obs-websocket-js';
import type { ObsRecordStatus, ObsStreamStatus } from '../../shared/index.js';

/** obs-websocket's output states (StreamStateChanged, RecordStateChanged). */
export const OUTPUT_STATE = {
  started: 'OBS_WEBSOCKET_OUTPUT_STARTED',
  stopped: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
  paused: 'OBS_WEBSOCKET_OUTPUT_PAUSED',
  resumed: 'OBS_WEBSOCKET_OUTPUT_RESUMED',
  reconnecting: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
  reconnected: 'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
} as const;

/** The stream status from GetStreamStatus. */
export function streamStatusOf(answer: OBSResponseTypes['GetStreamStatus']): ObsStreamStatus {
  const active = answer.outputActive;
  return {
    active,
    timecode: active ? answer.outputTimecode : null,
    durationMs: active ? answer.outputDuration : null,
    reconnecting: answer.outputReconnecting,
    congestion: active ? Math.round(answer.outputCongestion * 1000) / 1000 : null,
    skippedFrames: active ? answer.outputSkippedFrames : null,
    totalFrames: active ? answer.outputTotalFrames : null,
  };
}

/** The record status from GetRecordStatus, with what only Lectern knows. */
export function recordStatusOf(
  answer: OBSResponseTypes['GetRecordStatus'],
  lectern: { pausedByLectern: boolean; recordingId: string | null },
): ObsRecordStatus {
  const active = answer.outputActive;
  return {
    active,
    paused: active && answer.outputPaused,
    pausedByLectern: active && answer.outputPaused && lectern.pausedByLectern,
    timecode: active ? answer.outputTimecode : null,
    durationMs: active ? answer.outputDuration : null,
    recordingId: active ? lectern.recordingId : null,
  };
}

/** "5.1.0" ≥ "5.5.0"? Missing parts count as 0; anything unparsable is older. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => v.split('.').map((part) => Number.parseInt(part, 10));
  const have = parse(version);
  const want = parse(minimum);
  if (have.some(Number.isNaN)) return false;
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** obs-websocket from this version has CreateRecordChapter (OBS 30.2+, Hybrid MP4 recordings only). */
export const RECORD_CHAPTER_VERSION = '5.5.0';
