// Self time by function of a V8 .cpuprofile (from `node --cpu-prof`), largest first.
//   npx tsx tests/bench/cpuprofile-summary.ts FILE.cpuprofile [--top 40]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '40' } } });
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  // Inclusive time of our own code (server/ and shared/), each function counted once per sample.
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (!/\/dist\/(server|shared)\//.test(n.callFrame.url)) continue;
      const key = label(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const busy = total - (self.get('(idle) ') ?? 0);
  self.delete('(idle) ');
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle`);
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title} (share of the non-idle time)`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
      console.log(`${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  };
  print('self time', self);
  const byPackage = new Map<string, number>();
  for (const [name, us] of self) byPackage.set(packageOf(name), (byPackage.get(packageOf(name)) ?? 0) + us);
  print('self time by package', byPackage);
  print("inclusive time of Lectern's own functions", inclusive);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/').replace(/^node:/, '');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`;
}

/** "node_modules/socket.io-parser", "dist/server/socket", "node internals" or the label itself (natives, GC). */
function packageOf(label: string): string {
  const where = label.split(' ').at(-1) ?? '';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/node_modules\/((?:@[^/]+\/)?[^/]+))?/.exec(where);
  if (nm) return `node_modules/${nm[2] ?? nm[1]}`;
  const dist = /^dist\/([^/]+\/[^/]+)/.exec(where);
  if (dist) return `dist/${dist[1]}`;
  return where ? 'node internals' : label;
}
