import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import { ProgramSchema, type Program } from '../../shared/index.js';
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
    // The program is parsed with the one schema, not trusted: a server of another version fails here, visibly.
    const parsed = p.ok ? ProgramSchema.safeParse(p.body) : undefined;
    if (parsed?.success && h.ok) {
      program.value = parsed.data;
      rehearsal.value = h.body.clockOffsetMs !== 0;
    } else {
      if (parsed && !parsed.success) console.error('program does not parse', parsed.error.issues);
      timer = setTimeout(() => void load(), 3000);
    }
  }
  void load();
  onBeforeUnmount(() => clearTimeout(timer));
  return { program, rehearsal };
}
