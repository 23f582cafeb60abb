import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** A worker asks the primary for every worker's metrics added up, and gets them back (over node:cluster's IPC). */
const ASK = 'lectern:metrics-ask';
const ANSWER = 'lectern:metrics-answer';
/** prom-client's own wait for the workers is 5 s; the asking worker waits a little longer for the primary. */
const ANSWER_MS = 6000;

interface Ask {
  type: typeof ASK;
  id: number;
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/**
 * The primary of `--workers N`: answers a worker's ask with prom-client's AggregatorRegistry, which gathers every
 * worker's registry and adds them up (counters and histograms summed, gauges by each metric's aggregator).
 */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Ask) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text } satisfies Answer),
      (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message } satisfies Answer),
    );
  });
}

/**
 * A worker: offers its registry to the primary's aggregation and answers `GET /metrics` with every worker's sum.
 * The workers share one port, so a scrape reaches any one of them: with its own numbers only, counters would
 * jump between the workers' values from scrape to scrape.
 */
export function metricsOfEveryWorker(registry: Registry): () => Promise<string> {
  // Its constructor adds the worker's listener for the primary's requests.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message: Answer) => {
    if (message?.type !== ANSWER) return;
    const asked = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) asked?.reject(new Error(`the workers' metrics: ${message.error}`));
    else asked?.resolve(message.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error("the workers' metrics did not come within 6 s"));
      }, ANSWER_MS);
      waiting.set(id, {
        resolve: (text) => (clearTimeout(timer), resolve(text)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      process.send!({ type: ASK, id } satisfies Ask);
    });
}
