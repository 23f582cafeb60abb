import type { WebhookReceiverStatus } from '../../shared/index.js';

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
