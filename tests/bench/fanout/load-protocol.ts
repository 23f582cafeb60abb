/** What the bench tells a load process (over its IPC channel). */
export type LoadRequest =
  /** Open one screen per entry of `halls` (the hall it watches), spread over `wsBases`, `concurrency` at a time. */
  | { type: 'connect'; wsBases: string[]; halls: string[]; concurrency: number }
  /** Send the arrival times gathered since the last collect. */
  | { type: 'collect' }
  | { type: 'close' };

/** What a load process answers. */
export type LoadReply =
  | { type: 'started' }
  /** All its screens have their first snapshot (or failed); `bytes` received by them all so far. */
  | { type: 'connected'; ms: number; failed: number; bytes: number; doneAt: number }
  /**
   * `${hallId}:${revision}` → arrival times (epoch ms) at each screen that watches the hall; `pauses`: the
   * process's longest event-loop delay and garbage collection since the last collect (ms).
   */
  | { type: 'arrivals'; arrivals: Record<string, number[]>; received: number; pauses: LoadPauses }
  | { type: 'closed' };

/** A load process's longest event-loop delay and longest garbage collection over a stretch (ms). */
export interface LoadPauses {
  loopMaxMs: number;
  gcMaxMs: number;
}
