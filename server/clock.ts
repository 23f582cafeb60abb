/** The server's clock. Everything that needs "now" gets it from here, so a rehearsal can move it. */
export interface Clock {
  /** Server time (epoch ms). */
  now(): number;
  /** Server time minus real time (ms); non-zero during a rehearsal. */
  readonly offsetMs: number;
}

/** Real time shifted by a fixed offset: `--clock 2025-10-02T09:00+09:00` runs the conference day early. */
export class OffsetClock implements Clock {
  constructor(readonly offsetMs = 0) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }
}
