/**
 * Runs tasks one at a time per key (a hall), and exclusive tasks alone across all keys
 * (a program replacement waits for every hall's queue and holds them until it is done).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private barrier: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every earlier task of `key` (and any exclusive task) has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = Promise.all([this.tails.get(key), this.barrier]);
    const result = previous.then(task, task);
    this.tails.set(
      key,
      result.catch(() => undefined),
    );
    return result;
  }

  /** Runs `task` once every queued task has settled; tasks queued meanwhile wait for it. */
  runExclusive<T>(task: () => Promise<T>): Promise<T> {
    const previous = Promise.all([...this.tails.values(), this.barrier]);
    const result = previous.then(task, task);
    this.barrier = result.catch(() => undefined);
    this.tails.clear();
    return result;
  }
}
