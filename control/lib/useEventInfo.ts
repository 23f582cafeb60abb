import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import type { Health, Program } from '../../shared/index.js';

/** The event as a control page needs it before it connects: language, halls, and whether a rehearsal clock runs. */
export interface EventInfo {
  program: Ref<Program | null>;
  /** True when the server runs on a rehearsal clock. */
  rehearsal: Ref<boolean>;
}

/** Fetches the program and the server's health once (again every few seconds until both answer). */
export function useEventInfo(): EventInfo {
  const program = shallowRef<Program | null>(null);
  const rehearsal = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    try {
      const [p, h] = await Promise.all([
        fetch('/api/v1/program', { cache: 'no-cache' }),
        fetch('/healthz', { cache: 'no-store' }),
      ]);
      if (!p.ok || !h.ok) throw new Error('not ready');
      program.value = (await p.json()) as Program;
      rehearsal.value = ((await h.json()) as Health).clockOffsetMs !== 0;
    } catch {
      timer = setTimeout(() => void load(), 3000);
    }
  }
  void load();
  onBeforeUnmount(() => clearTimeout(timer));
  return { program, rehearsal };
}
