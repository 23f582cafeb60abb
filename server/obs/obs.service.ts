import type { ObsHallStatus, ObsLeaseStatus, ObsMode, ObsRecording, ObsStatusList } from '../../shared/index.js';
import type { ObsDriveGate } from '../cluster/obs-lease.js';
import type { LiveService } from '../live/live.service.js';
import { chapterLines, chapterText } from './obs.chapters.js';
import { readPasswordFile, type HallObsConfig, type ObsConfig } from './obs.config.js';
import { ObsConnection } from './obs.connection.js';
import { HallObs } from './obs.hall.js';
import { createObsSocket, type ObsSocket } from './obs.socket.js';
import type { ObsStore } from './obs.store.js';

/** What the OBS adapter reads of the live engine. */
export type LiveSource = Pick<LiveService, 'onChange' | 'view' | 'hall' | 'getProgram'>;

export interface ObsServiceOptions {
  /** Halls with an OBS; none when Lectern runs without `--obs`. */
  config: ObsConfig | undefined;
  live: LiveSource;
  store: ObsStore;
  /** Server time (ms). */
  now: () => number;
  createSocket?: () => ObsSocket;
  log?: (message: string) => void;
  /** Re-derive every hall's wishes this often, so an unattended hall follows its schedule (ms). */
  tickMs?: number;
  pollMs?: number;
  backoffMs?: readonly number[];
  /**
   * Nodes on Redis: drive a hall's OBS only while this node holds its lease (docs/scale.md). Without it, every
   * configured hall is driven from the start.
   */
  lease?: ObsDriveGate;
}

/**
 * The OBS adapter: one `HallObs` per configured hall, fed by the live engine's change listener (and a tick for
 * halls that follow their printed schedule). Socket handlers never call OBS; a chair's command never waits for it.
 */
