import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { isBreakItem, type CatchUpPreview, type ProjectedItem } from '../../shared/index.js';
import type { HallControls } from './useHallControls.js';

/**
 * The default target of a catch-up: the first item after the next break (what chairs mean by "be back on time
 * after the coffee"), else the day's last coming item. The next item itself cannot be caught up: nothing lies
 * between it and the item on now.
 */
export function defaultCatchUpTarget(coming: readonly ProjectedItem[]): string | null {
  const choices = coming.slice(1);
  const breakAt = choices.findIndex((p) => isBreakItem(p.item));
  const after = breakAt >= 0 ? choices[breakAt + 1] : undefined;
  return (after ?? choices.at(-1))?.item.id ?? null;
}

/** How often an open catch-up sheet asks for the plans again. */
const REFRESH_MS = 30_000;

/**
 * The catch-up sheet's preview: the target chosen (the default until the chair picks one), and the server's
 * three plans for it, asked again whenever the target or the hall's revision changes, and every 30 s. An older answer arriving
 * after a newer question is dropped.
 */
export function useCatchUpPreview(controls: HallControls) {
  const chosen = ref<string | null>(null);
  const targets = computed(() => controls.coming.value.slice(1));
  const target = computed(() => chosen.value ?? defaultCatchUpTarget(controls.coming.value));
  const previews: Ref<CatchUpPreview[] | null> = ref(null);
  const failure = ref<string | null>(null);
  let asked = 0;

  async function load() {
    const untilItemId = target.value;
    const mine = ++asked;
    if (!untilItemId) return;
    const answer = await controls.previewCatchUp({ untilItemId });
    if (mine !== asked) return;
    previews.value = answer.ok ? answer.body : null;
    failure.value = answer.ok ? null : answer.body.message;
  }
  watch([target, () => controls.view.value?.revision], () => void load(), { immediate: true });
  // The delay grows while the item on now overruns: ask again now and then while the sheet is open.
  const timer = setInterval(() => void load(), REFRESH_MS);
  onBeforeUnmount(() => clearInterval(timer));

  return { chosen, target, targets, previews, failure, reload: load };
}
