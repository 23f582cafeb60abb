import type { ObsHallStatus, ObsMode, ObsRecording, ObsStatusList } from '../../shared/index.js';
import type { LiveService } from '../live/live.service.js';
import { chapterLines, chapterText } from './obs.chapters.js';
import { readPasswordFile, type ObsConfig } from './obs.config.js';
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
}

/**
 * The OBS adapter: one `HallObs` per configured hall, fed by the live engine's change listener (and a tick for
 * halls that follow their printed schedule). Socket handlers never call OBS; a chair's command never waits for it.
 */
export class ObsService {
  private readonly halls = new Map<string, HallObs>();
  private readonly listeners = new Set<(status: ObsHallStatus) => void>();
  private unsubscribe: (() => void) | undefined;
  private tick: NodeJS.Timeout | undefined;

  constructor(private readonly options: ObsServiceOptions) {
    const log = options.log ?? ((message: string) => console.log(`[lectern] ${message}`));
    for (const config of options.config?.halls ?? []) {
      const prefix = `OBS ${config.hallId}: `;
      const connection = new ObsConnection({
        url: config.url,
        password: config.password,
        ...(config.passwordFile ? { rereadPassword: () => readPasswordFile(config.passwordFile!) } : {}),
        createSocket: options.createSocket ?? createObsSocket,
        now: options.now,
        log: (message) => log(prefix + message),
        ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
      });
      const hall = new HallObs({
        config,
        connection,
        store: options.store,
        now: options.now,
        log: (message) => log(prefix + message),
        onStatus: (status) => this.listeners.forEach((listener) => listener(status)),
        itemScenes: () =>
          options.live
            .getProgram()
            .items.filter((item) => item.hallId === config.hallId && item.obsScene)
            .map((item) => item.obsScene!),
        ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      });
      this.halls.set(config.hallId, hall);
    }
  }

  /** Told of every hall's status change (for the directors' sockets). */
  onStatus(listener: (status: ObsHallStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Halls with an OBS configured. */
  hallIds(): string[] {
    return [...this.halls.keys()];
  }

  isConfigured(hallId: string): boolean {
    return this.halls.has(hallId);
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
    for (const hall of this.halls.values()) {
      hall.update(live.view(hall.hallId));
      await hall.start();
    }
    if (this.halls.size > 0) {
      this.tick = setInterval(() => {
        for (const hall of this.halls.values()) hall.update(live.view(hall.hallId));
      }, this.options.tickMs ?? 1000);
      this.tick.unref?.();
    }
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    clearInterval(this.tick);
    await Promise.all([...this.halls.values()].map((hall) => hall.close()));
  }

  /** Every program hall (unconfigured ones say so), then configured halls the program does not have. */
  status(): ObsStatusList {
    const programHalls = this.options.live.getProgram().halls.map((hall) => hall.id);
    const ids = [...programHalls, ...[...this.halls.keys()].filter((id) => !programHalls.includes(id))];
    return { halls: ids.map((id) => this.hallStatus(id)) };
  }

  hallStatus(hallId: string): ObsHallStatus {
    const hall = this.halls.get(hallId);
    if (hall) return hall.status();
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
