import type { Server } from 'socket.io';
import type { LecternServer, WebhookReceiverStatus } from '../../shared/index.js';
import type { WebhookService } from './webhooks.service.js';

/** The question one process asks the others (socket.io's `serverSideEmit`, over the cluster or Redis adapter). */
const ASK_STATUS = 'lectern:webhook-status';

/**
 * Every process's deliveries to one receiver as one: the counts added up, the last attempt the latest of any
 * process. Each process sends the events of the commands it applied, so with `--workers N` or nodes on Redis
 * one process's own numbers are only its share.
 */
export function addUpReceivers(lists: readonly WebhookReceiverStatus[][]): WebhookReceiverStatus[] {
  const byReceiver = new Map<string, WebhookReceiverStatus>();
  for (const list of lists) {
    for (const status of list) {
      const key = `${status.url} ${status.events.join(',')}`;
      const sum = byReceiver.get(key);
      if (!sum) {
        byReceiver.set(key, { ...status });
        continue;
      }
      const later = (status.lastAttemptAt ?? -1) > (sum.lastAttemptAt ?? -1);
      byReceiver.set(key, {
        ...sum,
        queued: sum.queued + status.queued,
        delivered: sum.delivered + status.delivered,
        failed: sum.failed + status.failed,
        dropped: sum.dropped + status.dropped,
        ...(later ? { lastStatus: status.lastStatus, lastError: status.lastError, lastAttemptAt: status.lastAttemptAt } : {}),
        lastSuccessAt: latest(sum.lastSuccessAt, status.lastSuccessAt),
      });
    }
  }
  return [...byReceiver.values()];
}

const latest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Lets `webhooks.statusEverywhere()` ask the other workers or nodes for theirs, and answers them with its own. */
export function shareWebhookStatus(io: LecternServer, webhooks: WebhookService): void {
  const peers = io as unknown as Server;
  peers.on(ASK_STATUS, (ack: (list: WebhookReceiverStatus[]) => void) => ack(webhooks.status()));
  // A process that did not answer in time (the adapter's requestsTimeout, 5 s) is left out: the others count.
  webhooks.setPeers(
    () =>
      new Promise<WebhookReceiverStatus[][]>((resolve) =>
        peers.serverSideEmit(ASK_STATUS, (_error: Error | null, lists: WebhookReceiverStatus[][] | undefined) =>
          resolve(lists ?? []),
        ),
      ),
  );
}
