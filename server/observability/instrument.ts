import type { Broadcaster } from '../broadcast/broadcaster.js';
import type { LiveService } from '../live/live.service.js';
import type { ObsService } from '../obs/obs.service.js';
import type { Store } from '../store/store.js';
import type { Logger } from './logger.js';
import type { LecternMetrics } from './metrics.js';

/** The store writes that are timed (every one a command or an edit waits for). */
const TIMED_WRITES = ['commitCommand', 'saveProgram', 'setMeta', 'saveToken', 'revokeToken'] as const;

/** The store, with every durable write timed into `lectern_store_write_duration_seconds`. */
export function instrumentStore<S extends Store>(store: S, metrics: LecternMetrics): S {
  for (const operation of TIMED_WRITES) {
    const write = (store[operation] as (...args: unknown[]) => Promise<unknown>).bind(store);
    Object.defineProperty(store, operation, {
      value: (...args: unknown[]) => metrics.time(metrics.storeWriteSeconds, { operation }, () => write(...args)),
    });
  }
  return store;
}

/** The broadcaster, with each hand-off timed into `lectern_broadcast_duration_seconds` by event. */
export function instrumentBroadcaster(broadcaster: Broadcaster, metrics: LecternMetrics): Broadcaster {
  const timed =
    <A extends unknown[]>(event: string, send: (...args: A) => void) =>
    (...args: A) => {
      const end = metrics.broadcastSeconds.startTimer({ event });
      try {
        send(...args);
      } finally {
        end();
      }
    };
  return {
    hallChanged: timed('hall:changed', (s) => broadcaster.hallChanged(s)),
    programChanged: timed('program:changed', (r) => broadcaster.programChanged(r)),
    commandLogged: timed('log:appended', (e) => broadcaster.commandLogged(e)),
    displaysChanged: timed('displays:delta', (d) => broadcaster.displaysChanged(d)),
    obsChanged: timed('obs:changed', (s) => broadcaster.obsChanged(s)),
  };
}

/**
 * Every command the live engine answers is counted by type and result and timed; each accepted one is logged
 * once with hall, actor label, type, the client's address, revision and latency (a repeat with the same commandId is not logged
 * again). Wraps `live.command`, which every transport goes through (`commandHall`).
 */
export function observeCommands(live: LiveService, log: Logger, metrics: LecternMetrics): void {
  const command = live.command.bind(live);
  live.command = async (hallId, envelope, principal, clientAddress) => {
    const started = performance.now();
    const answer = await command(hallId, envelope, principal, clientAddress);
    const latencyMs = performance.now() - started;
    const result = answer.ok ? (answer.duplicate ? 'duplicate' : 'ok') : answer.error;
    metrics.commands.inc({ type: envelope.type, result });
    metrics.commandSeconds.observe({ type: envelope.type }, latencyMs / 1000);
    const facts = {
      hall: hallId,
      actor: principal.label,
      role: principal.role,
      type: envelope.type,
      ...(clientAddress ? { client: clientAddress } : {}),
    };
    if (answer.ok && !answer.duplicate) {
      log.info(
        { ...facts, revision: answer.view.revision, latencyMs: round(latencyMs) },
        `command ${envelope.type} in ${hallId}`,
      );
    } else if (!answer.ok) {
      log.debug({ ...facts, error: answer.error, latencyMs: round(latencyMs) }, `command ${envelope.type} in ${hallId} refused`);
    }
    return answer;
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Logs each change of a hall's OBS link (connected, disconnected, failed…) once, with the reason. */
export function observeObsLinks(obs: Pick<ObsService, 'onStatus'>, log: Logger): void {
  const last = new Map<string, string>();
  obs.onStatus((status) => {
    const { state, error } = status.connection;
    if (last.get(status.hallId) === state) return;
    last.set(status.hallId, state);
    const line = { hall: status.hallId, obsUrl: status.url, state, ...(error ? { reason: error } : {}) };
    const text = `OBS link ${status.hallId}: ${state}${error ? ` (${error})` : ''}`;
    if (state === 'connected' || state === 'connecting') log.info(line, text);
    else log.warn(line, text);
  });
}
