// What one connected screen costs on the server's heap, by kind of object: the built Lectern (or the floor) is
// started with `--heapsnapshot-signal`, a heap snapshot is taken before and after N light screens connect (a
// snapshot collects garbage first), and the retained bytes are compared, the largest kinds listed. Bounded: N
// screens (default 1000), then everything stops. Needs `npm run build:server`.
//   npx tsx tests/bench/heap-per-screen.ts [lectern|floor] [screens]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DIRECTOR_TOKEN, ROOT, tempDir } from '../support/server.js';
import { writeBenchFiles } from './fanout/bench-program.js';
import { RawClient } from './fanout/raw-client.js';

const kind = process.argv[2] === 'floor' ? 'floor' : 'lectern';
const screens = Number(process.argv[3] ?? 1000);
const files = writeBenchFiles();
const cwd = tempDir('lectern-heap-');
const args =
  kind === 'floor'
    ? ['--import', 'tsx', join(ROOT, 'tests/bench/fanout/floor-server.ts')]
    : [
        join(ROOT, 'dist/server/cli.js'),
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--data',
        tempDir(),
        '--program',
        files.program,
        '--clock',
        files.clock,
      ];
const child = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${cwd}`, ...args], {
  cwd: ROOT,
  env: {
    ...process.env,
    LECTERN_DIRECTOR_TOKEN: DIRECTOR_TOKEN,
    FLOOR_SNAPSHOT: files.snapshot,
    NODE_PATH: join(ROOT, 'node_modules'),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const bound = setTimeout(() => {
  child.kill('SIGKILL');
  console.error('over 5 minutes: stopped');
  process.exit(1);
}, 300_000);
const url = await new Promise<string>((resolve) => {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
});
const wsBase = url.replace(/^http/, 'ws');

/** Takes a heap snapshot of the server; answers its total self size by constructor name. */
async function snapshot(): Promise<Map<string, { bytes: number; count: number }>> {
  const before = new Set(readdirSync(cwd));
  child.kill('SIGUSR2');
  let file: string | undefined;
  for (let i = 0; i < 600 && !file; i++) {
    await sleep(500);
    file = readdirSync(cwd).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (file) {
      // Written when its size stops changing.
      let size = -1;
      for (;;) {
        const now = readFileSync(join(cwd, file)).length;
        if (now === size && now > 0) break;
        size = now;
        await sleep(700);
      }
    }
  }
  const snap = JSON.parse(readFileSync(join(cwd, file!), 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  rmSync(join(cwd, file!));
  const fields = snap.snapshot.meta.node_fields;
  const [typeNames] = snap.snapshot.meta.node_types;
  const width = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map<string, { bytes: number; count: number }>();
  for (let n = 0; n < snap.nodes.length; n += width) {
    const type = typeNames[snap.nodes[n + iType!]!]!;
    const name = type === 'object' || type === 'closure' ? `${type}:${snap.strings[snap.nodes[n + iName!]!]}` : type;
    const entry = out.get(name) ?? { bytes: 0, count: 0 };
    entry.bytes += snap.nodes[n + iSize!]!;
    entry.count += 1;
    out.set(name, entry);
  }
  return out;
}

const director = kind === 'lectern' ? new RawClient({ wsBase, token: DIRECTOR_TOKEN }) : undefined;
await director?.ready;
await sleep(1000);
const before = await snapshot();
const clients: RawClient[] = [];
for (let i = 0; i < screens; i += 50) {
  const batch = Array.from({ length: Math.min(50, screens - i) }, () => new RawClient({ wsBase, hallId: 'hall01' }));
  clients.push(...batch);
  await Promise.all(batch.map((c) => c.ready));
}
await sleep(2000);
const after = await snapshot();
const total = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((s, e) => s + e.bytes, 0);
const perScreen = (total(after) - total(before)) / screens;
console.log(`${kind}: ${screens} screens, heap +${(perScreen / 1000).toFixed(2)} KB per screen (after GC)`);
const rows = [...after.entries()]
  .map(([name, e]) => ({
    name,
    bytes: e.bytes - (before.get(name)?.bytes ?? 0),
    count: e.count - (before.get(name)?.count ?? 0),
  }))
  .sort((a, b) => b.bytes - a.bytes)
  .slice(0, 25);
for (const r of rows)
  console.log(
    `${(r.bytes / screens).toFixed(0).padStart(7)} B/screen ${String(Math.round(r.count / screens)).padStart(4)} obj/screen  ${r.name}`,
  );
for (const c of clients) c.close();
director?.close();
clearTimeout(bound);
child.kill('SIGKILL');
process.exit(0);
