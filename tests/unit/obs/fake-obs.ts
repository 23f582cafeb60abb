import type { OBSRequestTypes, OBSResponseTypes } from 'obs-websocket-js';
import type { ObsErrorLike, ObsEventName, ObsEvents, ObsSocket } from '../../../server/obs/obs.socket.js';

type Failure = { code: number; message: string };

/**
 * A pretend OBS for unit tests: enough of obs-websocket 5 for the adapter (scenes, inputs, record and stream
 * status, pause, chapter markers from 5.5), with scripted failures. Integration tests use the real OBS.
 */
export class FakeObs {
  webSocketVersion = '5.1.0';
  scenes = ['Talk', 'Q&A', 'Break', 'Hold', 'Starting soon', 'Ended', 'Privacy'];
  inputs = ['Title', 'Speaker'];
  program = 'Talk';
  record = { active: false, paused: false, durationMs: 0 };
  inputText = new Map<string, string>();
  /** Every request, in order. */
  calls: { type: string; data: unknown }[] = [];
  /** Report each program scene change (real OBS does, when the transition ends, unless another cuts it short). */
  sceneEvents = true;
  /** How long after answering PauseRecord the recording shows paused (ms). */
  pauseDelayMs = 0;
  /** ResumeRecord requests answered but not carried out. */
  ignoredResumes = 0;
  /** Connect attempts. */
  connects = 0;
  /** When set, connect attempts fail with this (e.g. 4009, or -1 for "refused"). */
  refuse: Failure | undefined;
  /** Failures to answer, per request type, in order. */
  failures = new Map<string, Failure[]>();
  private readonly open = new Set<FakeSocket>();

  socket = (): ObsSocket => new FakeSocket(this);

  /** Sends an OBS event to every connected client. */
  emit<E extends ObsEventName>(event: E, data: ObsEvents[E]): void {
    for (const socket of this.open) socket.deliver(event, data);
  }

  /** OBS goes away: every client sees its connection close. */
  crash(code = 1006): void {
    for (const socket of [...this.open]) socket.close({ code, message: 'gone' });
  }

  /** Someone presses "Start recording". */
  startRecord(): void {
    this.record = { active: true, paused: false, durationMs: 0 };
    this.emit('RecordStateChanged', {
      outputActive: true,
      outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED',
      outputPath: '/rec/a.mkv',
    });
  }

  calledWith(type: string): unknown[] {
    return this.calls.filter((call) => call.type === type).map((call) => call.data);
  }

  attach(socket: FakeSocket): void {
    this.open.add(socket);
  }

  detach(socket: FakeSocket): void {
    this.open.delete(socket);
  }

  answer(type: string, data: any): unknown {
    this.calls.push({ type, data });
    const failure = this.failures.get(type)?.shift();
    if (failure) throw Object.assign(new Error(failure.message), { code: failure.code });
    const timecode = (ms: number) => new Date(ms).toISOString().slice(11, 23);
    switch (type) {
      case 'GetVersion':
        return { obsVersion: '31.0.0', obsWebSocketVersion: this.webSocketVersion, rpcVersion: 1, availableRequests: [] };
      case 'GetSceneList':
        return { currentProgramSceneName: this.program, scenes: this.scenes.map((sceneName) => ({ sceneName })) };
      case 'GetInputList':
        return { inputs: this.inputs.map((inputName) => ({ inputName })) };
      case 'SetCurrentProgramScene':
        if (!this.scenes.includes(data.sceneName)) throw Object.assign(new Error('No source was found'), { code: 600 });
        this.program = data.sceneName;
        if (this.sceneEvents)
          setTimeout(() => this.emit('CurrentProgramSceneChanged', { sceneName: data.sceneName, sceneUuid: '' }), 5);
        return undefined;
      case 'SetInputSettings':
        this.inputText.set(data.inputName, data.inputSettings.text);
        return undefined;
      case 'GetStreamStatus':
        return {
          outputActive: false,
          outputReconnecting: false,
          outputTimecode: '00:00:00.000',
          outputDuration: 0,
          outputCongestion: 0,
          outputBytes: 0,
          outputSkippedFrames: 0,
          outputTotalFrames: 0,
        };
      case 'GetRecordStatus':
        return {
          outputActive: this.record.active,
          outputPaused: this.record.paused,
          outputTimecode: timecode(this.record.durationMs),
          outputDuration: this.record.durationMs,
          outputBytes: 0,
        };
      case 'PauseRecord':
        // Real OBS answers first and pauses on its UI thread a moment later.
        if (this.pauseDelayMs > 0) {
          setTimeout(() => {
            this.record.paused = true;
            this.emit('RecordStateChanged', {
              outputActive: true,
              outputState: 'OBS_WEBSOCKET_OUTPUT_PAUSED',
              outputPath: null as unknown as string,
            });
          }, this.pauseDelayMs);
        } else this.record.paused = true;
        return undefined;
      case 'ResumeRecord':
        if (this.ignoredResumes > 0) this.ignoredResumes--;
        else this.record.paused = false;
        return undefined;
      case 'CreateRecordChapter': {
        const [major = 0, minor = 0] = this.webSocketVersion.split('.').map(Number);
        if (major < 5 || (major === 5 && minor < 5))
          throw Object.assign(new Error('Your request type is not valid.'), { code: 204 });
        return undefined;
      }
      default:
        throw Object.assign(new Error(`fake OBS does not know ${type}`), { code: 204 });
    }
  }
}

class FakeSocket implements ObsSocket {
  private readonly listeners = new Map<string, ((data: unknown) => void)[]>();
  private readonly closedListeners: ((error: ObsErrorLike) => void)[] = [];
  private connected = false;

  constructor(private readonly obs: FakeObs) {}

  async connect(): Promise<{ obsWebSocketVersion: string }> {
    this.obs.connects++;
    await Promise.resolve();
    if (this.obs.refuse) {
      const failure = this.obs.refuse;
      this.closedListeners.forEach((listener) => listener(failure));
      throw Object.assign(new Error(failure.message), { code: failure.code });
    }
    this.connected = true;
    this.obs.attach(this);
    return { obsWebSocketVersion: this.obs.webSocketVersion };
  }

  async disconnect(): Promise<void> {
    if (this.connected) this.close({ code: 1000, message: '' });
  }

  async call<T extends keyof OBSRequestTypes>(requestType: T, requestData?: OBSRequestTypes[T]): Promise<OBSResponseTypes[T]> {
    if (!this.connected) throw new Error('Not connected');
    await Promise.resolve();
    return this.obs.answer(requestType, requestData) as OBSResponseTypes[T];
  }

  on<E extends ObsEventName>(event: E, listener: (data: ObsEvents[E]) => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as (data: unknown) => void);
    this.listeners.set(event, list);
  }

  onClosed(listener: (error: ObsErrorLike) => void): void {
    this.closedListeners.push(listener);
  }

  deliver(event: string, data: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(data);
  }

  close(error: ObsErrorLike): void {
    this.connected = false;
    this.obs.detach(this);
    this.closedListeners.forEach((listener) => listener(error));
  }
}
