import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { msToNextSecond } from '../shared/index.js';

/**
 * A ref of server time that updates on each whole server second (not every frame), so every screen
 * flips its digits together and an idle screen does no work in between. A change of `kick` (the clock
 * offset moved) updates it at once and re-aligns the ticks.
 */
export function useTicker(now: () => number, kick?: Ref<unknown>): Ref<number> {
  const tick = ref(now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer = setTimeout(
      () => {
        tick.value = now();
        schedule();
      },
      msToNextSecond(now()) + 5,
    );
  };
  schedule();
  if (kick) {
    watch(kick, () => {
      clearTimeout(timer);
      tick.value = now();
      schedule();
    });
  }
  onBeforeUnmount(() => clearTimeout(timer));
  return tick;
}
