import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { LiveService } from '../live/live.service.js';
import type { HallChange } from '../live/live.types.js';
import type { Logger } from '../observability/logger.js';
import { VERSION } from '../version.js';
import { DEFAULT_POLICY, ReceiverQueue, type DeliveryResult, type QueuePolicy, type ReceiverStatus } from './receiver-queue.js';
import type { WebhookReceiver } from './webhook-receivers.js';
import { addUpReceivers } from './webhook-status.js';
import { overtimeEvent, overtimeKey, transitionEvents, type HallEvent } from './webhook-events.js';

/**
 * The JSON body of every delivery (docs/webhooks.md): the event, the hall, when it happened (server time, epoch
 * ms; a rehearsal clock's time in a rehearsal), the hall state's revision after it, and the event's data.
 */
export interface WebhookPayload {
  event: HallEvent['event'];
  hallId: string;
  at: number;
  revision: number;
  data: HallEvent['data'];
}

export interface WebhookServiceOptions {
  receivers: WebhookReceiver[];
  live: LiveService;
  clock: Clock;
  log: Logger;
  /** Whether this process looks for overtime at all (with `--workers N`: worker 1 only). */
  watchesOvertime: boolean;
  /**
   * Claims one overtime event among the processes that watch (nodes on Redis: a SET NX in Redis); the one
   * that wins sends it. Default: this process is the only one.
   */
  claimOvertime?: (hallId: string, key: string) => Promise<boolean>;
  /** Told of each delivery's end (the metrics count them). */
  onResult?: (result: DeliveryResult) => void;
  policy?: Partial<QueuePolicy>;
  /** How often overtime is looked for (ms, default 1000). */
  overtimeEveryMs?: number;
}

/**
 * Webhooks: the events of the hall changes this process commits, and overtime as time passes, each sent to
 * every receiver that asked for it, in a queue per receiver. Subscribed to the live engine after the
 * broadcaster; the sending starts after the command's answer, which never waits for it.
 */
export class WebhookService {
  private readonly queues: ReceiverQueue[];
  private readonly reported = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;
  private peers: (() => Promise<ReceiverStatus[][]>) | undefined;
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly options: WebhookServiceOptions) {
    const policy: QueuePolicy = { ...DEFAULT_POLICY, userAgent: `Lectern/${VERSION}`, ...options.policy };
    this.queues = options.receivers.map((receiver) => new ReceiverQueue(receiver, policy, options.onResult));
  }

  get configured(): boolean {
    return this.queues.length > 0;
  }

  /** Starts following the live engine (and, when asked for, the clock for overtime). */
  start(): void {
    if (!this.configured) return;
    const { live, clock } = this.options;
    this.unsubscribe = live.onChange((change) => this.followChange(change));
    const wantsOvertime = this.queues.some((queue) => queue.receiver.events.has('overtime'));
    if (!wantsOvertime || !this.options.watchesOvertime) return;
    // A hall already over time when the server starts was reported before (or was over before anyone listened).
    for (const hall of live.getProgram().halls) {
      const view = live.view(hall.id);
      const key = overtimeKey(view);
      if (key && view.countdown && view.countdown.endsAt <= clock.now()) this.reported.set(hall.id, key);
    }
    this.ticker = setInterval(() => this.lookForOvertime(), this.options.overtimeEveryMs ?? 1000);
    this.ticker.unref();
  }

  /** Every receiver's delivery state: this process's deliveries. */
  status(): ReceiverStatus[] {
    return this.queues.map((queue) => queue.status());
  }

  /** Lets `statusEverywhere` add the other processes' deliveries (`--workers N`, nodes on Redis: askEveryProcess). */
  setPeers(peers: () => Promise<ReceiverStatus[][]>): void {
    this.peers = peers;
  }

  /** Every receiver's delivery state over every process: what GET /api/v1/webhooks answers. */
  async statusEverywhere(): Promise<ReceiverStatus[]> {
    if (!this.peers || !this.configured) return this.status();
    return addUpReceivers([this.status(), ...(await this.peers())]);
  }

  /** Addresses an event to the receivers that want it. */
  publish(event: HallEvent): void {
    const payload: WebhookPayload = {
      event: event.event,
      hallId: event.hallId,
      at: event.at,
      revision: event.revision,
      data: event.data,
    };
    const body = JSON.stringify(payload);
    for (const queue of this.queues) {
      if (queue.receiver.events.has(event.event)) queue.enqueue({ id: randomUUID(), event: event.event, body });
    }
  }

  close(): void {
    this.unsubscribe?.();
    clearInterval(this.ticker);
    for (const queue of this.queues) queue.close();
  }

  private followChange(change: HallChange): void {
    // A change another process committed is that process's to send (it applied the command): sent once.
    if (change.remote) return;
    const { snapshot, previous } = change;
    const { state, programRevision: _p, ...view } = snapshot;
    const events = transitionEvents({
      previous,
      state,
      view,
      at: change.cause ? state.updatedAt : this.options.clock.now(),
      ...(change.cause ? { command: change.cause.type } : {}),
    });
    if (events.length === 0) return;
    // The listener runs before the command is answered: the events go out after that answer.
    setImmediate(() => events.forEach((event) => this.publish(event)));
  }

  private lookForOvertime(): void {
    const { live, clock } = this.options;
    const now = clock.now();
    for (const hall of live.getProgram().halls) {
      const view = live.view(hall.id);
      const event = overtimeEvent(view, now, this.reported.get(hall.id));
      if (!event) continue;
      const key = overtimeKey(view)!;
      this.reported.set(hall.id, key);
      const claim = this.options.claimOvertime ?? (async () => true);
      claim(hall.id, key).then(
        (won) => won && this.publish(event),
        (error: unknown) => this.options.log.warn({ component: 'webhooks', err: error }, 'could not claim an overtime event'),
      );
    }
  }
}
