import type { LiveView, ObsHallStatus, ObsMode } from '../../shared/index.js';
import type { HallObsConfig } from './obs.config.js';
import { ObsConnection, ObsUnavailableError, obsErrorCode, obsErrorMessage } from './obs.connection.js';
import { OUTPUT_STATE, RECORD_CHAPTER_VERSION, versionAtLeast } from './obs.outputs.js';
import { chapterItem, desiredScene, overlayText, recordingMustPause, type DesiredScene } from './obs.plan.js';
import { HallOutputs } from './obs.recording.js';
import { OwnSwitches } from './obs.switches.js';
import type { ObsStore, StoredMode } from './obs.store.js';

/** Request status: the named scene or input does not exist. */
const NOT_FOUND = 600;
/** Wait before retrying an action that failed for a passing reason (ms). */
const RETRY_MS = 2000;

export interface HallObsOptions {
  config: HallObsConfig;
  connection: ObsConnection;
  store: ObsStore;
  /** Server time (ms). */
  now: () => number;
  /** Told whenever the hall's OBS status may have changed. */
  onStatus: (status: ObsHallStatus) => void;
  log: (message: string) => void;
  /** The scenes the hall's items name (`obsScene`), checked with the configured ones on connect. */
  itemScenes?: () => readonly string[];
  /** Read stream and record status this often while connected (ms); it is also the heartbeat. */
  pollMs?: number;
  /** The status revision to count on from (a hall driven again after a lease came back keeps counting up). */
  firstRevision?: number;
}

/**
 * One hall's OBS: holds the scene the hall's state asks for and the scene OBS shows, and acts only on a
 * difference (on every change, on connect and reconnect). Also writes the text inputs, pauses the recording for
 * do-not-record items, keeps stream and record status, and stores a VOD chapter at each item's start.
 * Everything that talks to OBS or the store runs one task at a time.
 */
export class HallObs {
  readonly hallId: string;
  private view: LiveView | undefined;
  private desired: DesiredScene | undefined;
  private mode: StoredMode = { mode: 'auto', since: 0, reason: '' };
  private actual: string | null = null;
  private readonly ownSwitches = new OwnSwitches();
  private sceneError: string | null = null;
  /** A scene OBS said it does not have: not asked for again until something changes. */
  private failedScene: string | null = null;
  /** In manual mode, the item Lectern last put the privacy scene up for. */
  private privacyForcedFor: string | null = null;
  private missing: string[] = [];
  private obsInfo: ObsHallStatus['obs'] = null;
  private readonly outputs: HallOutputs;
  private lastPauseWanted: boolean | null = null;
  private written: { title?: string; speaker?: string } = {};
  private lastError: string | null = null;
  /** Problems met by the reconcile under way. */
  private problems: string[] = [];
  private collectionChanging = false;
  private needsSync = false;
  private queue: Promise<void> = Promise.resolve();
  private reconcileQueued = false;
  private pollQueued = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastEmitted = '';
  private revision = 0;
  private closed = false;

  constructor(private readonly options: HallObsOptions) {
    this.hallId = options.config.hallId;
    this.revision = options.firstRevision ?? 0;
    const connection = options.connection;
    this.outputs = new HallOutputs(this.hallId, connection, options.store, options.now, options.log);
    connection.onState((status) => {
      if (status.state !== 'connected') this.actual = null;
      this.emit();
    });
    connection.onReady((hello) => {
      options.log(`connected to ${options.config.url} (obs-websocket ${hello.obsWebSocketVersion})`);
      // A new session: write the text again, settle the pause again, and forget switches of the last one.
      this.written = {};
      this.lastPauseWanted = null;
      this.ownSwitches.clear();
      this.privacyForcedFor = null;
      // A scene collection change the last session did not see end is over (sync reads the scenes again).
      this.collectionChanging = false;
      this.needsSync = true;
      this.kick();
    });
    connection.on('CurrentProgramSceneChanged', ({ sceneName }) => this.sceneChanged(sceneName));
    connection.on('RecordStateChanged', (event) =>
      this.enqueue(() => this.recordStateChanged(event.outputState, event.outputPath)),
    );
    connection.on('StreamStateChanged', (event) => {
      if (event.outputState === OUTPUT_STATE.reconnecting) this.outputs.streamReconnecting();
      this.enqueue(() => this.outputs.refresh());
    });
    const scenesChanged = () => this.resync();
    connection.on('SceneCreated', scenesChanged);
    connection.on('SceneRemoved', scenesChanged);
    connection.on('SceneNameChanged', scenesChanged);
    connection.on('CurrentSceneCollectionChanging', () => (this.collectionChanging = true));
    connection.on('CurrentSceneCollectionChanged', () => {
      this.collectionChanging = false;
      scenesChanged();
    });
  }

