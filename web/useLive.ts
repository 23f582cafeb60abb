import { computed, onBeforeUnmount, ref, shallowRef, watch, type ComputedRef, type Ref } from 'vue';
import {
  ProgramSchema,
  liveView,
  type DisplayHello,
  type HallSnapshot,
  type LecternClientSocket,
  type LiveView,
  type Program,
} from '../shared/index.js';
import { apiClient } from './api.js';
import { createServerClock, type ServerClock } from './serverClock.js';
import { connectSocket } from './socket.js';
import { useTicker } from './useTicker.js';

/** After this long without the server a screen shows its discreet "reconnecting" mark (ms). */
export const RECONNECTING_MARK_AFTER_MS = 3000;

/** A page's link to the server: socket, server clock, program, connection status. */
export interface LiveConnection {
  socket: LecternClientSocket;
  clock: ServerClock;
  /** The program (null until fetched). */
  program: Ref<Program | null>;
  /** Server time, updated on each whole second. */
  now: Ref<number>;
  connected: Ref<boolean>;
  /** True once the server has been gone for a few seconds. */
  reconnecting: Ref<boolean>;
  /** While the director identifies this screen: the text to flash (its hall's name), else null. */
  identifying: Ref<string | null>;
  /** Watches halls; snapshots arrive in `snapshots`. */
  watch(hallIds: string[]): void;
  /** Asks for a watched hall's snapshot again and takes it as the truth (after a stale-revision rejection). */
  refresh(hallId: string): void;
  snapshots: Ref<Record<string, HallSnapshot>>;
  close(): void;
}

async function fetchProgram(): Promise<Program> {
  const answer = await apiClient().call('GET /api/v1/program');
  if (!answer.ok) throw new Error(`program: ${answer.body.message}`);
  return ProgramSchema.parse(answer.body);
}

/**
 * Connects a page to the server. Keeps ticking from the last state when the server is gone, re-watches
 * its halls on reconnect and takes that snapshot as the truth; drops broadcasts older than what it shows.
 */
export function useLiveConnection(options: { token?: string; hello?: DisplayHello } = {}): LiveConnection {
  const socket = connectSocket(options.token);
  const clock = createServerClock(socket);
  const program = shallowRef<Program | null>(null);
  const snapshots = shallowRef<Record<string, HallSnapshot>>({});
  const connected = ref(socket.connected);
  const reconnecting = ref(false);
  const identifying = ref<string | null>(null);
  let identifyTimer: ReturnType<typeof setTimeout> | undefined;
  const watched = new Set<string>();
  let lostTimer: ReturnType<typeof setTimeout> | undefined;
  let programLoading: Promise<void> | undefined;

  const loadProgram = (): Promise<void> => {
    programLoading ??= fetchProgram()
      .then((p) => {
        program.value = p;
      })
      .catch(() => {
        // Try again on the next snapshot or reconnect; the page keeps what it has.
      })
      .finally(() => {
        programLoading = undefined;
      });
    return programLoading;
  };

  const accept = (snapshot: HallSnapshot, asTruth: boolean) => {
    const shown = snapshots.value[snapshot.hallId];
    if (!asTruth && shown && snapshot.revision < shown.revision) return;
    snapshots.value = { ...snapshots.value, [snapshot.hallId]: snapshot };
    if (!program.value || (program.value.revision ?? 0) < snapshot.programRevision) void loadProgram();
  };

  const watchHall = (hallId: string) => {
    socket.emit('hall:watch', { hallId }, (result) => {
      if (result.ok) accept(result.snapshot, true);
    });
  };

  socket.on('hall:changed', (snapshot) => accept(snapshot, false));
  socket.on('program:changed', () => void loadProgram());
  socket.on('display:identify', ({ text, durationMs }) => {
    identifying.value = String(text);
    clearTimeout(identifyTimer);
    identifyTimer = setTimeout(() => (identifying.value = null), Math.min(Math.max(Number(durationMs) || 0, 1000), 60_000));
  });
  socket.on('display:reload', () => location.reload());
  socket.on('connect', () => {
    connected.value = true;
    reconnecting.value = false;
    clearTimeout(lostTimer);
    void loadProgram();
    if (options.hello) socket.emit('display:hello', options.hello);
    for (const hallId of watched) watchHall(hallId);
  });
  socket.on('disconnect', () => {
    connected.value = false;
    clearTimeout(lostTimer);
    lostTimer = setTimeout(() => (reconnecting.value = true), RECONNECTING_MARK_AFTER_MS);
  });
  socket.on('connect_error', () => {
    if (!lostTimer && !connected.value) {
      lostTimer = setTimeout(() => (reconnecting.value = true), RECONNECTING_MARK_AFTER_MS);
    }
  });
  void loadProgram();

  const now = useTicker(() => clock.now(), clock.offsetVersion);
  const connection: LiveConnection = {
    socket,
    clock,
    program,
    now,
    connected,
    reconnecting,
    identifying,
    snapshots,
    watch(hallIds) {
      for (const hallId of hallIds) {
        if (watched.has(hallId)) continue;
        watched.add(hallId);
        if (socket.connected) watchHall(hallId);
      }
    },
    refresh(hallId) {
      if (socket.connected) watchHall(hallId);
    },
    close() {
      clearTimeout(lostTimer);
      clearTimeout(identifyTimer);
      clock.stop();
      socket.close();
    },
  };
  onBeforeUnmount(() => connection.close());
  return connection;
}

/**
 * The live view of one hall, recomputed on the screen every server second with the same selectors the
 * server runs, so an unattended hall moves through its schedule without a broadcast.
 */
export function useHallView(connection: LiveConnection, hallId: Ref<string>): ComputedRef<LiveView | null> {
  watch(hallId, (id) => id && connection.watch([id]), { immediate: true });
  return computed(() => {
    const snapshot = connection.snapshots.value[hallId.value];
    const program = connection.program.value;
    // Until the clock is synced the screen's own time may be far off: show nothing rather than something wrong.
    if (!snapshot || !program || !connection.clock.synced.value) return null;
    return liveView(program, snapshot.state, connection.now.value);
  });
}

/**
 * The live views of every hall in the program (for the lobby and the public page), recomputed each server
 * second like `useHallView`. Watches halls as the program names them.
 */
export function useAllHallViews(connection: LiveConnection): ComputedRef<Record<string, LiveView>> {
  watch(
    () => connection.program.value?.halls.map((hall) => hall.id).join('\n') ?? '',
    (ids) => ids && connection.watch(ids.split('\n')),
    { immediate: true },
  );
  return computed(() => {
    const program = connection.program.value;
    const views: Record<string, LiveView> = {};
    if (!program || !connection.clock.synced.value) return views;
    for (const hall of program.halls) {
      const snapshot = connection.snapshots.value[hall.id];
      if (snapshot) views[hall.id] = liveView(program, snapshot.state, connection.now.value);
    }
    return views;
  });
}
