import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialHallState, liveView, ProgramSchema, type Program } from '../../../shared/index.js';
import { ROOT, tempDir } from '../../support/server.js';

/** Server time of every fan-out run: the first morning of the demo event, a talk running. */
export const BENCH_CLOCK = '2025-10-02T09:45:00+09:00';

/** The halls a run's screens watch: `hall01` … `hall20`. */
export function benchHallIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `hall${String(i + 1).padStart(2, '0')}`);
}

/**
 * Writes the bench's program (the demo event's first hall copied into 20 halls, so each snapshot has the
 * demo's size) and a real snapshot of one of its halls (what the floor sends); answers both files.
 */
export function writeBenchFiles(): { program: string; snapshot: string; clock: string } {
  const demo = ProgramSchema.parse(
    JSON.parse(readFileSync(join(ROOT, 'server/program/demo/osaka-assb-symposium-2025.json'), 'utf8')),
  );
  const first = demo.halls[0]!;
  const halls = benchHallIds(20).map((id, n) => ({ ...first, id, name: `${first.name} ${n + 1}` }));
  const items = halls.flatMap((hall) =>
    demo.items
      .filter((item) => item.hallId === first.id)
      .map((item) => ({ ...item, id: `${hall.id}-${item.id}`, hallId: hall.id })),
  );
  const program: Program = { ...demo, halls, items };
  const dir = tempDir('lectern-bench-');
  const programFile = join(dir, 'program.json');
  writeFileSync(programFile, JSON.stringify(program));
  const state = initialHallState('hall01');
  const snapshot = { ...liveView(program, state, Date.parse(BENCH_CLOCK)), state, programRevision: 1 };
  const snapshotFile = join(dir, 'snapshot.json');
  writeFileSync(snapshotFile, JSON.stringify(snapshot));
  return { program: programFile, snapshot: snapshotFile, clock: BENCH_CLOCK };
}
