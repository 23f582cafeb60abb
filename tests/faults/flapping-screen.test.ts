import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, command } from '../support/http.js';
import { startFlakyProxy, type FlakyProxy } from '../support/net.js';
import { openScreen, waitFor, type TestScreen } from '../support/screen.js';
import { startServer, type TestServer } from '../support/server.js';

// docs/guarantees.md, "A lost network": a screen whose connection drops every 1.5 s while two halls change
// never receives a state older than one it already received, and catches up when the network holds.

const HALLS = ['namba', 'nakamozu'];
const DROPS = 5;
const DROP_EVERY_MS = 1500;

let server: TestServer;
let proxy: FlakyProxy;
const screens: TestScreen[] = [];
beforeAll(async () => {
  server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
  proxy = await startFlakyProxy(server.port);
});
afterAll(async () => {
  screens.forEach((s) => s.close());
  await proxy.close();
  await server.stop();
});

describe('a screen on a flapping connection', () => {
  it('never shows a hall at a revision older than one it showed, and ends at the current one', async () => {
    for (let i = 0; i < 3; i++) screens.push(openScreen(proxy.url, HALLS));
    await waitFor(() => screens.every((s) => HALLS.every((h) => s.latest(h) >= 0)), 10_000, 'first snapshots');

    let stop = false;
    const presses = (async () => {
      for (let n = 0; !stop; n++) {
        const hallId = HALLS[n % 2]!;
        await command(server.url, hallId, { type: 'message', text: `flap ${n}` });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    for (let drop = 0; drop < DROPS; drop++) {
      await new Promise((resolve) => setTimeout(resolve, DROP_EVERY_MS));
      proxy.drop();
    }
    stop = true;
    await presses;

    const current = new Map<string, number>();
    for (const hallId of HALLS) {
      current.set(hallId, (await api(server.url, `/api/v1/halls/${hallId}/live`, { token: null })).body.revision);
    }
    await waitFor(() => screens.every((s) => HALLS.every((h) => s.latest(h) === current.get(h))), 10_000, 'screens catch up');
    for (const screen of screens) {
      expect(screen.connects).toBeGreaterThan(DROPS / 2);
      for (const hallId of HALLS) {
        const revisions = screen.seen.get(hallId)!.map((r) => r.revision);
        const backwards = revisions.findIndex((r, i) => i > 0 && r < revisions[i - 1]!);
        expect(backwards, `${hallId}: ${revisions.slice(Math.max(0, backwards - 3), backwards + 2).join(' ')}`).toBe(-1);
      }
    }
    expect(current.get('namba')).toBeGreaterThan(20);
  });
});
