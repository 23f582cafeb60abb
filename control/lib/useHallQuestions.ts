import { computed, onBeforeUnmount, ref, shallowRef, watch, type ComputedRef, type Ref } from 'vue';
import {
  orderQuestions,
  type FullQuestionSettings,
  type Question,
  type QuestionPatch,
  type QuestionSettingsPatch,
  type QuestionsChanged,
} from '../../shared/index.js';
import type { LiveConnection } from '../../web/useLive.js';

/** How long to wait for an acknowledgement of a questions event (ms). */
const ACK_MS = 5000;

export interface HallQuestions {
  /** Every question of the hall, in the moderator's order (`orderQuestions`); empty until the first answer. */
  all: ComputedRef<Question[]>;
  settings: Ref<FullQuestionSettings | null>;
  /** True once the server answered `questions:watch`. */
  loaded: Ref<boolean>;
  /** The last refusal, as the server said it (cleared by the next success). */
  error: Ref<string | null>;
  /** The question being changed (its buttons wait). */
  busy: Ref<string | null>;
  update(questionId: string, patch: QuestionPatch): Promise<boolean>;
  /** Puts `questionIds` first, in that order. */
  reorder(questionIds: string[]): Promise<boolean>;
  changeSettings(patch: QuestionSettingsPatch): Promise<boolean>;
}

/**
 * A hall's audience questions for a moderator, its chair or the director: `questions:watch` on every connect
 * (the answer is the truth), `questions:changed` merged by id, and the changes sent over the socket with their
 * acknowledgement. The rules (who may, what is valid) are the server's: a refusal is shown, never guessed.
 */
export function useHallQuestions(live: LiveConnection, hallId: Ref<string>): HallQuestions {
  const socket = live.socket;
  const byId = shallowRef<Map<string, Question>>(new Map());
  const settings = shallowRef<FullQuestionSettings | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const busy = ref<string | null>(null);

  function merge(questions: readonly Question[], replace = false): void {
    const next = replace ? new Map<string, Question>() : new Map(byId.value);
    for (const q of questions) if (q.hallId === hallId.value || replace) next.set(q.id, q);
    byId.value = next;
  }

  function watchHall(): void {
    if (!socket.connected || !hallId.value) return;
    const id = hallId.value;
    socket.emit('questions:watch', { hallId: id }, (result) => {
      if (id !== hallId.value) return;
      if (!result.ok) {
        error.value = result.message;
        return;
      }
      merge(result.questions, true);
      settings.value = result.settings;
      loaded.value = true;
      error.value = null;
    });
  }

  const onChanged = (change: QuestionsChanged) => {
    if (change.hallId !== hallId.value) return;
    merge(change.questions);
    if (change.settings) settings.value = change.settings;
  };
  socket.on('questions:changed', onChanged);
  socket.on('connect', watchHall);
  watch(
    hallId,
    (id, before) => {
      if (before && socket.connected) socket.emit('questions:unwatch', { hallId: before });
      byId.value = new Map();
      settings.value = null;
      loaded.value = false;
      if (id) watchHall();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    socket.off('questions:changed', onChanged);
    socket.off('connect', watchHall);
  });

  /** Sends one questions event and settles its answer: merged on success, the message kept on refusal. */
  async function ask<R extends { ok: boolean }>(
    key: string,
    send: () => Promise<R>,
    take: (result: R) => void,
  ): Promise<boolean> {
    busy.value = key;
    try {
      const result = await send();
      if (result.ok) {
        take(result);
        error.value = null;
        return true;
      }
      error.value = (result as unknown as { message: string }).message;
      return false;
    } catch {
      error.value = 'no answer from Lectern';
      return false;
    } finally {
      if (busy.value === key) busy.value = null;
    }
  }

  return {
    all: computed(() => orderQuestions([...byId.value.values()])),
    settings,
    loaded,
    error,
    busy,
    update: (questionId, patch) =>
      ask(
        questionId,
        () => socket.timeout(ACK_MS).emitWithAck('questions:update', { hallId: hallId.value, questionId, ...patch }),
        (result) => result.ok && merge([result.question]),
      ),
    reorder: (questionIds) =>
      ask(
        'order',
        () => socket.timeout(ACK_MS).emitWithAck('questions:reorder', { hallId: hallId.value, questionIds }),
        (result) => result.ok && merge(result.questions),
      ),
    changeSettings: (patch) =>
      ask(
        'settings',
        () => socket.timeout(ACK_MS).emitWithAck('questions:settings', { hallId: hallId.value, ...patch }),
        (result) => {
          if (result.ok) settings.value = result.settings;
        },
      ),
  };
}
