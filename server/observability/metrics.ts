import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DisplayInfo, ObsStatusList } from '../../shared/index.js';

/** Seconds buckets for work on the command path (a command, a store write, a broadcast). */
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A histogram of seconds on the command path, by one label, in `registry`. */
function secondsHistogram<L extends string>(registry: Registry, name: string, help: string, label: L): Histogram<L> {
  return new Histogram({ name, help, labelNames: [label], buckets: FAST_BUCKETS, registers: [registry] });
}

/** What the gauges read when Prometheus scrapes (nothing is counted on the side). */
export interface MetricsSources {
  displays: () => DisplayInfo[];
  obs: () => ObsStatusList;
}

/** The label of a screen that shows no one hall (lobby, the public live page of every hall). */
export const EVERY_HALL = 'all';

/**
 * Lectern's Prometheus metrics, in a registry of their own (one per server, so tests can run several):
 * screens, commands, store writes, broadcasts and OBS, plus Node's process metrics.
 */
export class LecternMetrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'lectern_commands_total',
    help: 'Commands answered, by command type and result (ok, duplicate, or the error code)',
    labelNames: ['type', 'result'] as const,
    registers: [this.registry],
  });

  readonly commandSeconds = secondsHistogram(
    this.registry,
    'lectern_command_duration_seconds',
    'Time from a command reaching the live engine to its answer (queue, checks, durable write), seconds',
    'type',
  );

  readonly storeWriteSeconds = secondsHistogram(
    this.registry,
    'lectern_store_write_duration_seconds',
    'Durable store writes, by operation, seconds',
    'operation',
  );

  readonly broadcastSeconds = secondsHistogram(
    this.registry,
    'lectern_broadcast_duration_seconds',
    'Time to hand a change to every socket that gets it, by event, seconds',
    'event',
  );

  readonly webhookDeliveries = new Counter({
    name: 'lectern_webhook_deliveries_total',
    help: 'Webhook deliveries by how they ended: delivered (2xx), failed (every attempt, or a 4xx), dropped (queue full)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private webhookQueues: () => { url: string; queued: number }[] = () => [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const queues = () => this.webhookQueues();
    new Gauge({
      name: 'lectern_webhook_queue_length',
      help: 'Webhook deliveries waiting or being sent, by receiver (its URL without the query string)',
      labelNames: ['url'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const queue of queues()) this.set({ url: queue.url }, queue.queued);
      },
    });
    // Present from the start at 0, so a dashboard reads 0 rather than "no data".
    for (const result of ['delivered', 'failed', 'dropped'] as const) this.webhookDeliveries.inc({ result }, 0);
  }

  /** The webhook queues the queue-length gauge reads when Prometheus scrapes. */
  watchWebhooks(queues: () => { url: string; queued: number }[]): void {
    this.webhookQueues = queues;
  }

  /** Registers the gauges that read the screens and OBS at scrape time. */
  watch(sources: MetricsSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'lectern_screens_connected',
      help: `Connected screens that said display:hello, by hall ("${EVERY_HALL}" for lobby and live pages) and page kind`,
      labelNames: ['hall', 'page'] as const,
      registers,
      collect() {
        this.reset();
        for (const display of sources.displays()) this.inc({ hall: display.hallId ?? EVERY_HALL, page: display.page });
      },
    });
    const obsGauge = (name: string, help: string, value: (status: ObsStatusList['halls'][number]) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['hall'] as const,
        registers,
        collect() {
          this.reset();
          for (const status of sources.obs().halls) {
            if (status.connection.state !== 'unconfigured') this.set({ hall: status.hallId }, value(status));
          }
        },
      });
    obsGauge('lectern_obs_connected', "1 while the hall's OBS websocket is connected", (s) =>
      s.connection.state === 'connected' ? 1 : 0,
    );
    obsGauge('lectern_obs_streaming', '1 while OBS reports the stream active', (s) => (s.stream?.active ? 1 : 0));
    obsGauge('lectern_obs_recording', '1 while OBS reports the recording active', (s) => (s.record?.active ? 1 : 0));
    new Gauge({
      name: 'lectern_obs_connection_state',
      help: "The OBS link's state per hall: 1 for the current state (connecting, connected, disconnected, failed)",
      labelNames: ['hall', 'state'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of sources.obs().halls) {
          if (status.connection.state !== 'unconfigured') this.set({ hall: status.hallId, state: status.connection.state }, 1);
        }
      },
    });
  }

  /** Times `work` into a histogram (also when it throws). */
  async time<T>(histogram: Histogram<string>, labels: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const end = histogram.startTimer(labels);
    try {
      return await work();
    } finally {
      end();
    }
  }
}
