import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** Whether the screen is kept awake: 'on', or why not ('unsupported' outside a secure context, 'refused'). */
export type WakeState = 'pending' | 'on' | 'unsupported' | 'refused';

interface WakeLockSentinelLike {
  released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/**
 * Keeps the screen awake with the Wake Lock API where the browser allows it (a secure context: https or
 * localhost), taking the lock again whenever the page becomes visible. Elsewhere the page shows a hint.
 */
export function useWakeLock(): { state: Ref<WakeState> } {
  const state = ref<WakeState>('pending');
  let sentinel: WakeLockSentinelLike | undefined;
  const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;

  async function acquire(): Promise<void> {
    if (!window.isSecureContext || !wakeLock) {
      state.value = 'unsupported';
      return;
    }
    if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      sentinel = await wakeLock.request('screen');
      state.value = 'on';
      sentinel.addEventListener('release', () => {
        if (document.visibilityState === 'visible') state.value = 'refused';
      });
    } catch {
      state.value = 'refused';
    }
  }

  const onVisible = () => void acquire();
  onMounted(() => {
    void acquire();
    document.addEventListener('visibilitychange', onVisible);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisible);
    void sentinel?.release().catch(() => undefined);
  });
  return { state };
}
