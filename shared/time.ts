/** One clock-sync exchange: client send time, server time, client receive time (all epoch ms). */
export interface ClockSample {
  /** Client clock when the ping left. */
  t0: number;
  /** Server clock when it answered. */
  serverTime: number;
  /** Client clock when the answer arrived. */
  t1: number;
}

/** Server time minus client time (ms), NTP style: assumes the answer was sent halfway through the round trip. */
export function clockOffset(sample: ClockSample): number {
  return sample.serverTime - (sample.t0 + sample.t1) / 2;
}

/** Round trip of a sample (ms). */
export function roundTrip(sample: ClockSample): number {
  return sample.t1 - sample.t0;
}

/** The offset from the sample with the smallest round trip: the least disturbed by the network. */
export function bestOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (roundTrip(sample) < 0) continue;
    if (!best || roundTrip(sample) < roundTrip(best)) best = sample;
  }
  return best ? clockOffset(best) : null;
}

/** Milliseconds until the next whole second of server time: when a ticking screen should redraw. */
export function msToNextSecond(serverNow: number): number {
  const rest = 1000 - (((serverNow % 1000) + 1000) % 1000);
  return rest === 0 ? 1000 : rest;
}
