import { randomUUID } from 'node:crypto';
import type { LiveView, ObsHallStatus, ObsMode, ObsRecordStatus, ObsStreamStatus } from '../../shared/index.js';
import { chapterName, chapterOffset } from './obs.chapters.js';
import type { HallObsConfig } from './obs.config.js';
import { ObsConnection, ObsUnavailableError, obsErrorCode, obsErrorMessage } from './obs.connection.js';
import { OUTPUT_STATE, RECORD_CHAPTER_VERSION, recordStatusOf, streamStatusOf, versionAtLeast } from './obs.outputs.js';
import { chapterItem, desiredScene, overlayText, recordingMustPause, speakerNames, type DesiredScene } from './obs.plan.js';
import type { ObsStore, StoredMode } from './obs.store.js';

/** Request status: the named scene or input does not exist. */
const NOT_FOUND = 600;
/** A scene change Lectern asked for is recognised in OBS's event this long after (ms). */
const OWN_SWITCH_WINDOW_MS = 15_000;
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
  /** Poll stream and record status this often while one is active (ms). */
  pollMs?: number;
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
  /** Scenes Lectern asked for whose change event has not come yet, oldest first. */
  private requested: { scene: string; at: number }[] = [];
  private sceneError: string | null = null;
  /** A scene OBS said it does not have: not asked for again until something changes. */
  private failedScene: string | null = null;
  private missing: string[] = [];
  private obsInfo: ObsHallStatus['obs'] = null;
  private stream: ObsStreamStatus | null = null;
  private record: ObsRecordStatus | null = null;
  private recordingId: string | null = null;
  private pausedByLectern = false;
  private lastPauseWanted: boolean | null = null;
  private lastChapter: { itemId: string; offsetMs: number } | null = null;
  private written: { title?: string; speaker?: string } = {};
  private lastError: string | null = null;
  /** Problems met by the reconcile under way. */
  private problems: string[] = [];
  private collectionChanging = false;
  private needsSync = false;
  private queue: Promise<void> = Promise.resolve();
  private reconcileQueued = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastEmitted = '';
  private revision = 0;
  private closed = false;

  constructor(private readonly options: HallObsOptions) {
    this.hallId = options.config.hallId;
    const connection = options.connection;
    connection.onState((status) => {
      if (status.state !== 'connected') this.actual = null;
      this.emit();
    });
    connection.onReady((hello) => {
      options.log(`connected to ${options.config.url} (obs-websocket ${hello.obsWebSocketVersion})`);
      this.needsSync = true;
      this.kick();
    });
    connection.on('CurrentProgramSceneChanged', ({ sceneName }) => this.sceneChanged(sceneName));
    connection.on('RecordStateChanged', (event) => this.enqueue(() => this.recordStateChanged(event.outputState, event.outputPath)));
    connection.on('StreamStateChanged', (event) => {
      if (event.outputState === OUTPUT_STATE.reconnecting && this.stream) this.stream = { ...this.stream, reconnecting: true };
      this.enqueue(() => this.refreshOutputs());
    });
    const scenesChanged = () => {
      this.needsSync = true;
      this.kick();
    };
    connection.on('SceneCreated', scenesChanged);
    connection.on('SceneRemoved', scenesChanged);
    connection.on('SceneNameChanged', scenesChanged);
    connection.on('CurrentSceneCollectionChanging', () => (this.collectionChanging = true));
    connection.on('CurrentSceneCollectionChanged', () => {
      this.collectionChanging = false;
      scenesChanged();
    });
  }

  /** Loads the stored mode and starts connecting. */
  async start(): Promise<void> {
    this.mode = (await this.options.store.getMode(this.hallId)) ?? this.mode;
    this.options.connection.start();
    this.pollTimer = setInterval(() => {
      if (this.options.connection.connected && (this.stream?.active || this.record?.active)) this.enqueue(() => this.refreshOutputs());
    }, this.options.pollMs ?? 2000);
    this.pollTimer.unref?.();
    this.emit();
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
    if (this.planKey() !== before) {
      if (this.desired.scene !== this.failedScene) this.failedScene = null;
      this.kick();
    }
    this.emit();
  }

  /** Sets auto or manual mode; back to auto reconciles at once. */
  async setMode(mode: ObsMode, reason: string): Promise<void> {
    await this.saveMode(mode, reason);
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
      stream: connection.state === 'connected' ? this.stream : null,
      record: connection.state === 'connected' ? this.record : null,
      text: text ? { title: this.written.title ?? '', speaker: this.written.speaker ?? '' } : null,
      lastError: this.lastError,
    };
  }

  private planKey(): string {
    if (!this.view) return '';
    const text = overlayText(this.view);
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

  /** Takes effect at once (a queued reconcile already sees it); then it is stored. */
  private saveMode(mode: ObsMode, reason: string): Promise<void> {
    this.mode = { mode, since: this.options.now(), reason };
    return this.options.store.setMode(this.hallId, this.mode);
  }

  /**
   * OBS's program scene changed: ours, or an operator's hand (which puts the hall in manual mode). OBS says so
   * when the transition ends, and not at all for a transition cut short by the next switch: so a switch of ours
   * is recognised by its scene among those asked for lately, and every request older than it is settled too.
   */
  private sceneChanged(sceneName: string): void {
    const now = this.options.now();
    this.requested = this.requested.filter((request) => now - request.at <= OWN_SWITCH_WINDOW_MS);
    const ours = this.requested.findLastIndex((request) => request.scene === sceneName);
    if (ours >= 0) {
      const newer = this.requested.slice(ours + 1);
      this.requested = newer;
      // A late event of a switch that a newer one replaced says nothing about what OBS shows now.
      if (newer.length === 0) this.actual = sceneName;
      return this.emit();
    }
    this.actual = sceneName;
    if (this.collectionChanging) return this.emit();
    if (this.mode.mode === 'auto' && sceneName !== this.desired?.scene) {
      const reason = `the operator switched to "${sceneName}" in OBS`;
      this.options.log(`manual mode: ${reason}`);
      const saved = this.saveMode('manual', reason);
      this.enqueue(() => saved);
    }
    this.emit();
  }

  /** After (re)connecting: what OBS is, has and does now. */
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
    const wanted = new Set([...Object.values(config.scenes), config.privacyScene]);
    const { inputs } = await this.call('GetInputList');
    const inputNames = new Set(inputs.map((input) => String(input.inputName)));
    const missingInputs = [config.textInputs.title, config.textInputs.speaker].filter((name): name is string => !!name && !inputNames.has(name));
    this.missing = [...[...wanted].filter((scene) => !have.has(scene)), ...missingInputs.map((name) => `input ${name}`)];
    this.failedScene = null;
    this.sceneError = null;
    this.written = {};
    this.requested = [];
    this.lastPauseWanted = null;
    await this.refreshOutputs();
    await this.syncRecording();
  }

  private async refreshOutputs(): Promise<void> {
    const stream = await this.call('GetStreamStatus');
    const record = await this.call('GetRecordStatus');
    this.stream = streamStatusOf(stream);
    if (!record.outputActive || !record.outputPaused) this.pausedByLectern = false;
    this.record = recordStatusOf(record, { pausedByLectern: this.pausedByLectern, recordingId: this.recordingId });
  }

  /** Matches OBS's recording with the stored one: the same one continues across a reconnect, else a new one. */
  private async syncRecording(): Promise<void> {
    const store = this.options.store;
    const open = await store.openRecording(this.hallId);
    const now = this.options.now();
    if (!this.record?.active) {
      if (open) await store.stopRecording(open.id, now, null);
      this.recordingId = null;
      this.lastChapter = null;
      return;
    }
    // A recording's duration excludes its pauses, so it cannot have begun after now − duration.
    const began = now - (this.record.durationMs ?? 0);
    if (open && began >= open.startedAt - 5000) {
      if (this.recordingId !== open.id) {
        const chapters = await store.listChapters(open.id);
        const last = chapters[chapters.length - 1];
        this.lastChapter = last ? { itemId: last.itemId, offsetMs: last.offsetMs } : null;
      }
      this.recordingId = open.id;
    } else {
      if (open) await store.stopRecording(open.id, now, null);
      await this.beginRecording(began, null);
    }
    this.record = { ...this.record, recordingId: this.recordingId };
  }

  private async beginRecording(startedAt: number, outputPath: string | null): Promise<void> {
    this.recordingId = randomUUID();
    this.lastChapter = null;
    await this.options.store.addRecording({ id: this.recordingId, hallId: this.hallId, startedAt, stoppedAt: null, outputPath });
  }

  private async recordStateChanged(state: string, outputPath: string | null): Promise<void> {
    const now = this.options.now();
    if (state === OUTPUT_STATE.started) {
      const open = await this.options.store.openRecording(this.hallId);
      if (open) await this.options.store.stopRecording(open.id, now, null);
      await this.beginRecording(now, outputPath);
      this.lastPauseWanted = null;
    } else if (state === OUTPUT_STATE.stopped) {
      if (this.recordingId) await this.options.store.stopRecording(this.recordingId, now, outputPath);
      this.recordingId = null;
      this.lastChapter = null;
      this.pausedByLectern = false;
    }
    if (!this.options.connection.connected) return;
    await this.refreshOutputs();
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
        throw error;
      }
    }
    const view = this.view;
    const pauseWanted = recordingMustPause(view, this.options.config.pauseRecordingForDoNotRecord);
    const pauseChanged = pauseWanted !== this.lastPauseWanted;
    let failed = false;
    this.problems = [];
    const step = async (what: string, action: () => Promise<void>) => {
      try {
        await action();
      } catch (error) {
        if (error instanceof ObsUnavailableError) throw error;
        failed = true;
        const problem = `${what}: ${obsErrorMessage(error)}`;
        this.problems.push(problem);
        this.options.log(problem);
      }
    };
    if (pauseWanted && pauseChanged) await step('pausing the recording', () => this.pauseRecording());
    await step('switching the scene', () => this.switchScene());
    if (!pauseWanted && pauseChanged) await step('resuming the recording', () => this.resumeRecording());
    await step('writing the text inputs', () => this.writeText(view));
    await step('storing a chapter', () => this.addChapter(view));
    this.lastError = this.problems.length > 0 ? this.problems.join('; ') : null;
    if (failed) this.retrySoon();
    this.lastPauseWanted = failed && pauseChanged ? null : pauseWanted;
  }

  private async switchScene(): Promise<void> {
    const scene = this.desired?.scene;
    if (!scene || this.mode.mode !== 'auto' || scene === this.actual || scene === this.failedScene) return;
    const request = { scene, at: this.options.now() };
    this.requested.push(request);
    try {
      await this.call('SetCurrentProgramScene', { sceneName: scene });
      this.actual = scene;
      this.sceneError = null;
    } catch (error) {
      this.requested = this.requested.filter((r) => r !== request);
      if (obsErrorCode(error) === NOT_FOUND) {
        this.failedScene = scene;
        this.sceneError = `OBS has no scene "${scene}"`;
        return;
      }
      this.sceneError = obsErrorMessage(error);
      throw error;
    }
  }

  private async pauseRecording(): Promise<void> {
    await this.refreshOutputs();
    if (!this.record?.active || this.record.paused) return;
    await this.call('PauseRecord');
    await this.refreshOutputs();
    if (!this.record?.paused) {
      throw new Error('OBS did not pause (a recording that shares the stream encoder cannot pause: give it its own encoder)');
    }
    this.pausedByLectern = true;
    this.record = { ...this.record, pausedByLectern: true };
  }

  private async resumeRecording(): Promise<void> {
    if (!this.pausedByLectern) return;
    await this.refreshOutputs();
    if (this.record?.active && this.record.paused && this.pausedByLectern) await this.call('ResumeRecord');
    this.pausedByLectern = false;
    await this.refreshOutputs();
  }

  private async writeText(view: LiveView): Promise<void> {
    const text = overlayText(view);
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

  private async addChapter(view: LiveView): Promise<void> {
    const item = chapterItem(view);
    if (!item || !this.recordingId || !this.record?.active || this.lastChapter?.itemId === item.id) return;
    const status = await this.call('GetRecordStatus');
    if (!status.outputActive) return;
    const now = this.options.now();
    const { offsetMs, estimated } = chapterOffset({
      durationMs: status.outputDuration,
      now,
      startedAt: view.itemStartedAt ?? item.start,
      previousOffsetMs: this.lastChapter?.offsetMs ?? null,
    });
    const chapter = { itemId: item.id, offsetMs, title: item.title, speaker: speakerNames(item.speakers), estimated };
    await this.options.store.addChapter(this.recordingId, chapter, now);
    this.lastChapter = { itemId: item.id, offsetMs };
    if (this.obsInfo?.chapterMarkers && !estimated) {
      // Only Hybrid MP4 recordings take markers; the exported list is there either way.
      await this.call('CreateRecordChapter', { chapterName: chapterName(chapter) });
    }
  }
}
