import { onUnmounted, ref, shallowRef, type Ref } from 'vue';
import type { LecternClientSocket, ObsHallStatus, ObsMode } from '../../shared/index.js';
import { apiClient, type ApiAnswer } from '../../web/api.js';
import { connectSocket } from '../../web/socket.js';

/** Every hall's OBS status, kept current by `obs:changed`, the auto/manual switch and "try again". */
export interface ObsStatusState {
  halls: Ref<ObsHallStatus[]>;
  /** Hall names by id (from the program). */
  names: Ref<Record<string, string>>;
  /** Why the status could not be loaded or a switch failed, for a person. */
  error: Ref<string | null>;
  loaded: Ref<boolean>;
  /** Halls whose mode change is on its way. */
  pending: Ref<Set<string>>;
  setMode(hallId: string, mode: ObsMode): Promise<void>;
  /** Connects a hall's OBS now, also after OBS refused Lectern (the password fixed, a kicked session). */
  reconnect(hallId: string): Promise<void>;
  reload(): Promise<void>;
}

/**
 * Loads `GET /api/v1/obs` with the director token and follows `obs:changed` on a director socket: the one given
 * (the console's), or one of its own, closed on unmount. Reloads after every reconnect.
 */
export function useObsStatus(token: string | undefined, socket?: LecternClientSocket): ObsStatusState {
  const halls = shallowRef<ObsHallStatus[]>([]);
  const names = ref<Record<string, string>>({});
  const error = ref<string | null>(null);
  const loaded = ref(false);
  const pending = ref(new Set<string>());
  const api = apiClient(token);

  /** The body of an answer, or a throw with the server's message. */
  function bodyOf<T>(answer: ApiAnswer<T>): T {
    if (!answer.ok) throw new Error(answer.body.message);
    return answer.body;
  }

  async function reload(): Promise<void> {
    try {
      const [status, summaries] = await Promise.all([api.call('GET /api/v1/obs'), api.call('GET /api/v1/halls')]).then(
        ([s, h]) => [bodyOf(s), bodyOf(h)] as const,
      );
      halls.value = status.halls;
      names.value = Object.fromEntries(summaries.map((hall) => [hall.id, hall.name]));
      error.value = null;
      loaded.value = true;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    }
  }

  function apply(status: ObsHallStatus): void {
    const index = halls.value.findIndex((hall) => hall.hallId === status.hallId);
    if (index >= 0 && halls.value[index]!.revision > status.revision) return;
    halls.value = index < 0 ? [...halls.value, status] : halls.value.map((hall, i) => (i === index ? status : hall));
  }

  /** Posts to one of a hall's OBS endpoints, the hall marked pending meanwhile; applies the status answered. */
  async function post(hallId: string, send: () => Promise<ApiAnswer<ObsHallStatus>>): Promise<void> {
    pending.value = new Set([...pending.value, hallId]);
    try {
      apply(bodyOf(await send()));
      error.value = null;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      pending.value = new Set([...pending.value].filter((id) => id !== hallId));
    }
  }

  const params = (hallId: string) => ({ hallId });
  const setMode = (hallId: string, mode: ObsMode) =>
    post(hallId, () => api.call('POST /api/v1/obs/:hallId/mode', { params: params(hallId), body: { mode } }));
  const reconnect = (hallId: string) =>
    post(hallId, () => api.call('POST /api/v1/obs/:hallId/reconnect', { params: params(hallId) }));

  const own = socket ? undefined : connectSocket(token);
  const live = socket ?? own!;
  const onConnect = () => void reload();
  live.on('obs:changed', apply);
  live.on('connect', onConnect);
  void reload();
  onUnmounted(() => {
    live.off('obs:changed', apply);
    live.off('connect', onConnect);
    own?.close();
  });

  return { halls, names, error, loaded, pending, setMode, reconnect, reload };
}
