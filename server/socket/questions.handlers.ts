import { z } from 'zod';
import {
  HallIdSchema,
  QuestionIdSchema,
  describeZodError,
  type LecternServerSocket,
  type QuestionsWatchResult,
} from '../../shared/index.js';
import { rateLimitedAnswer } from '../limits/throttle.socket.js';
import type { Principal } from '../auth/auth.service.js';
import type { Outcome, Refusal } from '../questions/questions.outcome.js';
import { questionsRoom } from '../questions/questions.broadcast.js';
import type { SocketDeps } from './socket-app.js';
import { answer, guarded, leaveOnUnwatch } from './guarded.js';

/** Where a question event goes: `{ hallId }` (the rest of the payload is the operation's own schema). */
const HallTargetSchema = z.looseObject({ hallId: HallIdSchema });
const QuestionTargetSchema = z.looseObject({ hallId: HallIdSchema, questionId: QuestionIdSchema });

function refusal(outcome: Refusal) {
  return {
    ok: false as const,
    error: outcome.error,
    message: outcome.message,
    ...(outcome.problems ? { problems: outcome.problems } : {}),
  };
}

/**
 * Audience questions over the socket, the same operations as the HTTP routes (`QuestionsService` decides):
 * `questions:watch` (moderator, chair of the hall, director) answers every question and joins the hall's
 * question room; `questions:update`, `questions:reorder`, `questions:settings` moderate. The token is checked
 * again on each event and takes from the token's command bucket.
 */
export function registerQuestionHandlers(socket: LecternServerSocket, { auth, questions, throttles }: SocketDeps): void {
  /** The principal and the payload's target, or the answer why not. */
  async function begin<T extends z.ZodType>(
    payload: unknown,
    ack: unknown,
    schema: T,
  ): Promise<{ principal: Principal; target: z.infer<T> } | undefined> {
    const principal = await auth.authenticate(socket.data.token);
    if (!principal) {
      answer(ack, { ok: false, error: 'unauthorized', message: 'connect with a moderator, chair or director token' });
      return undefined;
    }
    const taken = await throttles.token.take(principal.actor);
    if (!taken.ok) {
      answer(ack, rateLimitedAnswer(taken, 'events from this token'));
      return undefined;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const problems = describeZodError(parsed.error);
      answer(ack, {
        ok: false,
        error: 'invalid',
        message: `invalid payload: ${problems[0]?.path}: ${problems[0]?.message}`,
        problems,
      });
      return undefined;
    }
    return { principal, target: parsed.data };
  }

  socket.on(
    'questions:watch',
    guarded(socket, 'questions:watch', async (payload, ack) => {
      const begun = await begin(payload, ack, HallTargetSchema);
      if (!begun) return;
      const { hallId } = begun.target;
      const listed = await questions.list(hallId, begun.principal);
      if (!listed.ok) return answer<QuestionsWatchResult>(ack, refusal(listed));
      if (listed.value.scope !== 'full') return;
      void socket.join(questionsRoom(hallId));
      answer<QuestionsWatchResult>(ack, { ok: true, hallId, questions: listed.value.questions, settings: listed.value.settings });
    }),
  );

  leaveOnUnwatch(socket, 'questions:unwatch', questionsRoom);

  /** A moderation event: the service's outcome, answered as `{ ok: true, [key]: value }` or its refusal. */
  function moderate<T extends z.ZodType, V>(
    event: 'questions:update' | 'questions:reorder' | 'questions:settings',
    schema: T,
    key: 'question' | 'questions' | 'settings',
    run: (target: z.infer<T>, principal: Principal) => Promise<Outcome<V>>,
  ): void {
    socket.on(
      event,
      guarded(socket, event, async (payload, ack) => {
        const begun = await begin(payload, ack, schema);
        if (!begun) return;
        const outcome = await run(begun.target, begun.principal);
        answer(ack, outcome.ok ? { ok: true, [key]: outcome.value } : refusal(outcome));
      }),
    );
  }

  moderate('questions:update', QuestionTargetSchema, 'question', ({ hallId, questionId, ...patch }, principal) =>
    questions.update(hallId, questionId, patch, principal),
  );
  moderate('questions:reorder', HallTargetSchema, 'questions', ({ hallId, ...order }, principal) =>
    questions.reorder(hallId, order, principal),
  );
  moderate('questions:settings', HallTargetSchema, 'settings', ({ hallId, ...patch }, principal) =>
    questions.changeSettings(hallId, patch, principal),
  );
}
