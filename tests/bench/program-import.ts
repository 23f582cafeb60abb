import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportFrabXml } from '../../server/program/export/frab-xml.js';
import { exportIcs } from '../../server/program/export/ics.js';
import { importProgram } from '../../server/program/import/index.js';
import { ROOT } from '../support/server.js';
import type { BenchNumbers } from './server-commands.js';

const round = (n: number) => Math.round(n * 10) / 10;

/** Median time of `runs` calls (ms). */
function timed(runs: number, run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return round(times.sort((a, b) => a - b)[Math.floor(runs / 2)]!);
}

/** A CSV at the program model's limit: 20 halls × 1000 items (20 000). */
function largeCsv(): string {
  const rows = ['date,start,end,hall,title,speakers,affiliations'];
  const clock = (minutes: number) =>
    `${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  for (let hall = 0; hall < 20; hall++) {
    for (let i = 0; i < 1000; i++) {
      const day = new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 40))).toISOString().slice(0, 10);
      const minutes = (i % 40) * 20;
      rows.push(
        `${day},${clock(minutes)},${clock(minutes + 15)},Hall ${hall},"Talk ${hall}-${i}: a long title, with a comma",Speaker ${i},University ${i}`,
      );
    }
  }
  return rows.join('\n');
}

/** Import and export times of the real fixtures and of a program at the model's limit. Pure CPU, no server. */
export async function benchProgramImport(): Promise<BenchNumbers> {
  const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8');
  const congress = fixture('frab-31c3-schedule.xml');
  const seed = fixture('osaka-assb-symposium-2025-program.txt');
  const csv = largeCsv();
  const large = importProgram(csv, { zone: 'UTC' }).program;
  const largeXml = exportFrabXml(large);
  return {
    'import 31C3 frab (360 kB, 138 events) ms': timed(9, () => importProgram(congress, { zone: 'Europe/Berlin' })),
    'import seed printed program ms': timed(9, () => importProgram(seed, { zone: 'Asia/Tokyo' })),
    'import CSV 20 000 items (2.3 MB) ms': timed(3, () => importProgram(csv, { zone: 'UTC' })),
    'export frab XML 20 000 items ms': timed(3, () => exportFrabXml(large)),
    'import frab XML 20 000 items ms': timed(3, () => importProgram(largeXml)),
    'export ICS 20 000 items ms': timed(3, () => exportIcs(large, { now: 0, version: 'bench' })),
    'frab XML 20 000 items MB': round(largeXml.length / 1e6),
  };
}
