import { computed, onBeforeUnmount, ref, watch, type ComputedRef } from 'vue';
import { DEFAULT_QUESTION_SETTINGS, type LiveView, type OnAirQuestion } from '../../shared/index.js';
import { apiClient } from '../../web/api.js';

/** While a question is on air, how often the signage asks again whether the hall shows it on signage (ms). */
const RECHECK_MS = 30_000;

/**
 * The question on air as hall signage shows it: the view's question, unless the hall turned `showOnSignage`
 * off. The setting is read (`GET …/questions/settings`, no token) when a question goes on air and every 30 s
 * while it stays; nothing is shown until the first answer, so a hall that keeps questions off its signage never
 * flashes one. Without an answer at all, the default applies.
 */
export function useSignageQuestion(hallId: string, view: ComputedRef<LiveView | null>): ComputedRef<OnAirQuestion | null> {
  const api = apiClient();
  const shows = ref<boolean | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAirId = computed(() => view.value?.question?.id ?? null);

  async function check(): Promise<void> {
    clearTimeout(timer);
    const answer = await api.call('GET /api/v1/halls/:hallId/questions/settings', { params: { hallId } });
    if (answer.ok) shows.value = answer.body.showOnSignage;
    else shows.value ??= DEFAULT_QUESTION_SETTINGS.showOnSignage;
    if (onAirId.value) timer = setTimeout(() => void check(), RECHECK_MS);
  }

  watch(
    onAirId,
    (id, before) => {
      if (id && id !== before) void check();
      if (!id) clearTimeout(timer);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  return computed(() => (shows.value ? (view.value?.question ?? null) : null));
}
