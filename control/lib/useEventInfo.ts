import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import type { Program } from '../../shared/index.js';
import { apiClient } from '../../web/api.js';

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
    const api = apiClient();
    const [p, h] = await Promise.all([api.call('GET /api/v1/program'), api.call('GET /healthz')]);
    // Typed by the route map (shared/routes.ts), not parsed again: the server parsed it with ProgramSchema when it
    // came in and serves this page from the same build; zod stays on the server (see docs/architecture.md).
    if (p.ok && h.ok) {
      program.value = p.body;
      rehearsal.value = h.body.clockOffsetMs !== 0;
    } else {
      timer = setTimeout(() => void load(), 3000);
    }
  }
  void load();
  onBeforeUnmount(() => clearTimeout(timer));
  return { program, rehearsal };
}