  /**
   * Reads again what OBS has (scenes, inputs) and what Lectern needs of it: after OBS's scenes changed, or after a
   * new program (its items may name other scenes).
   */
  resync(): void {
    this.needsSync = true;
    this.kick();
  }

  /** Loads the stored mode and starts connecting; then reads stream and record status every `pollMs`. */
  async start(): Promise<void> {
    await this.loadMode();
    // Closed meanwhile (a lease lost at once): never connect.
    if (this.closed) return;
    this.options.connection.start();
    // Also the heartbeat: a frozen OBS answers nothing, and only an unanswered request shows it.
    this.pollTimer = setInterval(() => {
      if (!this.options.connection.connected || this.pollQueued) return;
      this.pollQueued = true;
      this.enqueue(async () => {
        this.pollQueued = false;
        await this.outputs.refresh();
      });
    }, this.options.pollMs ?? 2000);
    this.pollTimer.unref?.();
    this.emit();
  }

  /**
   * The stored mode, before OBS is connected. A store that does not answer (Redis away or slow) is asked again
   * every 2 s: a hall the operator set to manual must not start in auto and switch scenes meanwhile.
   */
  private async loadMode(): Promise<void> {
    for (let logged = false; !this.closed; logged = true) {
      try {
        this.mode = (await this.options.store.getMode(this.hallId)) ?? this.mode;
        return;
      } catch (error) {
        if (!logged) this.options.log(`reading the stored OBS mode: ${String(error)}; OBS is connected once it is read`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** A director's "try again" on the connection (see `ObsConnection.retryNow`). */
  reconnect(): Promise<void> {
    return this.options.connection.retryNow();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    await this.options.connection.close();
    await this.queue;
  }

  /** The hall's live view changed (or time moved on): reconcile when what OBS should do changed. */
  update(view: LiveView): void {
    const before = this.planKey();
    this.view = view;
    this.desired = desiredScene(view, this.options.config);
    if (!this.desired.privacyItemId) this.privacyForcedFor = null;
    if (this.planKey() !== before) {
      if (this.desired.scene !== this.failedScene) this.failedScene = null;
      this.kick();
    }
    this.emit();
  }

  /**
   * Sets auto or manual mode at an operator's word; back to auto reconciles at once. Stored first, so a change
   * the store refuses (503 with Redis away) changes nothing.
   */
  async setMode(mode: ObsMode, reason: string): Promise<void> {
    const next = { mode, since: this.options.now(), reason };
    await this.options.store.setMode(this.hallId, next);
    this.mode = next;
    if (mode === 'auto') {
      this.failedScene = null;
      this.kick();
    }
    this.emit();
  }

  status(): ObsHallStatus {
    return { ...this.currentStatus(), revision: this.revision };
  }

  private currentStatus(): Omit<ObsHallStatus, 'revision'> {
    const connection = this.options.connection.getStatus();
    const text = this.options.config.textInputs.title || this.options.config.textInputs.speaker;
    return {
      hallId: this.hallId,
      url: this.options.config.url,
      connection,
      obs: this.obsInfo,
      mode: this.mode.mode,
      manual: this.mode.mode === 'manual' ? { since: this.mode.since, reason: this.mode.reason } : null,
      scene: {
        desired: this.desired?.scene ?? null,
        reason: this.desired?.reason ?? '',
        actual: this.actual,
        error: this.sceneError,
        missing: this.missing,
      },
      stream: connection.state === 'connected' ? this.outputs.stream : null,
      record: connection.state === 'connected' ? this.outputs.record : null,
      text: text ? { title: this.written.title ?? '', speaker: this.written.speaker ?? '' } : null,
      lastError: this.lastError,
    };
  }

  private planKey(): string {
    if (!this.view) return '';
    const text = overlayText(this.view, this.options.config.streamLanguage);
    const pause = recordingMustPause(this.view, this.options.config.pauseRecordingForDoNotRecord);
    return JSON.stringify([this.desired?.scene, text.title, text.speaker, pause, chapterItem(this.view)?.id ?? null]);
  }

  private emit(): void {
    if (this.closed) return;
    const json = JSON.stringify(this.currentStatus());
    if (json === this.lastEmitted) return;
    this.lastEmitted = json;
    this.revision++;
    this.options.onStatus(this.status());
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(async () => {
        if (!this.closed) await task();
      })
      .catch((error: unknown) => {
        if (!(error instanceof ObsUnavailableError)) this.options.log(`OBS task failed: ${obsErrorMessage(error)}`);
      })
      .finally(() => this.emit());
  }

  /** Queues one reconcile (several kicks before it runs make one). */
  private kick(): void {
    if (this.reconcileQueued || this.closed) return;
    this.reconcileQueued = true;
    this.enqueue(async () => {
      this.reconcileQueued = false;
      await this.reconcile();
    });
  }

  private retrySoon(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.kick(), RETRY_MS);
    this.retryTimer.unref?.();
  }

  private call: ObsConnection['call'] = (type, data) => this.options.connection.call(type, data);

  /** OBS's own hand: takes effect at once (a queued reconcile already sees it); then it is stored. */
  private saveMode(mode: ObsMode, reason: string): Promise<void> {
    this.mode = { mode, since: this.options.now(), reason };
    return this.options.store.setMode(this.hallId, this.mode);
  }

  /** OBS's program scene changed: ours, or an operator's hand (which puts the hall in manual mode). */
  private sceneChanged(sceneName: string): void {
    const whose = this.ownSwitches.settle(sceneName, this.options.now());
    // A late event of a switch that a newer one replaced says nothing about what OBS shows now.
    if (whose === 'stale') return this.emit();
    this.actual = sceneName;
    if (whose === 'current' || this.collectionChanging) return this.emit();
    if (this.mode.mode === 'auto' && sceneName !== this.desired?.scene) {
      const reason = `the operator switched to "${sceneName}" in OBS`;
      this.options.log(`manual mode: ${reason}`);
      const saved = this.saveMode('manual', reason);
      this.enqueue(() => saved);
    }
    this.emit();
  }

  /** After (re)connecting, or when OBS's scenes changed: what OBS is, has and does now. */
  private async sync(): Promise<void> {
    const version = await this.call('GetVersion');
    this.obsInfo = {
      version: version.obsVersion,
      webSocketVersion: version.obsWebSocketVersion,
      chapterMarkers: versionAtLeast(version.obsWebSocketVersion, RECORD_CHAPTER_VERSION),
    };
    const { scenes, currentProgramSceneName } = await this.call('GetSceneList');
    this.actual = currentProgramSceneName;
    const have = new Set(scenes.map((scene) => String(scene.sceneName)));
    const config = this.options.config;
    const wanted = new Set([
      ...Object.values(config.scenes),
      ...Object.values(config.kindScenes ?? {}),
      ...(config.onsiteScene ? [config.onsiteScene] : []),
      config.privacyScene,
      ...(this.options.itemScenes?.() ?? []),
    ]);
    const { inputs } = await this.call('GetInputList');
    const inputNames = new Set(inputs.map((input) => String(input.inputName)));
    const missingInputs = [config.textInputs.title, config.textInputs.speaker].filter(
      (name): name is string => !!name && !inputNames.has(name),
    );
    this.missing = [...[...wanted].filter((scene) => !have.has(scene)), ...missingInputs.map((name) => `input ${name}`)];
    this.failedScene = null;
    this.sceneError = null;
    await this.outputs.sync();
  }

  private async recordStateChanged(state: string, outputPath: string | null): Promise<void> {
    await this.outputs.recordStateChanged(state, outputPath);
    if (state === OUTPUT_STATE.started) this.lastPauseWanted = null;
    if (!this.options.connection.connected) return;
    await this.outputs.refresh();
    this.kick();
  }

  /** Brings OBS to what the hall asks for: pause, scene, resume, text, chapter (each step on its own). */
  private async reconcile(): Promise<void> {
    if (!this.options.connection.connected || !this.view) return;
    if (this.needsSync) {
      this.needsSync = false;
      try {
        await this.sync();
      } catch (error) {
        this.needsSync = true;
        // Still loading after every 207 retry, or another passing failure: try again, as for any other step.
        if (!(error instanceof ObsUnavailableError)) {
          this.lastError = `reading OBS's scenes: ${obsErrorMessage(error)}`;
          this.retrySoon();
        }
        throw error;
      }
    }
    const view = this.view;
    const pauseWanted = recordingMustPause(view, this.options.config.pauseRecordingForDoNotRecord);
    const pauseChanged = pauseWanted !== this.lastPauseWanted;
    let failed = false;
    // A problem that persists (a recording that cannot pause, retried every 2 s) is logged once, not each round.
    const alreadyLogged = new Set(this.problems);
    this.problems = [];
    const step = async (what: string, action: () => Promise<void>) => {
      try {
        await action();
      } catch (error) {
        if (error instanceof ObsUnavailableError) throw error;
        failed = true;
        const problem = `${what}: ${obsErrorMessage(error)}`;
        this.problems.push(problem);
        if (!alreadyLogged.has(problem)) this.options.log(problem);
      }
    };
    if (pauseWanted && pauseChanged) await step('pausing the recording', () => this.outputs.pause());
    await step('switching the scene', () => this.switchScene());
    // Also a pause of Lectern's that OBS made after the item had already ended.
    if (!pauseWanted && (pauseChanged || this.outputs.lecternPauseOutstanding())) {
      await step('resuming the recording', () => this.outputs.resume());
    }
    await step('writing the text inputs', () => this.writeText(view));
    await step('storing a chapter', () => this.outputs.addChapter(view, this.obsInfo?.chapterMarkers ?? false));
    this.lastError = this.problems.length > 0 ? this.problems.join('; ') : null;
    if (failed) this.retrySoon();
    this.lastPauseWanted = failed && pauseChanged ? null : pauseWanted;
  }

  private async switchScene(): Promise<void> {
    const scene = this.desired?.scene;
    if (!scene) return;
    // Consent outranks manual mode: an item that must not go out gets the privacy scene when it comes on (once;
    // an operator who then switches away by hand is not fought).
    const privacyItemId = this.desired?.privacyItemId;
    const manual = this.mode.mode !== 'auto';
    if (manual && (!privacyItemId || privacyItemId === this.privacyForcedFor)) return;
    if (scene === this.actual || scene === this.failedScene) {
      if (manual) this.privacyForcedFor = privacyItemId ?? null;
      return;
    }
    const request = this.ownSwitches.request(scene, this.options.now());
    try {
      await this.call('SetCurrentProgramScene', { sceneName: scene });
      this.actual = scene;
      this.sceneError = null;
      if (manual) {
        this.privacyForcedFor = privacyItemId ?? null;
        this.options.log(`manual mode, but ${this.desired?.reason}: switched to "${scene}"`);
      }
    } catch (error) {
      this.ownSwitches.cancel(request);
      if (obsErrorCode(error) === NOT_FOUND) {
        this.failedScene = scene;
        this.sceneError = `OBS has no scene "${scene}"`;
        return;
      }
      this.sceneError = obsErrorMessage(error);
      throw error;
    }
  }

  private async writeText(view: LiveView): Promise<void> {
    const text = overlayText(view, this.options.config.streamLanguage);
    for (const key of ['title', 'speaker'] as const) {
      const inputName = this.options.config.textInputs[key];
      if (!inputName || this.written[key] === text[key]) continue;
      try {
        await this.call('SetInputSettings', { inputName, inputSettings: { text: text[key] } });
      } catch (error) {
        if (obsErrorCode(error) !== NOT_FOUND) throw error;
        this.problems.push(`OBS has no input "${inputName}"`);
      }
      this.written[key] = text[key];
    }
  }
}
