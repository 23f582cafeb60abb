import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue';
import { applyDisplaysDelta, type DisplayInfo, type DisplaysDelta, type LoggedCommand } from '../../shared/index.js';
import type { LiveConnection } from '../../web/useLive.js';
import type { ApiClient } from '../../web/api.js';

/** What the director console follows live besides the halls: the screens and every hall's last command. */
export interface DirectorFeed {
  displays: Ref<DisplayInfo[]>;
  /** Each hall's newest log entry. */
  lastCommand: Ref<Record<string, LoggedCommand>>;
  /** Subscribes to log entries as they are appended; answers the unsubscribe function. */
  onLogged(listener: (entry: LoggedCommand) => void): () => void;
}

/**
 * The director socket's extra feeds (sent to the directors room): the screens (`displays:changed`, the whole
 * list at each connect, then `displays:delta` with what changed), `log:appended`; each hall's last command is
 * fetched once and on every reconnect.
 */
export function useDirectorFeed(live: LiveConnection, api: ApiClient, hallIds: Ref<string[]>): DirectorFeed {
  const displays = shallowRef<DisplayInfo[]>([]);
  const lastCommand = shallowRef<Record<string, LoggedCommand>>({});
  const listeners = new Set<(entry: LoggedCommand) => void>();

  const onDisplays = (list: DisplayInfo[]) => (displays.value = list);
  const onDisplaysDelta = (delta: DisplaysDelta) => (displays.value = applyDisplaysDelta(displays.value, delta));
  const onLogged = (entry: LoggedCommand) => {
    const known = lastCommand.value[entry.hallId];
    if (!known || known.seq < entry.seq) lastCommand.value = { ...lastCommand.value, [entry.hallId]: entry };
    for (const listener of listeners) listener(entry);
  };

  async function loadLast(): Promise<void> {
    const answers = await Promise.all(
      hallIds.value.map((id) => api.call('GET /api/v1/halls/:hallId/log', { params: { hallId: id }, query: { last: 1 } })),
    );
    const next = { ...lastCommand.value };
    for (const answer of answers) {
      const entry = answer.ok ? answer.body.entries[0] : undefined;
      if (entry && (!next[entry.hallId] || next[entry.hallId]!.seq < entry.seq)) next[entry.hallId] = entry;
    }
    lastCommand.value = next;
  }

  live.socket.on('displays:changed', onDisplays);
  live.socket.on('displays:delta', onDisplaysDelta);
  live.socket.on('log:appended', onLogged);
  const onConnect = () => void loadLast();
  live.socket.on('connect', onConnect);
  watch(hallIds, () => void loadLast(), { immediate: true });
  onBeforeUnmount(() => {
    live.socket.off('displays:changed', onDisplays);
    live.socket.off('displays:delta', onDisplaysDelta);
    live.socket.off('log:appended', onLogged);
    live.socket.off('connect', onConnect);
  });

  return {
    displays,
    lastCommand,
    onLogged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