export class ObsService {
  /** The halls this node drives now (all configured ones, without a lease). */
  private readonly halls = new Map<string, HallObs>();
  private readonly configs = new Map<string, HallObsConfig>();
  /** The last status revision per hall, so a hall driven again counts on from it. */
  private readonly revisions = new Map<string, number>();
  private readonly listeners = new Set<(status: ObsHallStatus) => void>();
  private readonly log: (message: string) => void;
  private unsubscribe: (() => void) | undefined;
  private tick: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ObsServiceOptions) {
    this.log = options.log ?? ((message: string) => console.log(`[lectern] ${message}`));
    for (const config of options.config?.halls ?? []) this.configs.set(config.hallId, config);
  }

  private createHall(config: HallObsConfig): HallObs {
    const options = this.options;
    const prefix = `OBS ${config.hallId}: `;
    const connection = new ObsConnection({
      url: config.url,
      password: config.password,
      ...(config.passwordFile ? { rereadPassword: () => readPasswordFile(config.passwordFile!) } : {}),
      createSocket: options.createSocket ?? createObsSocket,
      now: options.now,
      log: (message) => this.log(prefix + message),
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    });
    return new HallObs({
      config,
      connection,
      store: options.store,
      now: options.now,
      log: (message) => this.log(prefix + message),
      onStatus: (status) => this.publish(status),
      itemScenes: () =>
        options.live
          .getProgram()
          .items.filter((item) => item.hallId === config.hallId && item.obsScene)
          .map((item) => item.obsScene!),
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      firstRevision: this.revisions.get(config.hallId) ?? 0,
    });
  }

  private publish(status: ObsHallStatus): void {
    this.revisions.set(status.hallId, status.revision);
    const lease = this.options.lease?.status(status.hallId);
    const shown = lease ? { ...status, lease } : status;
    this.listeners.forEach((listener) => listener(shown));
  }

  /** Drives a hall's OBS: connects it and follows the hall's state. */
  private async drive(config: HallObsConfig): Promise<void> {
    if (this.halls.has(config.hallId) || this.closed) return;
    const hall = this.createHall(config);
    this.halls.set(config.hallId, hall);
    hall.update(this.options.live.view(config.hallId));
    await hall.start();
  }

  /** Stops driving a hall's OBS at once (its lease is lost): nothing more is sent to it. */
  private async release(hallId: string): Promise<void> {
    const hall = this.halls.get(hallId);
    if (!hall) return;
    this.halls.delete(hallId);
    const closing = hall.close();
    this.publish(this.hallStatus(hallId));
    await closing;
  }

  /** A hall's lease changed: drive its OBS, stop driving it, or just say who drives it now. */
  private leaseChanged(hallId: string, lease: ObsLeaseStatus): void {
    const config = this.configs.get(hallId);
    if (!config) return;
    const done = (error: unknown) => this.log(`OBS ${hallId}: ${String(error)}`);
    if (lease.held && !this.halls.has(hallId)) this.drive(config).catch(done);
    else if (!lease.held && this.halls.has(hallId)) this.release(hallId).catch(done);
    else if (!lease.held) this.publish(this.hallStatus(hallId));
  }

  /** Told of every hall's status change (for the directors' sockets). */
  onStatus(listener: (status: ObsHallStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Halls with an OBS configured. */
  hallIds(): string[] {
    return [...this.configs.keys()];
  }

  isConfigured(hallId: string): boolean {
    return this.configs.has(hallId);
  }

  /** Nodes on Redis: who holds each configured hall's OBS lease (for `/readyz`); undefined without a lease. */
  leases(): Record<string, ObsLeaseStatus> | undefined {
    const gate = this.options.lease;
    if (!gate) return undefined;
    return Object.fromEntries(this.hallIds().map((hallId) => [hallId, gate.status(hallId)]));
  }

  /** Connects every hall's OBS and follows the live engine. */
  async start(): Promise<void> {
    const { live } = this.options;
    this.unsubscribe = live.onChange(({ snapshot, cause }) => {
      const hall = this.halls.get(snapshot.hallId);
      // No command behind a change: a new program, whose items may name scenes OBS lacks.
      if (!cause) hall?.resync();
      hall?.update(snapshot);
    });
    if (this.options.lease) this.options.lease.start(this.hallIds(), (hallId, lease) => this.leaseChanged(hallId, lease));
    else for (const config of this.configs.values()) await this.drive(config);
    if (this.configs.size > 0) {
      this.tick = setInterval(() => {
        for (const hall of this.halls.values()) hall.update(live.view(hall.hallId));
      }, this.options.tickMs ?? 1000);
      this.tick.unref?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    clearInterval(this.tick);
    // OBS first, then the leases: another node may take them once this one no longer drives.
    await Promise.all([...this.halls.values()].map((hall) => hall.close()));
    await this.options.lease?.close();
  }

  /** Every program hall (unconfigured ones say so), then configured halls the program does not have. */
  status(): ObsStatusList {
    const programHalls = this.options.live.getProgram().halls.map((hall) => hall.id);
    const ids = [...programHalls, ...this.hallIds().filter((id) => !programHalls.includes(id))];
    return { halls: ids.map((id) => this.hallStatus(id)) };
  }

  hallStatus(hallId: string): ObsHallStatus {
    const lease = this.options.lease?.status(hallId);
    const hall = this.halls.get(hallId);
    if (hall) return lease ? { ...hall.status(), lease } : hall.status();
    const config = this.configs.get(hallId);
    if (config && lease) return this.drivenElsewhere(config, lease);
    return {
      hallId,
      revision: 0,
      url: null,
      connection: { state: 'unconfigured', error: null, since: 0, retries: 0, nextRetryAt: null },
      obs: null,
      mode: 'auto',
      manual: null,
      scene: { desired: null, reason: 'no OBS configured for this hall', actual: null, error: null, missing: [] },
      stream: null,
      record: null,
      text: null,
      lastError: null,
    };
  }

  /** A configured hall whose OBS another node drives (or nobody, until a node takes the lease). */
  private drivenElsewhere(config: HallObsConfig, lease: ObsLeaseStatus): ObsHallStatus {
    const revision = (this.revisions.get(config.hallId) ?? 0) + 1;
    this.revisions.set(config.hallId, revision);
    const error = lease.holder
      ? `node ${lease.holder} drives this OBS (it holds the OBS lease)`
      : 'no node holds the OBS lease yet: a node with --obs takes it within 10 s';
    return {
      hallId: config.hallId,
      revision,
      url: config.url,
      connection: { state: 'disconnected', error, since: 0, retries: 0, nextRetryAt: null },
      obs: null,
      mode: 'auto',
      manual: null,
      scene: { desired: null, reason: error, actual: null, error: null, missing: [] },
      stream: null,
      record: null,
      text: null,
      lastError: null,
      lease,
    };
  }

  /** The node that drives a configured hall's OBS, when it is not this one (nodes on Redis); else undefined. */
  drivenBy(hallId: string): { holder: string | null } | undefined {
    if (!this.configs.has(hallId) || this.halls.has(hallId) || !this.options.lease) return undefined;
    return { holder: this.options.lease.status(hallId).holder };
  }

  /** Sets a hall's mode; answers its status, or undefined when the hall has no OBS. */
  async setMode(hallId: string, mode: ObsMode, actor: string): Promise<ObsHallStatus | undefined> {
    const hall = this.halls.get(hallId);
    if (!hall) return undefined;
    await hall.setMode(mode, `set by ${actor}`);
    return hall.status();
  }

  /** Connects a hall's OBS now (after a refusal too); answers its status, or undefined when the hall has no OBS. */
  async reconnect(hallId: string): Promise<ObsHallStatus | undefined> {
    const hall = this.halls.get(hallId);
    if (!hall) return undefined;
    await hall.reconnect();
    return hall.status();
  }

  /** A hall's recordings, newest first, each with its chapters and the list to export. */
  async recordings(hallId: string): Promise<ObsRecording[]> {
    const store = this.options.store;
    const leadName = this.options.live.hall(hallId)?.name ?? hallId;
    const minSeconds = this.options.config?.chapterMinSeconds ?? 10;
    const out: ObsRecording[] = [];
    for (const recording of await store.listRecordings(hallId)) {
      const chapters = await store.listChapters(recording.id);
      out.push({ ...recording, chapters, text: chapterText(chapterLines(chapters, { minSeconds, leadName })) });
    }
    return out;
  }
}
