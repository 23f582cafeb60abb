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

/**
 * A rehearsal clock that runs `rate` times as fast as real time from `startOffsetMs` (`--clock ISO --clock-rate
 * R`): a conference day in minutes, for soaks. Only the server's time runs fast; screens count at real speed
 * between their clock syncs, so it is for tests, not for rehearsing in front of people.
 */
export class RatedClock implements Clock {
  private readonly realStart = Date.now();

  constructor(
    private readonly startOffsetMs: number,
    readonly rate: number,
  ) {}

  now(): number {
    const real = Date.now();
    return this.realStart + this.startOffsetMs + (real - this.realStart) * this.rate;
  }

  get offsetMs(): number {
    return this.now() - Date.now();
  }
}

/** The clock of a start: an offset, running fast when `rate` is given (≠ 1). */
export function rehearsalClock(offsetMs: number, rate: number | undefined): Clock {
  return rate === undefined || rate === 1 ? new OffsetClock(offsetMs) : new RatedClock(offsetMs, rate);
}
