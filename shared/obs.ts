/** Who switches a hall's OBS scenes: Lectern (`auto`), or the operator by hand (`manual`). */
export const OBS_MODES = ['auto', 'manual'] as const;
export type ObsMode = (typeof OBS_MODES)[number];

/**
 * Lectern's link to a hall's OBS. `connecting`: first attempt; `connected`; `disconnected`: lost or refused, a
 * retry is planned (`nextRetryAt`); `failed`: OBS refused Lectern for good (wrong password, session kicked), no
 * retry until Lectern restarts; `unconfigured`: no OBS is set up for the hall.
 */
export type ObsConnectionState = 'unconfigured' | 'connecting' | 'connected' | 'disconnected' | 'failed';

/** An OBS output (stream or recording) as OBS last reported it. */
export interface ObsOutputStatus {
  /** The output runs (a paused recording is active). */
  active: boolean;
  /** Position in the output, "HH:MM:SS.mmm"; null when inactive. */
  timecode: string | null;
  /** The same in ms (a recording's excludes its pauses). */
  durationMs: number | null;
}

export interface ObsStreamStatus extends ObsOutputStatus {
  /** OBS lost the ingest and is reconnecting to it. */
  reconnecting: boolean;
  /** 0 (fine) … 1 (frames are being dropped); null when inactive. */
  congestion: number | null;
  /** Frames skipped by the encoder / all frames, since the stream started. */
  skippedFrames: number | null;
  totalFrames: number | null;
}

export interface ObsRecordStatus extends ObsOutputStatus {
  paused: boolean;
  /** Lectern paused it for a do-not-record or do-not-stream item (and will resume it after). */
  pausedByLectern: boolean;
  /** Lectern's id of this recording (chapters are kept per recording). */
  recordingId: string | null;
}

/**
 * Nodes on Redis: which node holds a hall's OBS lease (only the holder connects to and switches that OBS).
 * Node ids are `<host>:<pid>:<random>` as `/readyz` names them.
 */
export interface ObsLeaseStatus {
  /** The node that answers. */
  node: string;
  /** The node that holds the lease; null when nobody does (e.g. the holder died, or Redis is away). */
  holder: string | null;
  /** The answering node holds it: it drives this OBS. */
  held: boolean;
}

/** One hall's OBS, as the director console shows it (`GET /api/v1/obs`, `obs:changed`). Times are server ms. */
export interface ObsHallStatus {
  hallId: string;
  /** Bumped on every change of this hall's status; of two copies, keep the higher (HTTP and socket may cross). */
  revision: number;
  /** The OBS websocket address (never the password). */
  url: string | null;
  connection: {
    state: ObsConnectionState;
    /** Why the link is down or refused, for a person. */
    error: string | null;
    /** Since when the state holds. */
    since: number;
    /** Failed attempts since the last success. */
    retries: number;
    nextRetryAt: number | null;
  };
  /** What OBS said about itself on connect. */
  obs: { version: string; webSocketVersion: string; chapterMarkers: boolean } | null;
  mode: ObsMode;
  /** When the hall went to manual mode (server ms), and why. */
  manual: { since: number; reason: string } | null;
  scene: {
    /** The scene the hall's state asks for. */
    desired: string | null;
    /** Why, e.g. "phase talk", "privacy: do not record". */
    reason: string;
    /** OBS's program scene as last seen; null when unknown (disconnected). */
    actual: string | null;
    /** The last switch that failed, e.g. a scene missing in OBS. */
    error: string | null;
    /** Configured scenes OBS does not have. */
    missing: string[];
  };
  stream: ObsStreamStatus | null;
  record: ObsRecordStatus | null;
  /** What Lectern last wrote to the text inputs (when configured). */
  text: { title: string; speaker: string } | null;
  /** A problem with the last action other than switching (text, pause, chapter), for a person. */
  lastError: string | null;
  /** Only on nodes on Redis: the hall's OBS lease. */
  lease?: ObsLeaseStatus;
}

/** Answer of `GET /api/v1/obs`: every hall of the program, plus configured halls the program lacks. */
export interface ObsStatusList {
  halls: ObsHallStatus[];
}

/** A VOD chapter: where an item started in a recording. */
export interface ObsChapter {
  itemId: string;
  /** Offset in the recording file (ms, pauses excluded). */
  offsetMs: number;
  title: string;
  /** "Name, Name" (at most three, then "et al."); empty when the item names none. */
  speaker: string;
  /** The offset was estimated (OBS was out of reach when the item started). */
  estimated: boolean;
}

/** A recording and its chapter list (`GET /api/v1/obs/:hallId/chapters?format=json`). */
export interface ObsRecording {
  id: string;
  hallId: string;
  /** Server ms. */
  startedAt: number;
  stoppedAt: number | null;
  /** The file OBS wrote, when it said. */
  outputPath: string | null;
  /** Every chapter Lectern stored, in order. */
  chapters: ObsChapter[];
  /** The list to paste into a video platform: "00:12:34 Title — Speaker", first at 00:00:00. */
  text: string;
}
