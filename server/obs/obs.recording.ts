import { randomUUID } from 'node:crypto';
import type { LiveView, ObsRecordStatus, ObsStreamStatus } from '../../shared/index.js';
import { chapterName, chapterOffset } from './obs.chapters.js';
import { ObsUnavailableError, obsErrorMessage, type ObsConnection } from './obs.connection.js';
import { OUTPUT_STATE, recordStatusOf, streamStatusOf } from './obs.outputs.js';
import { chapterItem, speakerNames } from './obs.plan.js';
import type { ObsStore } from './obs.store.js';

/**
 * How long OBS gets to show a pause or resume it was asked for before the scene switch goes on (ms); one that
 * shows up later is found on the next try.
 */
const SETTLE_MS = 300;
/** A pause Lectern asked for that OBS shows this much later is not taken for Lectern's (ms). */
const PAUSE_LATE_MS = 15_000;

/**
 * One hall's stream and recording as Lectern follows them: their status, which stored recording OBS is writing,
 * the pause Lectern made for a do-not-record item, and the VOD chapters. Its methods talk to OBS; the hall's
 * controller calls them one at a time.
 */
export class HallOutputs {
  stream: ObsStreamStatus | null = null;
  record: ObsRecordStatus | null = null;
  private recordingId: string | null = null;
  private pausedByLectern = false;
  private lastChapter: { itemId: string; offsetMs: number } | null = null;
  /** When Lectern last sent PauseRecord, and for which recording (until it resumed it). */
  private pauseAsked: { recordingId: string; at: number } | null = null;
  /** The position (ms) Lectern last read of the recording it follows. */
  private lastSeen: { recordingId: string; positionMs: number } | null = null;
  /** The recording that refused a chapter marker (not a Hybrid MP4 file). */
  private markersRefusedBy: string | null = null;

