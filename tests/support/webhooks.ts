import { WEBHOOK_EVENTS, type WebhookEvent } from '../../server/config/webhooks.schema.js';

/** How many of each webhook event a receiver got, from the events' names in the order they came. */
export function eventCounts(events: readonly string[]): Record<WebhookEvent, number> {
  return Object.fromEntries(WEBHOOK_EVENTS.map((event) => [event, events.filter((e) => e === event).length])) as Record<
    WebhookEvent,
    number
  >;
}
