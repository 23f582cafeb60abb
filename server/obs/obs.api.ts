import type { ObsHallStatus, ObsMode, ObsRecording, ObsStatusList } from '../../shared/index.js';

/**
 * What the OBS routes ask of OBS: the service itself in one process, or (on `--workers` other than 1, which drive
 * no OBS) a relay to worker 1 through the cluster adapter (server/cluster/obs-relay.ts).
 */
export interface ObsApi {
  status(): ObsStatusList | Promise<ObsStatusList>;
  /** Nodes on Redis: set when another node drives this hall's OBS. */
  drivenBy(hallId: string): { holder: string | null } | undefined | Promise<{ holder: string | null } | undefined>;
  isConfigured(hallId: string): boolean | Promise<boolean>;
  setMode(hallId: string, mode: ObsMode, actor: string): Promise<ObsHallStatus | undefined>;
  reconnect(hallId: string): Promise<ObsHallStatus | undefined>;
  recordings(hallId: string): Promise<ObsRecording[]>;
}
