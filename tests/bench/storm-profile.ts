// A connect storm against the floor and one Lectern, side by side, with each optionally under `node --cpu-prof`,
// to find where Lectern spends its time per connecting screen. Needs `npm run build`.
//   npx tsx tests/bench/storm-profile.ts [--screens 5000] [--profile DIR] [--rounds 1]
// Prints each target's connect time; with --profile, each server writes a .cpuprofile to DIR on exit
// (summarise it with `npx tsx tests/bench/cpuprofile-summary.ts DIR/*.cpuprofile`).
import { parseArgs } from 'node:util';
import { writeBenchFiles } from './fanout/bench-program.js';
import { launch, type Target } from './fanout/launch.js';
import { LoadPool } from './fanout/load-pool.js';
import { runScenario } from './fanout/run-scenario.js';
import { LOAD_PROCESSES } from './fanout/scenarios.js';

const { values } = parseArgs({
  options: {
    screens: { type: 'string', default: '5000' },
    profile: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
const displays = Number(values.screens);
const files = writeBenchFiles();
const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
const targets: Target[] = [{ kind: 'floor' }, { kind: 'lectern', workers: 1 }];

for (let round = 0; round < Number(values.rounds); round++) {
  for (const target of targets) {
    const pool = await LoadPool.start(LOAD_PROCESSES);
    const server = await launch(target, files, nodeArgs);
    try {
      const r = await runScenario(server, pool, { displays, halls: 1, changes: 0, gapMs: 0 });
      console.log(
        `${r.target}: ${displays} screens connected in ${r.connectMs} ms, ${r.failedConnects} failed, ` +
          `server CPU ${r.stormServerCpuSeconds} s, load CPU ${r.stormLoadCpuSeconds} s, ${r.directorBytesPerScreen} director B/screen`,
      );
    } finally {
      await server.stop();
      await pool.stop();
    }
  }
}
