import { computed, ref, type ComputedRef } from 'vue';
import type { Hall, HallState, LiveView } from '../../shared/index.js';
import { hallScene, type HallScene } from './scene.js';
import type { Screen } from './useScreen.js';
import { useHallView } from '../../web/useLive.js';

/** One hall as a screen sees it. */
export interface HallOnScreen {
  view: ComputedRef<LiveView | null>;
  hall: ComputedRef<Hall | null>;
  /** The program is loaded and has no such hall. */
  unknownHall: ComputedRef<boolean>;
  scene: ComputedRef<HallScene | null>;
  /** The hall's raw state, for the selectors that take it (restOfDay, comingItems). */
  state: ComputedRef<HallState | null>;
}

/** Watches a hall and derives its live view and scene every server second. */
export function useHallScene(screen: Screen, hallId: string): HallOnScreen {
  const { live } = screen;
  const view = useHallView(live, ref(hallId));
  const hall = computed(() => live.program.value?.halls.find((h) => h.id === hallId) ?? null);
  const unknownHall = computed(() => !!live.program.value && !hall.value);
  const scene = computed(() =>
    live.program.value && view.value ? hallScene(live.program.value, view.value, live.now.value) : null,
  );
  const state = computed(() => live.snapshots.value[hallId]?.state ?? null);
  return { view, hall, unknownHall, scene, state };
}
