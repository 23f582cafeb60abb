// Arrival of a change per worker under `--workers 2`: do the screens on the worker that did not commit the command
// (it hears of it through the primary) get it later than those on the worker that did? One server, 1,000 light
// screens in this process (each knows its worker from its upgrade's `x-lectern-worker`), 20 commands 300 ms
// apart, each answered by the worker its connection reached. Prints p50/p99 (ms) for both groups.
//   npm run build && npx tsx tests/bench/per-worker-arrival.ts
import { startServer, DIRECTOR_TOKEN } from '../support/server.js';
import { epochNow, RawClient } from './fanout/raw-client.js';

const SCREENS = 1000;
const server = await startServer({ args: ['--workers', '2', '--token-rate', '1000000', '--socket-rate', '1000000'] });
const wsBase = server.url.replace('http', 'ws');
const arrivals: { worker: string; revision: number; at: number }[] = [];
const screens: RawClient[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next++ < SCREENS) {
      const screen: RawClient = new RawClient({
        wsBase,
        hallId: 'namba',
        onChange: (revision, at) => arrivals.push({ worker: screen.worker ?? '?', revision, at }),
      });
      screens.push(screen);
      await screen.ready;
    }
  }),
);
const sent = new Map<number, { at: number; worker: string }>();
for (let i = 0; i < 20; i++) {
  const at = epochNow();
  const response = await fetch(`${server.url}/api/v1/halls/namba/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DIRECTOR_TOKEN}` },
    body: JSON.stringify({ type: 'message', text: `m${i}` }),
  });
  const body = (await response.json()) as { revision: number };
  sent.set(body.revision, { at, worker: response.headers.get('x-lectern-worker')! });
  await new Promise((resolve) => setTimeout(resolve, 300));
}
await new Promise((resolve) => setTimeout(resolve, 1000));
for (const screen of screens) screen.reportChanges();
const groups: Record<'same' | 'other', number[]> = { same: [], other: [] };
for (const arrival of arrivals) {
  const command = sent.get(arrival.revision);
  if (command) groups[arrival.worker === command.worker ? 'same' : 'other'].push(arrival.at - command.at);
}
for (const [group, times] of Object.entries(groups)) {
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]?.toFixed(1);
  console.log(`${group} worker: ${times.length} arrivals, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
}
screens.forEach((screen) => screen.close());
await server.stop();
process.exit(0);
