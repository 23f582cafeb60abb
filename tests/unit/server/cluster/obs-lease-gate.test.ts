import { describe, expect, it } from 'vitest';
import type { LiveView, ObsLeaseStatus } from '../../../../shared/index.js';
import type { ObsDriveGate } from '../../../../server/cluster/obs-lease.js';
import type { HallObsConfig } from '../../../../server/obs/obs.config.js';
import { ObsService, type LiveSource } from '../../../../server/obs/obs.service.js';
import { SqliteObsStore } from '../../../../server/obs/obs.store.js';
import { tempDir } from '../../../support/server.js';
import { FakeObs } from '../../obs/fake-obs.js';

// ObsService behind an OBS lease: it connects to and switches a hall's OBS only while this node holds the lease.
const NOW = Date.parse('2025-10-02T10:00:00+09:00');

const config: HallObsConfig = {
  hallId: 'namba',
  url: 'ws://fake:4455',
  password: 'secret',
  scenes: { talk: 'Talk', qa: 'Q&A', break: 'Break', hold: 'Hold', idle: 'Starting soon', ended: 'Ended' },
  privacyScene: 'Privacy',
  textInputs: {},
  pauseRecordingForDoNotRecord: false,
};

/** A gate the test turns: who holds namba's lease. */
class TestGate implements ObsDriveGate {
  private changed: (hallId: string, status: ObsLeaseStatus) => void = () => undefined;
  private holder: string | null = 'node-b';
  start(_hallIds: readonly string[], changed: (hallId: string, status: ObsLeaseStatus) => void): void {
    this.changed = changed;
  }
  status(): ObsLeaseStatus {
    return { node: 'node-a', holder: this.holder, held: this.holder === 'node-a' };
  }
  set(holder: string | null): void {
    this.holder = holder;
    this.changed('namba', this.status());
  }
  async close(): Promise<void> {}
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not in 2 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ObsService behind the OBS lease', () => {
  it('drives the OBS only while holding the lease, and stops at once when it is lost', async () => {
    const fake = new FakeObs();
    fake.program = 'Starting soon';
    let phase: LiveView['phase'] = 'qa';
    const live = {
      onChange: () => () => undefined,
      view: () => ({ hallId: 'namba', revision: 1, phase, now: null, next: null, message: null }) as unknown as LiveView,
      hall: () => ({ id: 'namba', name: 'Namba' }),
      getProgram: () => ({ halls: [{ id: 'namba', name: 'Namba' }], items: [] }),
    } as unknown as LiveSource;
    const gate = new TestGate();
    const service = new ObsService({
      config: { halls: [config], chapterMinSeconds: 10 },
      live,
      store: new SqliteObsStore(tempDir('lectern-obs-lease-')),
      now: () => NOW,
      createSocket: fake.socket,
      log: () => undefined,
      tickMs: 20,
      lease: gate,
    });
    const revisions: number[] = [];
    service.onStatus((status) => revisions.push(status.revision));
    try {
      await service.start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Another node holds it: no connection, and the status says who drives.
      expect(fake.connects).toBe(0);
      const elsewhere = service.hallStatus('namba');
      expect(elsewhere.lease).toEqual({ node: 'node-a', holder: 'node-b', held: false });
      expect(elsewhere.connection.error).toBe('node node-b drives this OBS (it holds the OBS lease)');
      expect(service.drivenBy('namba')).toEqual({ holder: 'node-b' });

      gate.set('node-a');
      await until(() => fake.program === 'Q&A', 'switched to Q&A');
      expect(service.hallStatus('namba')).toMatchObject({ connection: { state: 'connected' }, lease: { held: true } });
      expect(service.drivenBy('namba')).toBeUndefined();

      // Lost (a failed renewal): the link closes at once and nothing more is sent, whatever the hall does.
      gate.set(null);
      expect(service.hallStatus('namba').connection.state).toBe('disconnected');
      await until(() => service.hallStatus('namba').lease?.holder === null, 'lease shown lost');
      const sent = fake.calls.length;
      phase = 'break';
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.calls.length).toBe(sent);
      expect(fake.program).toBe('Q&A');

      // Held again: a new connection, and the hall's status revision keeps counting up.
      const before = Math.max(...revisions);
      gate.set('node-a');
      await until(() => fake.program === 'Break', 'switched to Break');
      expect(fake.connects).toBe(2);
      expect(service.hallStatus('namba').revision).toBeGreaterThan(before);
      expect(revisions.slice(revisions.indexOf(before))).toEqual(
        [...revisions.slice(revisions.indexOf(before))].sort((x, y) => x - y),
      );
    } finally {
      await service.close();
    }
  });
});
