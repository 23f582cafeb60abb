import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ProgramSchema, initialHallState, type HallState, type Program } from '../../shared/index.js';
import { ROOT } from './server.js';

/** The bundled demo event, parsed. */
export function demoProgram(): Program {
  return ProgramSchema.parse(JSON.parse(readFileSync(join(ROOT, 'server/program/demo/osaka-assb-symposium-2025.json'), 'utf8')));
}

/** An instant in Osaka: tokyo('2025-10-02T09:45') → epoch ms. */
export function tokyo(local: string): number {
  const instant = DateTime.fromISO(local, { zone: 'Asia/Tokyo' });
  if (!instant.isValid) throw new Error(`bad test time ${local}`);
  return instant.toMillis();
}

/** A fresh hall state. */
export function idle(hallId: string): HallState {
  return initialHallState(hallId);
}

export const MINUTE = 60_000;
