import { onBeforeUnmount, ref, type Ref } from 'vue';
import { msToNextSecond } from '../../shared/index.js';

/**
 * A ref of server time that updates on each whole server second (not every frame), so every screen
 * flips its digits together and an idle screen does no work in between.
 */
export function useTicker(now: () => number): Ref<number> {
  const tick = ref(now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      tick.value = now();
      schedule();
    }, msToNextSecond(now()) + 5);
  };
  schedule();
  onBeforeUnmount(() => clearTimeout(timer));
  return tick;
}
