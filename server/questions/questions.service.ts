import { createHash, randomBytes } from 'node:crypto';
import {
  DEFAULT_QUESTION_SETTINGS,
  DeviceIdSchema,
  QuestionOrderSchema,
  QuestionPatchSchema,
  QuestionSettingsPatchSchema,
  SubmitQuestionSchema,
  describeZodError,
  heldWordIn,
  orderQuestions,
  viewerStatusOf,
  type Command,
  type CommandInputs,
  type FullQuestionSettings,
  type MyQuestion,
  type PublicQuestion,
  type PublicQuestionSettings,
  type Question,
  type QuestionListAnswer,
  type QuestionSettings,
  type QuestionsChanged,
  type SubmitQuestionAnswer,
  type VoteAnswer,
} from '../../shared/index.js';
import type { Principal } from '../auth/auth.service.js';
import { authorizeQuestions, type QuestionAction } from '../auth/authorize.js';
import type { Clock } from '../clock.js';
import type { ZodError } from 'zod';
import type { LiveService } from '../live/live.service.js';
import type { Logger } from '../observability/logger.js';
import type { QuestionStore, StoredQuestion } from '../store/question-store.js';
import type { QuestionLimiter } from './questions.limiter.js';
import { refused, type Outcome, type Refusal } from './questions.outcome.js';

/** Who is asking: the device id the page sent (`x-lectern-device`, unchecked yet) and the address. */
export interface Asker {
  device: string | undefined;
  address: string;
}

/** A question without what only the store keeps. */
function shown(question: StoredQuestion): Question {
  const { deviceHash: _deviceHash, ...rest } = question;
  return rest;
}

function publicOf(question: Question): PublicQuestion {
  return { id: question.id, itemId: question.itemId, text: question.text, name: question.name, votes: question.votes };
}

function hashDevice(device: string): string {
  return createHash('sha256').update(device, 'utf8').digest('hex');
}

/**
 * Audience questions: viewers ask and vote; moderators screen, star and order; the chair marks answered. Every
 * rule is here once, for the HTTP routes and the socket handlers alike; each write is one store transaction, and
 * `questions:changed` goes out after it.
 */
export class QuestionsService {
  private readonly listeners = new Set<(change: QuestionsChanged) => void>();

  constructor(
    private readonly store: QuestionStore,
    private readonly live: LiveService,
    private readonly clock: Clock,
    private readonly limiter: QuestionLimiter,
    /** The server's log (a listener that throws, a question that would not go off air). */
    private readonly log: Logger,
  ) {}

