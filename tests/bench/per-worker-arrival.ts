// Arrival of a change per worker under `--workers 2`: do the screens on the worker that did not commit the command
// (it hears of it through the primary) get it later than those on the worker that did? One server, 1,000 light
// screens in this process (each knows its worker from its upgrade's `x-lectern-worker`), 20 commands 300 ms
// apart, each answered by the worker its connection reached. Prints p50/p99 (ms) for both groups.
//   npm run build && npx tsx tests/bench/per-worker-arrival.ts
import WebSocket from 'ws';
import { performance } from 'node:perf_hooks';
import { startServer, DIRECTOR_TOKEN } from '../support/server.js';
const now = () => performance.timeOrigin + performance.now();
const server = await startServer({ args: ['--workers', '2', '--token-rate', '1000000', '--socket-rate', '1000000'] });
const wsBase = server.url.replace('http', 'ws');
const arrivals: { worker: string; revision: number; at: number }[] = [];
const N = 1000;
let next = 0;
const socks: WebSocket[] = [];
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next++ < N)
      await new Promise<void>((resolve) => {
        const ws = new WebSocket(`${wsBase}/socket.io/?EIO=4&transport=websocket`);
        socks.push(ws);
        let worker = '?';
        let first = true;
        ws.once('upgrade', (res) => (worker = String(res.headers['x-lectern-worker'])));
        ws.on('message', (d: Buffer) => {
          const t = d.toString();
          if (t === '2') return ws.send('3');
          if (t[0] === '0') return ws.send('40');
          if (t.startsWith('40')) {
            ws.send(`421${JSON.stringify(['hall:watch', { hallId: 'namba' }])}`);
            return;
          }
          if (t.startsWith('42["hall:changed"')) {
            if (first) {
              first = false;
              return resolve();
            }
            arrivals.push({ worker, revision: JSON.parse(t.slice(2))[1].revision, at: now() });
          }
        });
      });
  }),
);
const sent = new Map<number, { at: number; worker: string }>();
for (let i = 0; i < 20; i++) {
  const at = now();
  const r = await fetch(`${server.url}/api/v1/halls/namba/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DIRECTOR_TOKEN}` },
    body: JSON.stringify({ type: 'message', text: `m${i}` }),
  });
  const body = (await r.json()) as { revision: number };
  sent.set(body.revision, { at, worker: r.headers.get('x-lectern-worker')! });
  await new Promise((res) => setTimeout(res, 300));
}
await new Promise((res) => setTimeout(res, 1000));
const groups: Record<string, number[]> = { same: [], other: [] };
for (const a of arrivals) {
  const s = sent.get(a.revision);
  if (!s) continue;
  groups[a.worker === s.worker ? 'same' : 'other']!.push(a.at - s.at);
}
for (const [k, v] of Object.entries(groups)) {
  v.sort((x, y) => x - y);
  console.log(k, v.length, 'p50', v[Math.floor(v.length / 2)]?.toFixed(1), 'p99', v[Math.floor(v.length * 0.99)]?.toFixed(1));
}
socks.forEach((s) => s.terminate());
await server.stop();
process.exit(0);
