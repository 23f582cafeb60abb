import { computed, onBeforeUnmount, ref, shallowRef, watch, type ComputedRef, type Ref } from 'vue';
import type { MyQuestion, PublicQuestion, PublicQuestionSettings, SubmitQuestion } from '../../shared/index.js';
import { apiClient, type ApiAnswer } from '../../web/api.js';
import { deviceId } from './useDevice.js';

/** How often the public page reads the hall's questions again while it is visible (ms, jittered). */
export const QUESTIONS_POLL_MS = 20_000;
/** Where the page remembers which questions this device upvoted (so the button says so after a reload). */
const VOTED_KEY = 'lectern.voted';

/** What became of the last question sent. */
export type SendFate =
  | { kind: 'sending' }
  | { kind: 'sent'; merged: boolean }
  | { kind: 'closed' }
  | { kind: 'rateLimited'; seconds: number }
  | { kind: 'failed'; message: string };

export interface AudienceQuestions {
  /** The hall's public question settings (null until read): `open` says whether it takes questions now. */
  settings: Ref<PublicQuestionSettings | null>;
  open: ComputedRef<boolean>;
  /** This device's questions, newest first. */
  mine: Ref<MyQuestion[]>;
  /** The approved questions, in the moderator's order. */
  listed: Ref<PublicQuestion[]>;
  voted: Ref<ReadonlySet<string>>;
  fate: Ref<SendFate | null>;
  send(question: SubmitQuestion): Promise<boolean>;
  vote(questionId: string): Promise<void>;
  /** Reads everything again now (after the hall's state changed). */
  refresh(): void;
}

function readVoted(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(VOTED_KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string').slice(-500) : []);
  } catch {
    return new Set();
  }
}

/**
 * Seconds to wait after a 429: the body's `retryAfterMs` when the server sends it (the API client does not
 * expose the `Retry-After` header), else a minute, the rate's own window.
 */
function retrySeconds(answer: ApiAnswer<unknown>): number {
  if (answer.ok) return 0;
  return answer.retryAfterSeconds ?? 60;
}

/**
 * A hall's audience questions as the public live page holds them, for this device (`x-lectern-device`): whether
 * the hall takes questions, this device's questions and their status, the approved list with upvotes. The public
 * side has no socket events for questions: it reads them again every ~20 s while visible, and at once when the
 * hall's state changes (`revision`) or after a question is sent.
 */
export function useAudienceQuestions(hallId: string, revision: Ref<number | undefined>): AudienceQuestions {
  const api = apiClient(undefined, { device: deviceId() });
  const params = { hallId };
  const settings = shallowRef<PublicQuestionSettings | null>(null);
  const mine = shallowRef<MyQuestion[]>([]);
  const listed = shallowRef<PublicQuestion[]>([]);
  const voted = shallowRef<ReadonlySet<string>>(readVoted());
  const fate = ref<SendFate | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function load(): Promise<void> {
    const [s, m, l] = await Promise.all([
      api.call('GET /api/v1/halls/:hallId/questions/settings', { params }),
      api.call('GET /api/v1/halls/:hallId/questions/mine', { params }),
      api.call('GET /api/v1/halls/:hallId/questions', { params }),
    ]);
    if (s.ok) settings.value = s.body;
    if (m.ok) mine.value = m.body.questions;
    if (l.ok) listed.value = l.body.questions as PublicQuestion[];
  }

  function schedule(): void {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(
      () => {
        if (document.visibilityState === 'visible') void load().finally(schedule);
        else schedule();
      },
      QUESTIONS_POLL_MS * (0.75 + Math.random() * 0.5),
    );
  }

  function refresh(): void {
    void load().finally(schedule);
  }

  const onVisible = () => document.visibilityState === 'visible' && refresh();
  document.addEventListener('visibilitychange', onVisible);
  watch(revision, (now, before) => now !== before && refresh(), { immediate: true });
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });

  return {
    settings,
    open: computed(() => settings.value?.open ?? false),
    mine,
    listed,
    voted,
    fate,
    async send(question) {
      fate.value = { kind: 'sending' };
      const answer = await api.call('POST /api/v1/halls/:hallId/questions', { params, body: question });
      if (answer.ok) {
        fate.value = { kind: 'sent', merged: answer.body.merged === true };
        refresh();
        return true;
      }
      if (answer.status === 429) fate.value = { kind: 'rateLimited', seconds: retrySeconds(answer) };
      else if (answer.body.error === 'questions_closed') {
        fate.value = { kind: 'closed' };
        refresh();
      } else fate.value = { kind: 'failed', message: answer.body.message };
      return false;
    },
    async vote(questionId) {
      if (voted.value.has(questionId)) return;
      const answer = await api.call('POST /api/v1/halls/:hallId/questions/:id/vote', { params: { hallId, id: questionId } });
      if (!answer.ok) return;
      const next = new Set(voted.value);
      next.add(questionId);
      voted.value = next;
      try {
        localStorage.setItem(VOTED_KEY, JSON.stringify([...next].slice(-500)));
      } catch {
        // no storage: remembered for this page load
      }
      listed.value = listed.value.map((q) => (q.id === questionId ? { ...q, votes: answer.body.votes } : q));
    },
    refresh,
  };
}
