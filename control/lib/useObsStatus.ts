import { onUnmounted, ref, shallowRef, type Ref } from 'vue';
import type { ApiError, HallSummary, LecternClientSocket, ObsHallStatus, ObsMode, ObsStatusList } from '../../shared/index.js';
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
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    const body = (await response.json().catch(() => undefined)) as T | ApiError | undefined;
    if (!response.ok) throw new Error((body as ApiError | undefined)?.message ?? `${path} answered ${response.status}`);
    return body as T;
  }

  async function reload(): Promise<void> {
    try {
      const [status, summaries] = await Promise.all([
        request<ObsStatusList>('/api/v1/obs'),
        request<HallSummary[]>('/api/v1/halls'),
      ]);
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
  async function post(hallId: string, action: 'mode' | 'reconnect', body: unknown = {}): Promise<void> {
    pending.value = new Set([...pending.value, hallId]);
    try {
      apply(
        await request<ObsHallStatus>(`/api/v1/obs/${encodeURIComponent(hallId)}/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      error.value = null;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      pending.value = new Set([...pending.value].filter((id) => id !== hallId));
    }
  }

  const setMode = (hallId: string, mode: ObsMode) => post(hallId, 'mode', { mode });
  const reconnect = (hallId: string) => post(hallId, 'reconnect');

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
