import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObsHallStatus, ObsStatusList, Program } from '../../shared/index.js';
import { demoProgram } from './demo.js';
import { api } from './http.js';
import { eventually } from './obs.js';
import { tempDir } from './server.js';

/** The scene map the OBS tests use (names with spaces and a non-ASCII one on purpose). */
export const SCENES = {
  talk: 'Talk',
  qa: 'Q&A',
  break: 'Break',
  hold: 'Hold',
  idle: 'Starting soon',
  ended: 'Ended',
} as const;
export const PRIVACY_SCENE = 'Privacy — 非公開';
export const WIDE_SCENE = 'Wide shot';
export const ALL_SCENES = [...Object.values(SCENES), PRIVACY_SCENE, WIDE_SCENE];
export const TITLE_INPUT = 'Lectern title';
export const SPEAKER_INPUT = 'Lectern speaker';

/** Ids of the demo's Day 1 items in hall namba that the OBS tests change. */
export const ITEMS = {
  registration: 'namba-2025-10-02-0900',
  opening: 'namba-2025-10-02-0930',
  ong: 'namba-2025-10-02-0940',
  ohno: 'namba-2025-10-02-1020',
  break1: 'namba-2025-10-02-1050',
  jung: 'namba-2025-10-02-1105',
  tsuchiya: 'namba-2025-10-02-1145',
  lunch: 'namba-2025-10-02-1215',
} as const;

/** The Japanese title given to Ohno's talk. */
export const JAPANESE_TITLE = '全固体電池研究の再現性に向けた課題';

/**
 * The demo program with what the OBS tests need: the opening on its own scene, a Japanese title, Jung's talk
 * marked do-not-record and Tsuchiya's do-not-stream.
 */
export function obsTestProgram(): Program {
  const program = demoProgram();
  const change: Record<string, Partial<Program['items'][number]>> = {
    [ITEMS.opening]: { obsScene: WIDE_SCENE },
    [ITEMS.ohno]: { title: JAPANESE_TITLE },
    [ITEMS.jung]: { doNotRecord: true },
    [ITEMS.tsuchiya]: { doNotStream: true },
  };
  return { ...program, items: program.items.map((item) => ({ ...item, ...change[item.id] })) };
}

/** Writes the test program to a file; answers its path. */
export function writeProgram(dir = tempDir('lectern-obs-program-')): string {
  const file = join(dir, 'program.json');
  writeFileSync(file, JSON.stringify(obsTestProgram()));
  return file;
}

/** One hall's entry of an OBS config file. */
export function hallConfig(
  url: string,
  password: { passwordEnv: string } | { passwordFile: string },
  extra: Record<string, unknown> = {},
) {
  return {
    url,
    ...password,
    scenes: SCENES,
    privacyScene: PRIVACY_SCENE,
    textInputs: { title: TITLE_INPUT, speaker: SPEAKER_INPUT },
    ...extra,
  };
}

/** Writes an OBS config file; answers its path. */
export function writeObsConfig(config: unknown, dir = tempDir('lectern-obs-config-')): string {
  const file = join(dir, 'obs.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** A hall's OBS status from `GET /api/v1/obs`. */
export async function obsStatus(base: string, hallId: string): Promise<ObsHallStatus> {
  const { status, body } = await api<ObsStatusList>(base, '/api/v1/obs');
  if (status !== 200) throw new Error(`GET /api/v1/obs answered ${status}`);
  const hall = body.halls.find((h) => h.hallId === hallId);
  if (!hall) throw new Error(`no OBS status for ${hallId}`);
  return hall;
}

/** Waits until a hall's OBS status satisfies `accept`. */
export function obsStatusUntil(
  base: string,
  hallId: string,
  accept: (status: ObsHallStatus) => boolean,
  timeoutMs = 15_000,
  what = 'OBS status',
) {
  return eventually(() => obsStatus(base, hallId), accept, timeoutMs, what);
}
