import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CPU cgroup holding some processes to a share of one core, as if they had a smaller machine of their own. */
export interface CpuLimit {
  /** Moves these processes (and what they start later) into the group. */
  add(pids: number[]): void;
  /** Moves whatever is left back out and removes the group. */
  remove(): void;
}

const V1 = '/sys/fs/cgroup/cpu';
const V2 = '/sys/fs/cgroup';
const PERIOD_US = 100_000;

/** Where CPU groups can be made here (root, cgroup v1's cpu controller or v2 with cpu), or null. */
function cgroupRoot(): { dir: string; version: 1 | 2 } | null {
  try {
    if (existsSync(join(V1, 'cpu.cfs_quota_us'))) return { dir: V1, version: 1 };
    if (readFileSync(join(V2, 'cgroup.subtree_control'), 'utf8').split(/\s+/).includes('cpu')) return { dir: V2, version: 2 };
  } catch {
    // no cgroup file system we can read
  }
  return null;
}

/**
 * A group named `name` limited to `cores` (e.g. 0.3: 30 ms of CPU in every 100 ms), or why it cannot be made
 * (not root, no cpu controller). The limit is CFS bandwidth control: a process over its quota waits for the next
 * period, as one on a slower machine would queue behind its own work.
 */
export function cpuLimit(name: string, cores: number): CpuLimit | string {
  const root = cgroupRoot();
  if (!root) return 'no cpu cgroup controller here';
  const dir = join(root.dir, `lectern-bench-${name}-${process.pid}`);
  try {
    mkdirSync(dir);
    const quota = Math.round(cores * PERIOD_US);
    if (root.version === 1) {
      writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quota));
    } else writeFileSync(join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
  } catch (error) {
    return `cannot make a cpu cgroup (${(error as Error).message})`;
  }
  return {
    add(pids) {
      for (const pid of pids) writeFileSync(join(dir, 'cgroup.procs'), String(pid));
    },
    remove() {
      try {
        const left = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
        for (const pid of left) {
          try {
            writeFileSync(join(root.dir, 'cgroup.procs'), pid);
          } catch {
            // gone meanwhile
          }
        }
        rmdirSync(dir);
      } catch {
        // already removed
      }
    },
  };
}
