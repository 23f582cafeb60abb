import { logger } from '../observability/logger.js';
import { createHash } from 'node:crypto';
import {
  previewCatchUp,
  projectedTimes,
  type CatchUpPreview,
  type CatchUpRequest,
  type ProjectedTime,
  applyEnvelope,
  commandOf,
  hallItems,
  initialHallState,
  liveView,
  type Command,
  type CommandEnvelope,
  type CommandInputs,
  type Hall,
  type HallSnapshot,
  type HallState,
  type LiveView,
  type Program,
} from '../../shared/index.js';
import type { Principal } from '../auth/auth.service.js';
import type { Clock } from '../clock.js';
import { RevisionConflictError, StoreUnavailableError, type CommandLogEntry, type Store } from '../store/store.js';
import { KeyedQueue } from './keyed-queue.js';
import {
  StaleProgramError,
  toLoggedCommand,
  type CommandAnswer,
  type HallChangeListener,
  type ProgramChangeListener,
  type ProgramReplacement,
} from './live.types.js';

/**
 * The live engine room: the program and every hall's state, in memory and in the store.
 * One command at a time per hall, so the revision check, the write and the broadcast never interleave.
 */
export class LiveService {
  private program: Program;
  private programRevision: number;
  private readonly states = new Map<string, HallState>();
  private readonly queue = new KeyedQueue();
  private readonly listeners = new Set<HallChangeListener>();
  private readonly programListeners = new Set<ProgramChangeListener>();
  private programTagCache: { revision: number; tag: string } | undefined;
  /** The snapshot screens watching a hall were last given, and what it was computed from (`watchSnapshot`). */
  private readonly sharedSnapshots = new Map<string, SharedSnapshot>();
  private inputsOf: (hallId: string, command: Command) => Promise<CommandInputs> = async () => ({});

