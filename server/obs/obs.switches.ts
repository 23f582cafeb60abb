/** A scene change Lectern asked for is recognised in OBS's event this long after (ms). */
export const OWN_SWITCH_WINDOW_MS = 15_000;

/**
 * The scene switches Lectern asked OBS for, to tell them from an operator's. OBS reports a program scene change
 * when its transition ends, and not at all for a transition that the next switch cut short: so a reported scene
 * is Lectern's when it is among those asked for lately, and that settles every older request too.
 */
export class OwnSwitches {
  /** Oldest first. */
  private requests: { scene: string; at: number }[] = [];

  /** Lectern is asking OBS for `scene` at `at` (ms); answers a handle to `cancel` it if the request fails. */
  request(scene: string, at: number): object {
    const request = { scene, at };
    this.requests.push(request);
    return request;
  }

  cancel(handle: object): void {
    this.requests = this.requests.filter((request) => request !== handle);
  }

  /** Forgets every request (a new session with OBS). */
  clear(): void {
    this.requests = [];
  }

  /**
   * OBS reports its program scene is now `scene`: `current` when Lectern asked for it last, `stale` when Lectern
   * asked for it but has asked for another since (the event is late), `foreign` when Lectern did not ask.
   */
  settle(scene: string, at: number): 'current' | 'stale' | 'foreign' {
    this.requests = this.requests.filter((request) => at - request.at <= OWN_SWITCH_WINDOW_MS);
    const index = this.requests.findLastIndex((request) => request.scene === scene);
    if (index < 0) return 'foreign';
    this.requests = this.requests.slice(index + 1);
    return this.requests.length === 0 ? 'current' : 'stale';
  }
}
