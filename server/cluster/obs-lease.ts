import type { ObsLeaseStatus } from '../../shared/index.js';

/** How long a lease lives in Redis without a renewal (ms). */
export const OBS_LEASE_TTL_MS = 6000;
/** How often every node with `--obs` takes or renews each hall's lease (ms). */
export const OBS_LEASE_RENEW_MS = 2000;
/**
 * The holder stops driving this long before the lease could expire in Redis (ms), counted from when it sent the
 * renewal that succeeded: what its clock and Redis's may disagree by within one TTL.
 */
export const OBS_LEASE_MARGIN_MS = 1000;

/** Where the leases live (Redis, or a fake in a unit test). */
export interface LeaseBackend {
  /**
   * Takes the hall's lease when it is free, renews it (TTL `ttlMs` again) when `holder` has it, in one atomic
   * step; answers who holds it now. Rejects when the store cannot be reached.
   */
  takeOrRenew(hallId: string, holder: string, ttlMs: number): Promise<string>;
  /** Gives the lease up if `holder` still has it. */
  release(hallId: string, holder: string): Promise<void>;
}

/** Who may drive OBS: told when this node gains or loses a hall's lease, or the holder changes. */
export interface ObsDriveGate {
  /** Starts taking the halls' leases; `changed` hears every change of a hall's lease status. */
  start(hallIds: readonly string[], changed: (hallId: string, status: ObsLeaseStatus) => void): void;
  /** A hall's lease as this node knows it. */
  status(hallId: string): ObsLeaseStatus;
  /** Stops renewing and gives the held leases up (another node takes them at its next round). */
  close(): Promise<void>;
}

export interface ObsLeasesOptions {
  backend: LeaseBackend;
  /** This node's id, the lease's value in Redis. */
  nodeId: string;
  ttlMs?: number;
  renewMs?: number;
  marginMs?: number;
  /** A monotonic clock (ms). */
  now?: () => number;
  log?: (message: string) => void;
}

interface HallLease {
  holder: string | null;
  /** While held: this node may drive until then (`now()` ms). */
  validUntil: number;
  /** A round for this hall is under way. */
  busy: boolean;
  /** Drops the lease when no renewal came in time. */
  expiry: NodeJS.Timeout | undefined;
}

/**
 * The OBS lease per hall between nodes on Redis: exactly one node drives a hall's OBS. Every round (`renewMs`)
 * each node takes the lease if it is free or renews its own (a compare-and-renew on its node id). A holder whose
 * renewal fails or does not answer in time stops driving at once, and at the latest `marginMs` before its lease
 * could expire in Redis, so two nodes never drive one OBS. A holder that dies is replaced within
 * `ttlMs + renewMs` (8 s by default).
 */
export class ObsLeases implements ObsDriveGate {
  private readonly leases = new Map<string, HallLease>();
  private changed: (hallId: string, status: ObsLeaseStatus) => void = () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: ObsLeasesOptions) {
    this.ttlMs = options.ttlMs ?? OBS_LEASE_TTL_MS;
    this.renewMs = options.renewMs ?? OBS_LEASE_RENEW_MS;
    this.marginMs = options.marginMs ?? OBS_LEASE_MARGIN_MS;
    this.now = options.now ?? (() => performance.now());
    this.log = options.log ?? (() => {});
  }

  start(hallIds: readonly string[], changed: (hallId: string, status: ObsLeaseStatus) => void): void {
    this.changed = changed;
    for (const hallId of hallIds) this.leases.set(hallId, { holder: null, validUntil: 0, busy: false, expiry: undefined });
    void this.round();
    this.timer = setInterval(() => void this.round(), this.renewMs);
    this.timer.unref?.();
  }

  status(hallId: string): ObsLeaseStatus {
    const lease = this.leases.get(hallId);
    const holder = lease?.holder ?? null;
    return { node: this.options.nodeId, holder, held: holder === this.options.nodeId };
  }

  /** One take-or-renew for every hall (a hall whose last one is still under way is skipped). */
  async round(): Promise<void> {
    await Promise.all([...this.leases.keys()].map((hallId) => this.renew(hallId)));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const held = [...this.leases].filter(([, lease]) => lease.holder === this.options.nodeId).map(([id]) => id);
    for (const hallId of held) this.set(hallId, null);
    await Promise.all(held.map((hallId) => this.options.backend.release(hallId, this.options.nodeId).catch(() => undefined)));
  }

  private async renew(hallId: string): Promise<void> {
    const lease = this.leases.get(hallId);
    if (!lease || lease.busy || this.closed) return;
    lease.busy = true;
    const sentAt = this.now();
    let holder: string | null;
    try {
      holder = await this.options.backend.takeOrRenew(hallId, this.options.nodeId, this.ttlMs);
    } catch (error) {
      if (lease.holder === this.options.nodeId)
        this.log(`OBS ${hallId}: could not renew the OBS lease (${(error as Error).message}): stops driving OBS`);
      holder = null;
    } finally {
      lease.busy = false;
    }
    if (this.closed) return;
    if (holder === this.options.nodeId) {
      const validUntil = sentAt + this.ttlMs - this.marginMs;
      // A renewal that answered after its own validity is no renewal.
      if (this.now() >= validUntil) holder = null;
      else {
        lease.validUntil = validUntil;
        clearTimeout(lease.expiry);
        lease.expiry = setTimeout(() => this.expire(hallId), validUntil - this.now());
        lease.expiry.unref?.();
      }
    }
    this.set(hallId, holder);
  }

  /** No renewal in time: stop driving before the lease can expire in Redis. */
  private expire(hallId: string): void {
    const lease = this.leases.get(hallId);
    if (!lease || lease.holder !== this.options.nodeId || this.now() < lease.validUntil) return;
    this.log(`OBS ${hallId}: the OBS lease was not renewed in time: stops driving OBS`);
    this.set(hallId, null);
  }

  private set(hallId: string, holder: string | null): void {
    const lease = this.leases.get(hallId);
    if (!lease || lease.holder === holder) return;
    const was = lease.holder === this.options.nodeId;
    lease.holder = holder;
    if (holder !== this.options.nodeId) clearTimeout(lease.expiry);
    if (!was && holder === this.options.nodeId) this.log(`OBS ${hallId}: this node holds the OBS lease and drives OBS`);
    this.changed(hallId, this.status(hallId));
  }
}
