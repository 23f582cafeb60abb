import { afterAll, describe, expect, it } from 'vitest';
import { api, command } from '../support/http.js';
import { burstUntilGone, expectEveryAckOnce } from '../support/burst.js';
import { freePort } from '../support/net.js';
import { openScreen, waitFor, type TestScreen } from '../support/screen.js';
import { startServer, tempDir, type TestServer } from '../support/server.js';

// docs/guarantees.md, "Acknowledged means durable" and "A restart": kill -9 in the middle of a burst from three
// chairs while screens watch. Every command the server acknowledged is in the log exactly once, revisions go on
// from where they were, and every screen shows the hall's current revision within 3 s of /healthz answering again.

const HALLS = ['namba', 'nakamozu'];
/** The chairs press as fast as the server answers: limits far above that, so every press reaches the store. */
const UNTHROTTLED = ['--token-rate', '1000000'];
const SCREENS = 30;
const SCREEN_RECOVERY_MS = 3000;

let server: TestServer | undefined;
const screens: TestScreen[] = [];
afterAll(async () => {
  screens.forEach((s) => s.close());
  await server?.stop();
});

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

describe('kill -9 during a burst from three chairs', () => {
  it('loses no acknowledged command, applies none twice, and screens agree within 3 s of the restart', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    server = await startServer({ dataDir, port, args: UNTHROTTLED });
    const url = server.url;
    const mint = async (hallId: string, label: string) =>
      (await api(url, '/api/v1/tokens', { body: { hallId, label } })).body.token as string;
    const chairs = [
      { token: await mint('namba', 'Namba chair A'), hallId: 'namba', name: 'namba-a' },
      { token: await mint('namba', 'Namba chair B'), hallId: 'namba', name: 'namba-b' },
      { token: await mint('nakamozu', 'Nakamozu chair'), hallId: 'nakamozu', name: 'nakamozu' },
    ];
    for (let i = 0; i < SCREENS; i++) screens.push(openScreen(url, HALLS));
    await waitFor(() => screens.every((s) => HALLS.every((h) => s.latest(h) >= 0)), 10_000, 'every screen has a snapshot');

    const stop = { now: false };
    const bursts = chairs.map((c) => burstUntilGone(url, c, stop));
    await new Promise((resolve) => setTimeout(resolve, 700));
    await server.stop('SIGKILL');
    const killedAt = Date.now();
    const acks = (await Promise.all(bursts)).flat();
    stop.now = true;
    expect(acks.length).toBeGreaterThan(20);

    server = await startServer({ dataDir, port, args: UNTHROTTLED });
    while (!(await healthy(url))) await new Promise((resolve) => setTimeout(resolve, 10));
    const answeredAt = Date.now();

    // Every acknowledged command is in the log once, with the revision its answer named; none skipped, none twice.
    await expectEveryAckOnce(url, acks, HALLS);

    // The hall's revision survived, and the next command carries on from it.
    const current = new Map<string, number>();
    for (const hallId of HALLS) {
      const { body } = await api(url, `/api/v1/halls/${hallId}/live`, { token: null });
      const lastAcked = Math.max(0, ...acks.filter((a) => a.hallId === hallId).map((a) => a.revision));
      expect(body.revision).toBeGreaterThanOrEqual(lastAcked);
      current.set(hallId, body.revision);
    }

    await waitFor(
      // A snapshot from the restarted server (not the last one before the kill) at the hall's current revision.
      () =>
        screens.every((s) =>
          HALLS.every((h) => {
            const last = s.seen.get(h)?.at(-1);
            return last !== undefined && last.at > killedAt && last.revision === current.get(h);
          }),
        ),
      SCREEN_RECOVERY_MS,
      'every screen has a fresh snapshot of each hall at its current revision',
    );
    const recoveredMs = Date.now() - answeredAt;
    expect(screens.every((s) => s.connects >= 2)).toBe(true);
    console.log(`kill -9: ${acks.length} acknowledged, ${SCREENS} screens agreed ${recoveredMs} ms after /healthz`);

    const after = await command(url, 'namba', { type: 'message', text: 'after the restart' });
    expect(after.status).toBe(200);
    expect(after.body.revision).toBe(current.get('namba')! + 1);
  });
});
