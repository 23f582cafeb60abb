/** A webhook receiver's delivery state, as `GET /api/v1/webhooks` answers it (never its secret or query string). */
export interface WebhookReceiverStatus {
  /** The receiver's URL without its query string. */
  url: string;
  /** The events it asked for (item.started, phase.changed, overtime, message, hall.held). */
  events: string[];
  /** Deliveries carry X-Lectern-Signature. */
  signed: boolean;
  /** Waiting or being sent now. */
  queued: number;
  delivered: number;
  /** Given up: after every attempt, or refused by a 4xx. */
  failed: number;
  /** Pushed out of a full queue, oldest first. */
  dropped: number;
  /** The HTTP status of the last attempt; null before one, or when it got no answer. */
  lastStatus: number | null;
  /** Why the last attempt failed (e.g. "HTTP 500", "ECONNREFUSED", "timeout after 5 s"); null when it succeeded. */
  lastError: string | null;
  /** Wall time of the last attempt (epoch ms), or null. */
  lastAttemptAt: number | null;
  /** Wall time of the last delivery a receiver took (epoch ms), or null. */
  lastSuccessAt: number | null;
}

/** `GET /api/v1/webhooks`: every configured receiver (the deliveries of every worker or node; docs/webhooks.md). */
export interface WebhookStatusList {
  receivers: WebhookReceiverStatus[];
}
