import { table, type Bench, type BenchReport } from './bench.js';
import { broadcastPathBench } from './broadcast-path.bench.js';
import { displayPagesBench } from './display-pages.bench.js';
import { fanoutScenarios } from './fanout/scenarios.js';
import { benchProgramImport } from './program-import.js';
import { redisCapacityBench } from './redis-capacity.bench.js';
import { benchServerCommands, type BenchNumbers } from './server-commands.js';

/** A report from a flat set of named numbers: one table row each. */
function numbersReport(title: string, method: string, numbers: BenchNumbers): BenchReport {
  return { title, markdown: `${method}\n\n${table(['measure', 'value'], Object.entries(numbers))}`, data: numbers };
}

const serverCommandsBench: Bench = {
  name: 'server',
  quick: true,
  timeoutMs: 180_000,
  async run() {
    return numbersReport(
      'Commands and broadcast (server)',
      'A real server on loopback with its SQLite store (WAL, synchronous=FULL); one director socket sends 300 hold/release commands in sequence, each awaited until acknowledged (durable) and until all 100 watching sockets have the `hall:changed`.',
      await benchServerCommands(),
    );
  },
};

const programImportBench: Bench = {
  name: 'import',
  timeoutMs: 300_000,
  async run() {
    return numbersReport(
      'Program import and export',
      "Median wall time of the importers and exporters, in process, on the real fixtures and on a generated program at the model's limit (20 000 items).",
      await benchProgramImport(),
    );
  },
};

/** Every benchmark `npm run bench` runs, in order. Add a module here to add a section to docs/benchmarks.md. */
export const benches: Bench[] = [
  ...fanoutScenarios,
  redisCapacityBench,
  broadcastPathBench,
  serverCommandsBench,
  programImportBench,
  displayPagesBench,
];