  /** Subscribes to question changes (the broadcaster); answers the unsubscribe function. */
  onChange(listener: (change: QuestionsChanged) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(hallId: string, questions: StoredQuestion[], settings?: FullQuestionSettings): void {
    const change: QuestionsChanged = { hallId, questions: questions.map(shown), ...(settings ? { settings } : {}) };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.log.error({ err: error, hallId }, 'question listener failed');
      }
    }
  }

  private hallMissing(hallId: string): Refusal | undefined {
    return this.live.hall(hallId) ? undefined : refused('not_found', `no hall "${hallId}"`);
  }

  private allowed(principal: Principal, hallId: string, action: QuestionAction): Refusal | undefined {
    const allowed = authorizeQuestions(principal, hallId, action);
    return allowed.ok ? undefined : refused(allowed.error, allowed.message);
  }

  /** A hall's stored settings, else the defaults. */
  async settings(hallId: string): Promise<QuestionSettings> {
    return (await this.store.getSettings(hallId)) ?? DEFAULT_QUESTION_SETTINGS;
  }

  /**
   * Whether the hall takes questions now. auto: while a talk or its Q&A runs, unless the item is marked
   * do-not-stream; open and closed: as they say.
   */
  isOpen(hallId: string, settings: QuestionSettings): boolean {
    if (settings.mode !== 'auto') return settings.mode === 'open';
    const view = this.live.view(hallId);
    return (view.phase === 'talk' || view.phase === 'qa') && view.now !== null && !view.now.doNotStream;
  }

  private async fullSettings(hallId: string, settings?: QuestionSettings): Promise<FullQuestionSettings> {
    const s = settings ?? (await this.settings(hallId));
    return { hallId, open: this.isOpen(hallId, s), ...s };
  }

  /** `GET …/questions/settings`: public without a principal, full with one that may read the hall's questions. */
  async readSettings(hallId: string, principal?: Principal): Promise<Outcome<PublicQuestionSettings | FullQuestionSettings>> {
    const missing = this.hallMissing(hallId) ?? (principal && this.allowed(principal, hallId, 'read'));
    if (missing) return missing;
    const full = await this.fullSettings(hallId);
    if (principal) return { ok: true, value: full };
    return { ok: true, value: { hallId, open: full.open, mode: full.mode, showOnSignage: full.showOnSignage } };
  }

  /** Changes a hall's settings (moderator, director). */
  async changeSettings(hallId: string, body: unknown, principal: Principal): Promise<Outcome<FullQuestionSettings>> {
    const missing = this.hallMissing(hallId) ?? this.allowed(principal, hallId, 'moderate');
    if (missing) return missing;
    const parsed = QuestionSettingsPatchSchema.safeParse(body);
    if (!parsed.success) return invalid('question settings', parsed.error);
    const settings = { ...(await this.settings(hallId)), ...parsed.data };
    await this.store.saveSettings(hallId, settings);
    const full = await this.fullSettings(hallId, settings);
    this.changed(hallId, [], full);
    return { ok: true, value: full };
  }

  /**
   * A viewer asks. In this order, each refusal changing nothing: the hall (404), the device id and the body
   * (400 naming the field), the hall open (403 `questions_closed`), the rate (429). Same device, same text,
   * same talk: the earlier question is answered, `merged`.
   */
  async submit(hallId: string, body: unknown, asker: Asker): Promise<Outcome<SubmitQuestionAnswer>> {
    const missing = this.hallMissing(hallId);
    if (missing) return missing;
    const device = parseDevice(asker.device);
    if (!device.ok) return device;
    const parsed = SubmitQuestionSchema.safeParse(body ?? {});
    if (!parsed.success) return invalid('question', parsed.error);
    const settings = await this.settings(hallId);
    if (!this.isOpen(hallId, settings)) return refused('questions_closed', `hall ${hallId} does not take questions now`);
    const view = this.live.view(hallId);
    const itemId = parsed.data.itemId ?? view.now?.id ?? view.next?.id;
    const item = itemId === undefined ? undefined : this.live.getProgram().items.find((i) => i.id === itemId);
    if (!item || item.hallId !== hallId) {
      if (parsed.data.itemId === undefined) return refused('questions_closed', `nothing to ask about in hall ${hallId}`);
      const message = `no item "${parsed.data.itemId}" in hall ${hallId}`;
      return refused('invalid', `invalid question: itemId: ${message}`, [{ path: 'itemId', message }]);
    }
    const taken = await this.limiter.take(asker.address, device.value);
    if (!taken.ok) return { ...refused('rate_limited', rateMessage(taken.retryAfterMs)), retryAfterMs: taken.retryAfterMs };
    const heldWord = heldWordIn(parsed.data.text, settings.heldWords) ?? null;
    const { question, merged } = await this.store.submit({
      id: `q_${randomBytes(8).toString('hex')}`,
      hallId,
      itemId: item.id,
      text: parsed.data.text,
      name: parsed.data.name ?? null,
      status: settings.autoApprove && heldWord === null ? 'approved' : 'pending',
      heldWord,
      deviceHash: hashDevice(device.value ?? `address:${asker.address}`),
      createdAt: this.clock.now(),
    });
    if (!merged) this.changed(hallId, [question]);
    return { ok: true, value: { id: question.id, status: question.status, ...(merged ? { merged: true as const } : {}) } };
  }

  /** The list: approved and public without a principal; everything with one that may read the hall's. */
  async list(hallId: string, principal: Principal | undefined, itemId?: string): Promise<Outcome<QuestionListAnswer>> {
    const missing = this.hallMissing(hallId) ?? (principal && this.allowed(principal, hallId, 'read'));
    if (missing) return missing;
    const options = itemId === undefined ? {} : { itemId };
    if (!principal) {
      const approved = orderQuestions(await this.store.list(hallId, { ...options, status: 'approved' }));
      return { ok: true, value: { scope: 'public', questions: approved.map(publicOf) } };
    }
    const all = orderQuestions(await this.store.list(hallId, options)).map(shown);
    return { ok: true, value: { scope: 'full', questions: all, settings: await this.fullSettings(hallId) } };
  }

  /** A device's own questions in the hall, with the status a viewer sees. */
  async mine(hallId: string, rawDevice: string | undefined): Promise<Outcome<MyQuestion[]>> {
    const missing = this.hallMissing(hallId);
    if (missing) return missing;
    const device = parseDevice(rawDevice, true);
    if (!device.ok) return device;
    const questions = await this.store.listByDevice(hallId, hashDevice(device.value!));
    return {
      ok: true,
      value: questions.map((q) => ({
        id: q.id,
        itemId: q.itemId,
        text: q.text,
        status: viewerStatusOf(q.status),
        createdAt: q.createdAt,
      })),
    };
  }

  /** One upvote of an approved question per device. */
  async vote(hallId: string, id: string, rawDevice: string | undefined): Promise<Outcome<VoteAnswer>> {
    const missing = this.hallMissing(hallId);
    if (missing) return missing;
    const device = parseDevice(rawDevice, true);
    if (!device.ok) return device;
    const voted = await this.store.vote(hallId, id, hashDevice(device.value!), this.clock.now());
    if (!voted) return refused('not_found', `no approved question "${id}" in hall ${hallId}`);
    if (voted.counted) this.changed(hallId, [voted.question]);
    return { ok: true, value: { id, votes: voted.question.votes, counted: voted.counted } };
  }

  /**
   * Status and star. A moderator or director may set any; the hall's chair only `answered`. A question on air
   * that is rejected or answered is taken off air by a `hideQuestion` in the hall's log (sent as the principal
   * that changed it, naming the question, so it never takes down another one shown meanwhile).
   */
  async update(hallId: string, id: string, body: unknown, principal: Principal): Promise<Outcome<Question>> {
    const missing = this.hallMissing(hallId) ?? this.allowed(principal, hallId, 'read');
    if (missing) return missing;
    const parsed = QuestionPatchSchema.safeParse(body);
    if (!parsed.success) return invalid('question change', parsed.error);
    const patch = parsed.data;
    const onlyAnswered = patch.starred === undefined && patch.status === 'answered';
    const refusal = this.allowed(principal, hallId, onlyAnswered ? 'answer' : 'moderate');
    if (refusal) return refusal;
    const question = await this.store.update(hallId, id, patch, this.clock.now());
    if (!question) return refused('not_found', `no question "${id}" in hall ${hallId}`);
    this.changed(hallId, [question]);
    if ((question.status === 'rejected' || question.status === 'answered') && this.live.state(hallId).question?.id === id) {
      const off = await this.live.command(hallId, { type: 'hideQuestion', questionId: id }, principal);
      if (!off.ok && off.error !== 'not_applicable') {
        this.log.error({ hallId, questionId: id, error: off.error }, `taking question ${id} off air failed: ${off.message}`);
      }
    }
    return { ok: true, value: shown(question) };
  }

  /** The moderator's order (moderator, director). */
  async reorder(hallId: string, body: unknown, principal: Principal): Promise<Outcome<Question[]>> {
    const missing = this.hallMissing(hallId) ?? this.allowed(principal, hallId, 'moderate');
    if (missing) return missing;
    const parsed = QuestionOrderSchema.safeParse(body);
    if (!parsed.success) return invalid('question order', parsed.error);
    const moved = await this.store.reorder(hallId, parsed.data.questionIds, this.clock.now());
    if (!moved) return refused('not_found', `questionIds: every id must be a question of hall ${hallId}`);
    this.changed(hallId, moved);
    return { ok: true, value: orderQuestions(moved).map(shown) };
  }

  /** The questions of a hall (one talk's with `itemId`) for the export (director), in the moderator's order. */
  async forExport(hallId: string, principal: Principal, itemId?: string): Promise<Outcome<Question[]>> {
    const missing = this.hallMissing(hallId) ?? this.allowed(principal, hallId, 'export');
    if (missing) return missing;
    const questions = await this.store.list(hallId, itemId === undefined ? {} : { itemId });
    return { ok: true, value: orderQuestions(questions).map(shown) };
  }

  /**
   * The live engine's look-up for `showQuestion`: the question it names, when it is an approved question of the
   * hall (the reducer refuses it otherwise).
   */
  async inputsFor(hallId: string, command: Command): Promise<CommandInputs> {
    if (command.type !== 'showQuestion') return {};
    const question = await this.store.get(hallId, command.questionId);
    if (!question || question.status !== 'approved') return {};
    return { question: { id: question.id, text: question.text, name: question.name } };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The device header, checked: absent is fine unless `required`; present, it must be a device id. */
function parseDevice(raw: string | undefined, required = false): Outcome<string | undefined> {
  if (raw === undefined || raw === '') {
    if (!required) return { ok: true, value: undefined };
    const message = 'send the device id in the x-lectern-device header';
    return refused('invalid', message, [{ path: 'x-lectern-device', message }]);
  }
  const parsed = DeviceIdSchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'not a device id';
    return refused('invalid', `invalid x-lectern-device: ${message}`, [{ path: 'x-lectern-device', message }]);
  }
  return { ok: true, value: parsed.data };
}

function invalid(what: string, error: ZodError): Refusal {
  const problems = describeZodError(error);
  const first = problems[0];
  return refused('invalid', `invalid ${what}${first ? `: ${first.path}: ${first.message}` : ''}`, problems);
}

function rateMessage(retryAfterMs: number): string {
  return `too many questions: try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
}
