import { onUnmounted, ref, shallowRef, type Ref } from 'vue';
import type { WebhookReceiverStatus } from '../../shared/index.js';
import type { ApiClient } from '../../web/api.js';

/** How often the panel asks again (deliveries are not broadcast: a receiver's state changes with every retry). */
const EVERY_MS = 5000;

export interface WebhooksState {
  receivers: Ref<WebhookReceiverStatus[]>;
  loaded: Ref<boolean>;
  /** Why the state could not be loaded, for a person. */
  error: Ref<string | null>;
  reload(): Promise<void>;
}

/** `GET /api/v1/webhooks` now and every 5 s while the panel is shown. */
export function useWebhooks(api: ApiClient): WebhooksState {
  const receivers = shallowRef<WebhookReceiverStatus[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function reload(): Promise<void> {
    try {
      const answer = await api.call('GET /api/v1/webhooks');
      if (!answer.ok) throw new Error(answer.body.message);
      receivers.value = answer.body.receivers;
      error.value = null;
      loaded.value = true;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    }
  }

  void reload();
  const timer = setInterval(() => void reload(), EVERY_MS);
  onUnmounted(() => clearInterval(timer));
  return { receivers, loaded, error, reload };
}