  constructor(
    private readonly hallId: string,
    private readonly connection: Pick<ObsConnection, 'call'>,
    private readonly store: ObsStore,
    private readonly now: () => number,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Reads stream and record status from OBS. */
  async refresh(): Promise<void> {
    const stream = await this.connection.call('GetStreamStatus');
    const record = await this.connection.call('GetRecordStatus');
    this.stream = streamStatusOf(stream);
    if (record.outputActive && this.recordingId)
      this.lastSeen = { recordingId: this.recordingId, positionMs: record.outputDuration };
    if (!record.outputActive || !record.outputPaused) this.pausedByLectern = false;
    this.record = recordStatusOf(record, { pausedByLectern: this.pausedByLectern, recordingId: this.recordingId });
  }

  /** OBS says its stream is reconnecting to the ingest (before the next status read confirms it). */
  streamReconnecting(): void {
    if (this.stream) this.stream = { ...this.stream, reconnecting: true };
  }

  /**
   * After (re)connecting: matches OBS's recording with the stored one; the same one continues, else a new one.
   * The same recording cannot have begun before the stored one, nor be at an earlier position than Lectern last
   * saw it at (or stored a chapter at): a recording restarted while Lectern was away is a new one.
   */
  async sync(): Promise<void> {
    const seen = this.lastSeen;
    await this.refresh();
    const open = await this.store.openRecording(this.hallId);
    const now = this.now();
    if (!this.record?.active) {
      if (open) await this.store.stopRecording(open.id, now, null);
      this.recordingId = null;
      this.lastChapter = null;
      return;
    }
    const position = this.record.durationMs ?? 0;
    // A recording's duration excludes its pauses, so it cannot have begun after now − duration.
    const began = now - position;
    const chapters = open ? await this.store.listChapters(open.id) : [];
    const reached = Math.max(
      seen && seen.recordingId === open?.id ? seen.positionMs : 0,
      ...chapters.map((chapter) => chapter.offsetMs),
    );
    if (open && began >= open.startedAt - 5000 && position >= reached - 1000) {
      if (this.recordingId !== open.id) {
        const last = chapters[chapters.length - 1];
        this.lastChapter = last ? { itemId: last.itemId, offsetMs: last.offsetMs } : null;
      }
      this.recordingId = open.id;
    } else {
      if (open) await this.store.stopRecording(open.id, now, null);
      await this.begin(began, null);
    }
    this.record = { ...this.record, recordingId: this.recordingId };
  }

  private async begin(startedAt: number, outputPath: string | null): Promise<void> {
    this.recordingId = randomUUID();
    this.lastChapter = null;
    await this.store.addRecording({ id: this.recordingId, hallId: this.hallId, startedAt, stoppedAt: null, outputPath });
  }

  /** RecordStateChanged: a recording starts (a new stored recording) or stops (closed, with its file). */
  async recordStateChanged(state: string, outputPath: string | null): Promise<void> {
    const now = this.now();
    if (state === OUTPUT_STATE.started) {
      const open = await this.store.openRecording(this.hallId);
      if (open) await this.store.stopRecording(open.id, now, null);
      await this.begin(now, outputPath);
    } else if (state === OUTPUT_STATE.stopped) {
      if (this.recordingId) await this.store.stopRecording(this.recordingId, now, outputPath);
      this.recordingId = null;
      this.lastChapter = null;
      this.pausedByLectern = false;
    }
  }

  /**
   * Pauses a running recording for a do-not-record or do-not-stream item, and checks that OBS did. OBS answers
   * PauseRecord before its UI thread pauses (and ignores it while its last resume is not applied): Lectern waits
   * a moment for it, and a pause it asked for that shows up only later is still Lectern's.
   */
  async pause(): Promise<void> {
    await this.refresh();
    if (!this.record?.active) return;
    if (this.record.paused && !this.pauseAskedLately()) return;
    if (!this.record.paused) {
      await this.connection.call('PauseRecord');
      if (this.recordingId) this.pauseAsked = { recordingId: this.recordingId, at: this.now() };
      await this.settle(() => !!this.record?.paused);
    }
    if (!this.record?.paused) {
      throw new Error('OBS did not pause (a recording that shares the stream encoder cannot pause: give it its own encoder)');
    }
    this.pausedByLectern = true;
    this.record = { ...this.record, pausedByLectern: true };
  }

  /** True while the recording is paused by Lectern, or by a pause Lectern asked for that OBS made late. */
  lecternPauseOutstanding(): boolean {
    return !!this.record?.active && this.record.paused && (this.pausedByLectern || this.pauseAskedLately());
  }

  private pauseAskedLately(): boolean {
    const asked = this.pauseAsked;
    return !!asked && asked.recordingId === this.recordingId && this.now() - asked.at < PAUSE_LATE_MS;
  }

  /**
   * Resumes the recording, only when Lectern paused it (or asked OBS to). Until OBS shows it resumed, the pause
   * stays Lectern's and is tried again.
   */
  async resume(): Promise<void> {
    await this.refresh();
    if (!this.lecternPauseOutstanding()) return;
    await this.connection.call('ResumeRecord');
    await this.settle(() => !this.record?.paused);
    if (this.record?.active && this.record.paused) throw new Error('OBS has not resumed the recording yet');
    this.pausedByLectern = false;
    this.pauseAsked = null;
  }

  /** Reads the status again, a little while, until `done`. */
  private async settle(done: () => boolean): Promise<void> {
    await this.refresh();
    for (let wait = 0; wait < SETTLE_MS && !done(); wait += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await this.refresh();
    }
  }

  /**
   * Stores a chapter when a new recordable item is on while OBS records, at the record timecode (estimated when
   * the start is old news); with `markers` (obs-websocket ≥ 5.5) also marks it in the file.
   */
  async addChapter(view: LiveView, markers: boolean): Promise<void> {
    const item = chapterItem(view);
    if (!item || !this.recordingId || !this.record?.active || this.lastChapter?.itemId === item.id) return;
    const status = await this.connection.call('GetRecordStatus');
    if (!status.outputActive) return;
    const now = this.now();
    const { offsetMs, estimated } = chapterOffset({
      durationMs: status.outputDuration,
      now,
      startedAt: view.itemStartedAt ?? item.start,
      previousOffsetMs: this.lastChapter?.offsetMs ?? null,
    });
    const chapter = { itemId: item.id, offsetMs, title: item.title, speaker: speakerNames(item.speakers), estimated };
    await this.store.addChapter(this.recordingId, chapter, now);
    this.lastChapter = { itemId: item.id, offsetMs };
    if (markers && !estimated && this.markersRefusedBy !== this.recordingId) await this.mark(chapterName(chapter));
  }

  /**
   * Marks a chapter in the file. Only Hybrid MP4 recordings take markers: a recording that refuses one is not
   * asked again (said once in the log); the stored chapter and the exported list do not depend on it.
   */
  private async mark(name: string): Promise<void> {
    try {
      await this.connection.call('CreateRecordChapter', { chapterName: name });
    } catch (error) {
      if (error instanceof ObsUnavailableError) throw error;
      this.markersRefusedBy = this.recordingId;
      this.log(
        `OBS marks no chapters in this recording (${obsErrorMessage(error)}); only Hybrid MP4 takes them, the exported list has them all`,
      );
    }
  }
}