  private constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    program: Program,
    revision: number,
  ) {
    this.program = program;
    this.programRevision = revision;
  }

  /** Loads the stored program (or saves `initial` as the first one) and every hall's state. */
  static async open(store: Store, clock: Clock, initial: () => Promise<Program>, replaceWith?: Program): Promise<LiveService> {
    const stored = await store.loadProgram();
    let service: LiveService;
    if (stored) {
      service = new LiveService(store, clock, stored.program, stored.revision);
    } else {
      const program = replaceWith ?? (await initial());
      service = new LiveService(store, clock, program, 1);
      try {
        await store.saveProgram({ program, revision: 1 }, 'startup', []);
      } catch (error) {
        // Another node on the same shared store saved the first program a moment earlier: start from it.
        if (error instanceof StaleProgramError) return LiveService.open(store, clock, initial, replaceWith);
        throw error;
      }
    }
    for (const state of await store.loadHallStates()) service.states.set(state.hallId, state);
    if (stored && replaceWith && JSON.stringify(stripRevision(replaceWith)) !== JSON.stringify(stripRevision(stored.program))) {
      await service.replaceProgram(replaceWith, 'startup');
    }
    return service;
  }

  /**
   * Sets how a command's inputs are looked up before the reducer decides it (the questions service answers the
   * question `showQuestion` names). Called in the hall's queue, so what it answers is current.
   */
  lookUpInputsWith(lookUp: (hallId: string, command: Command) => Promise<CommandInputs>): void {
    this.inputsOf = lookUp;
  }

  /** Subscribes to committed hall changes; answers the unsubscribe function. */
  onChange(listener: HallChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to program replacements; answers the unsubscribe function. */
  onProgramChange(listener: ProgramChangeListener): () => void {
    this.programListeners.add(listener);
    return () => this.programListeners.delete(listener);
  }

  private notify<T, E = never>(listeners: Set<(value: T, extra?: E) => void>, value: T, extra?: E): void {
    for (const listener of listeners) {
      try {
        listener(value, extra);
      } catch (error) {
        logger().error({ err: error }, 'change listener failed');
      }
    }
  }

  /** The current program, with its revision. */
  getProgram(): Program {
    return { ...this.program, revision: this.programRevision };
  }

  getProgramRevision(): number {
    return this.programRevision;
  }

  /**
   * Names the program's content, for ETags: its revision and a hash of it. The revision alone is not enough:
   * a server on a fresh data folder starts again at revision 1 with another program.
   */
  programTag(): string {
    if (this.programTagCache?.revision !== this.programRevision) {
      const hash = createHash('sha256').update(JSON.stringify(this.program)).digest('base64url').slice(0, 16);
      this.programTagCache = { revision: this.programRevision, tag: `${this.programRevision}-${hash}` };
    }
    return this.programTagCache.tag;
  }

  hall(hallId: string): Hall | undefined {
    return this.program.halls.find((hall) => hall.id === hallId);
  }

  /** A hall's state (initial for a hall no one has commanded). */
  state(hallId: string): HallState {
    return this.states.get(hallId) ?? initialHallState(hallId);
  }

  /** A hall's live view at the current server time. */
  view(hallId: string): LiveView {
    return liveView(this.program, this.state(hallId), this.clock.now());
  }

  /** The rest of the hall's program day with planned and projected times (epoch ms): `GET …/projected`. */
  projected(hallId: string): ProjectedTime[] {
    return projectedTimes(this.program, this.state(hallId), this.clock.now());
  }

  /** Each catch-up plan on the hall's state now, nothing applied: `POST …/catch-up/preview`. */
  previewCatchUp(hallId: string, request: CatchUpRequest): CatchUpPreview[] {
    return previewCatchUp(this.program, this.state(hallId), request, this.clock.now());
  }

  /** What `hall:changed` carries. */
  snapshot(hallId: string): HallSnapshot {
    const state = this.state(hallId);
    return { ...liveView(this.program, state, this.clock.now()), state, programRevision: this.programRevision };
  }

  /**
   * The snapshot a screen gets when it starts watching: one object shared by every screen that starts within
   * SHARED_SNAPSHOT_MS of the first on the same hall state and program (a connect storm computes the view once,
   * and socket.io encodes the same object each time), computed again after any change. Never mutate it.
   */
  watchSnapshot(hallId: string): HallSnapshot {
    const now = this.clock.now();
    const stored = this.states.get(hallId);
    const shared = this.sharedSnapshots.get(hallId);
    if (
      shared &&
      shared.program === this.program &&
      shared.programRevision === this.programRevision &&
      shared.stored === stored &&
      now >= shared.snapshot.serverTime &&
      now - shared.snapshot.serverTime < SHARED_SNAPSHOT_MS
    ) {
      return shared.snapshot;
    }
    const snapshot = this.snapshot(hallId);
    this.sharedSnapshots.set(hallId, { program: this.program, programRevision: this.programRevision, stored, snapshot });
    return snapshot;
  }

  /**
   * Applies a command for a principal the transport has authorised (`authorize`): revision-checked, committed,
   * then told to the change listeners. `principal` names who acted in the log; `_clientAddress` is for the
   * process log only (observeCommands), never stored.
   */
  command(hallId: string, envelope: CommandEnvelope, principal: Principal, _clientAddress?: string): Promise<CommandAnswer> {
    if (!this.hall(hallId)) return Promise.resolve(noSuchHall(hallId));
    return this.queue.run(hallId, () => this.applyNow(hallId, envelope, principal));
  }

  private async applyNow(hallId: string, envelope: CommandEnvelope, principal: Principal): Promise<CommandAnswer> {
    // Another process sharing the store (`--workers N`, or another node on Redis) may commit first: the store's compare-and-set refuses
    // the write, and the command is decided again on the state it stored (a retry there may be a duplicate now,
    // an `expectRevision` may be stale now).
    for (let attempt = 0; ; attempt++) {
      const answer = await this.tryApply(hallId, envelope, principal);
      if (!(answer instanceof RevisionConflictError)) return answer;
      if (answer.current) this.adoptState(answer.current);
      if (attempt >= 20) {
        return { ok: false, error: 'store_failed', message: 'the hall kept changing under the command', view: this.view(hallId) };
      }
    }
  }

  private async tryApply(
    hallId: string,
    envelope: CommandEnvelope,
    principal: Principal,
  ): Promise<CommandAnswer | RevisionConflictError> {
    if (!this.hall(hallId)) return noSuchHall(hallId);
    if (envelope.commandId) {
      const earlier = await this.store.findCommand(hallId, envelope.commandId);
      if (earlier) {
        // Applied by another worker or node whose change has not reached this process yet: take it, so the
        // answer (and what this process serves next) shows the command applied.
        if (earlier.revision > this.state(hallId).revision) this.adoptState(earlier.state);
        return { ok: true, view: this.view(hallId), duplicate: true };
      }
    }
    const inputs = await this.inputsOf(hallId, commandOf(envelope));
    const now = this.clock.now();
    const outcome = applyEnvelope(this.program, this.state(hallId), envelope, now, inputs);
    if (!outcome.ok) {
      return { ok: false, error: outcome.code, message: outcome.message, view: this.view(hallId) };
    }
    let committed: CommandLogEntry;
    try {
      committed = await this.store.commitCommand({
        hallId,
        revision: outcome.state.revision,
        commandId: envelope.commandId ?? null,
        command: commandOf(envelope),
        actor: principal.actor,
        role: principal.role,
        at: now,
        wallAt: Date.now(),
        rehearsal: this.clock.offsetMs !== 0,
        state: outcome.state,
      });
    } catch (error) {
      if (error instanceof RevisionConflictError) return error;
      if (error instanceof StoreUnavailableError) {
        return { ok: false, error: 'store_unavailable', message: `the command was not saved: ${error.message}` };
      }
      return {
        ok: false,
        error: 'store_failed',
        message: `the command was not saved: ${String(error)}`,
        view: this.view(hallId),
      };
    }
    const previous = this.state(hallId);
    this.states.set(hallId, outcome.state);
    this.notify(this.listeners, {
      snapshot: this.snapshot(hallId),
      previous,
      cause: { type: envelope.type, actor: principal.actor },
      logged: toLoggedCommand(committed, principal.label),
    });
    return { ok: true, view: this.view(hallId), duplicate: false };
  }

  /**
   * A hall state another process committed (a worker of `--workers N`, or another node on Redis): taken when it
   * is newer than the one known here, and told to the listeners as a remote change (the OBS adapter follows it;
   * the broadcaster does not resend it).
   */
  private adoptState(state: HallState): void {
    const previous = this.state(state.hallId);
    if (state.revision <= previous.revision || !this.hall(state.hallId)) return;
    this.states.set(state.hallId, state);
    this.notify(this.listeners, { snapshot: this.snapshot(state.hallId), previous, remote: true });
  }

  /** `adoptState`, in the hall's queue (so it never lands in the middle of a local command). */
  adoptRemote(state: HallState): Promise<void> {
    return this.queue.run(state.hallId, async () => this.adoptState(state));
  }

  /**
   * Reloads the program and every hall state from the store, after another process (a worker, or a node on
   * Redis) changed the program, or after this one missed changes. Listeners hear it as remote: the process that
   * saved it broadcast it.
   */
  reloadFromStore(): Promise<void> {
    return this.queue.runExclusive(async () => {
      const stored = await this.store.loadProgram();
      const programChanged = stored !== undefined && stored.revision > this.programRevision;
      if (stored && programChanged) {
        this.program = stored.program;
        this.programRevision = stored.revision;
        this.notify(this.programListeners, stored.revision, true);
      }
      const states = await this.store.loadHallStates();
      for (const state of states) {
        const previous = this.state(state.hallId);
        if (state.revision <= previous.revision && !programChanged) continue;
        if (state.revision > previous.revision) this.states.set(state.hallId, state);
        this.notify(this.listeners, { snapshot: this.snapshot(state.hallId), previous, remote: true });
      }
    });
  }

  /**
   * Replaces the program. Halls keep their state where their current item still exists; a hall whose item
   * vanished goes back to idle (and is reported). Program and states are saved in one transaction.
   * With `expectRevision`, rejects with StaleProgramError when another change came first (nothing is saved).
   */
  replaceProgram(program: Program, actor: string, expectRevision?: number): Promise<ProgramReplacement> {
    return this.queue.runExclusive(async () => {
      if (expectRevision !== undefined && expectRevision !== this.programRevision) {
        throw new StaleProgramError(expectRevision, this.programRevision);
      }
      const now = this.clock.now();
      const vanished: ProgramReplacement['vanished'] = [];
      const changed: HallState[] = [];
      for (const hall of program.halls) {
        const state = this.state(hall.id);
        const items = hallItems(program, hall.id);
        const lost = state.itemId !== null && !items.some((item) => item.id === state.itemId);
        if (lost) {
          vanished.push({ hallId: hall.id, itemId: state.itemId! });
          changed.push({ ...initialHallState(hall.id), message: state.message, revision: state.revision + 1, updatedAt: now });
        }
      }
      const removedHalls = this.program.halls.filter((h) => !program.halls.some((n) => n.id === h.id)).map((h) => h.id);
      // A removed hall forgets what it ran, in the store too: if it comes back it starts idle, on a new revision.
      for (const hallId of removedHalls) {
        const state = this.states.get(hallId);
        if (state) changed.push({ ...initialHallState(hallId), revision: state.revision + 1, updatedAt: now });
      }
      const before = new Map(program.halls.map((hall) => [hall.id, this.state(hall.id)]));
      const revision = this.programRevision + 1;
      await this.store.saveProgram({ program, revision }, actor, changed);
      this.program = program;
      this.programRevision = revision;
      for (const state of changed) this.states.set(state.hallId, state);
      this.notify(this.programListeners, revision);
      for (const hall of program.halls) {
        this.notify(this.listeners, { snapshot: this.snapshot(hall.id), previous: before.get(hall.id)! });
      }
      return { revision, vanished, removedHalls };
    });
  }
}

/**
 * How long (server ms) screens that start watching share one snapshot. Short: its `serverTime` and anything
 * derived from the clock alone (a schedule-run hall's phase) are at most this old, and a screen derives its view
 * from the clock itself between changes anyway.
 */
const SHARED_SNAPSHOT_MS = 250;

interface SharedSnapshot {
  program: Program;
  programRevision: number;
  /** The hall's stored state it was computed from (undefined: the hall's initial state). */
  stored: HallState | undefined;
  snapshot: HallSnapshot;
}

function noSuchHall(hallId: string): CommandAnswer {
  return { ok: false, error: 'not_found', message: `no hall "${hallId}"` };
}

function stripRevision(program: Program): Omit<Program, 'revision'> {
  const { revision: _revision, ...rest } = program;
  return rest;
}
