import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import type { Command, CommandResult, LiveView } from '../../shared/index.js';
import type { LiveConnection } from '../../web/useLive.js';
import { newCommandId } from './ids.js';

/** How long to wait for the server's acknowledgement before sending the same command again (ms). */
export const ACK_TIMEOUT_MS = 4000;
/**
 * A press still unanswered after this long (the connection dropped) is not sent by itself any more:
 * the chair confirms it against the fresh state (ms).
 */
export const AUTO_RETRY_WINDOW_MS = 15_000;
/** How long a confirmation stays on a button (ms). */
const DONE_SHOWN_MS = 2500;

/** One press of a button: the command, its id (kept across retries) and the revision it was made on. */
export interface Attempt {
  /** Which button: a name the page chose ("next", "extend+5"…). */
  key: string;
  command: Command;
  /** What the button said when pressed ("Start", "End the day"), if it says more than the command's name. */
  label?: string;
  commandId: string;
  expectRevision: number | undefined;
  /** Server time of the press (epoch ms). */
  pressedAt: number;
  /** How many times it was sent. */
  sends: number;
}

/** What became of the last press, for the status line. */
export type Fate =
  | { kind: 'sending' | 'retrying' | 'waiting'; attempt: Attempt }
  | { kind: 'done'; attempt: Attempt; view: LiveView }
  | { kind: 'stale'; attempt: Attempt; view: LiveView | null }
  | { kind: 'failed'; attempt: Attempt; error: string; message: string }
  | { kind: 'queued'; attempt: Attempt }
  | { kind: 'busy'; key: string };

export interface HallCommands {
  /** The press on its way (or waiting for the connection to retry). */
  inFlight: Ref<Attempt | null>;
  /** A press made while offline, or left unanswered too long: sent only once the chair confirms. */
  queued: Ref<Attempt | null>;
  /** What happened to the last press. */
  fate: Ref<Fate | null>;
  /** The button that just succeeded (for its confirmation mark), cleared after a moment. */
  doneKey: Ref<string | null>;
  /** Sends a command for the button `key` (labelled `label`); ignored while another press is on its way. */
  send(key: string, command: Command, label?: string): void;
  /** Sends the queued press on the current state (its id kept, so it cannot apply twice). */
  confirmQueued(): void;
  discardQueued(): void;
  /** Forgets the status line. */
  clearFate(): void;
}

/**
 * Commands to one hall with their fate: each press carries the revision it was made on and its own id; an
 * unanswered press is sent again with the same id (the server answers a repeat without applying it twice);
 * a stale-revision rejection refreshes the hall; a press made offline waits for an explicit confirmation.
 */
export function useHallCommands(live: LiveConnection, hallId: Ref<string>, view: Ref<LiveView | null>): HallCommands {
  const inFlight = shallowRef<Attempt | null>(null);
  const queued = shallowRef<Attempt | null>(null);
  const fate = shallowRef<Fate | null>(null);
  const doneKey = ref<string | null>(null);
  let doneTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const socket = live.socket;

  const online = () => socket.connected && live.connected.value;

  function transmit(attempt: Attempt): void {
    if (inFlight.value !== attempt) return;
    if (!online()) {
      fate.value = { kind: 'waiting', attempt };
      return;
    }
    attempt.sends += 1;
    fate.value = { kind: attempt.sends > 1 ? 'retrying' : 'sending', attempt };
    const payload = {
      hallId: hallId.value,
      ...attempt.command,
      commandId: attempt.commandId,
      ...(attempt.expectRevision !== undefined ? { expectRevision: attempt.expectRevision } : {}),
    };
    const sendNo = attempt.sends;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('hall:command', payload)
      .then(
        (result: CommandResult) => {
          // Any send's answer settles the press.
          if (inFlight.value === attempt) settle(attempt, result);
        },
        () => {
          // Only the latest send's silence leads to another.
          if (inFlight.value === attempt && sendNo === attempt.sends) unanswered(attempt);
        },
      );
  }

  /** No answer in time: send the same command again while the press is fresh, else ask the chair. */
  function unanswered(attempt: Attempt): void {
    if (live.now.value - attempt.pressedAt > AUTO_RETRY_WINDOW_MS) return toQueue(attempt);
    if (online()) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => transmit(attempt), 250);
    } else {
      fate.value = { kind: 'waiting', attempt };
    }
  }

  function toQueue(attempt: Attempt): void {
    if (inFlight.value === attempt) inFlight.value = null;
    queued.value = attempt;
    fate.value = { kind: 'queued', attempt };
  }

  function settle(attempt: Attempt, result: CommandResult): void {
    inFlight.value = null;
    if (result.ok) {
      fate.value = { kind: 'done', attempt, view: result.view };
      doneKey.value = attempt.key;
      clearTimeout(doneTimer);
      doneTimer = setTimeout(() => (doneKey.value = null), DONE_SHOWN_MS);
      return;
    }
    if (result.error === 'stale_revision') {
      live.refresh(hallId.value);
      fate.value = { kind: 'stale', attempt, view: result.view ?? null };
      return;
    }
    fate.value = { kind: 'failed', attempt, error: result.error, message: result.message };
  }

  function send(key: string, command: Command, label?: string): void {
    if (inFlight.value) {
      fate.value = { kind: 'busy', key };
      return;
    }
    const attempt: Attempt = {
      key,
      command,
      ...(label ? { label } : {}),
      commandId: newCommandId(),
      expectRevision: view.value?.revision,
      pressedAt: live.now.value,
      sends: 0,
    };
    if (!online()) return toQueue(attempt);
    queued.value = null;
    inFlight.value = attempt;
    transmit(attempt);
  }

  function confirmQueued(): void {
    const attempt = queued.value;
    if (!attempt || inFlight.value || !online()) return;
    queued.value = null;
    // Confirmed against what the chair sees now; the id is kept, so a press that did arrive is not applied again.
    const fresh: Attempt = { ...attempt, expectRevision: view.value?.revision, pressedAt: live.now.value, sends: attempt.sends };
    inFlight.value = fresh;
    transmit(fresh);
  }

  function discardQueued(): void {
    queued.value = null;
    if (fate.value?.kind === 'queued') fate.value = null;
  }

  // Back online: a fresh unanswered press goes again by itself (same id); an old one waits for the chair.
  const onConnect = () => {
    const attempt = inFlight.value;
    if (!attempt) return;
    if (live.now.value - attempt.pressedAt > AUTO_RETRY_WINDOW_MS) toQueue(attempt);
    else setTimeout(() => transmit(attempt), 300);
  };
  socket.on('connect', onConnect);
  onBeforeUnmount(() => {
    socket.off('connect', onConnect);
    clearTimeout(doneTimer);
    clearTimeout(retryTimer);
  });

  return {
    inFlight,
    queued,
    fate,
    doneKey,
    send,
    confirmQueued,
    discardQueued,
    clearFate: () => (fate.value = null),
  };
}
