import type { Server } from 'socket.io';
import type { ObsMode } from '../../shared/index.js';
import type { ObsApi } from '../obs/obs.api.js';

/** The adapter request a worker other than 1 sends for an OBS route; worker 1 answers it. */
export const OBS_CALL = 'lectern:obs-call';

/** One call of the OBS routes, as it travels between workers. */
export type ObsCall =
  | { op: 'status' }
  | { op: 'drivenBy'; hallId: string }
  | { op: 'isConfigured'; hallId: string }
  | { op: 'setMode'; hallId: string; mode: ObsMode; actor: string }
  | { op: 'reconnect'; hallId: string }
  | { op: 'recordings'; hallId: string };

/** Worker 1's answer is `{ value }`; every other worker answers null (the adapter waits for all of them). */
type ObsAnswer = { value: unknown } | null;

/** Runs one call on the OBS this worker drives. */
async function run(obs: ObsApi, call: ObsCall): Promise<unknown> {
  switch (call.op) {
    case 'status':
      return obs.status();
    case 'drivenBy':
      return obs.drivenBy(call.hallId);
    case 'isConfigured':
      return obs.isConfigured(call.hallId);
    case 'setMode':
      return obs.setMode(call.hallId, call.mode, call.actor);
    case 'reconnect':
      return obs.reconnect(call.hallId);
    case 'recordings':
      return obs.recordings(call.hallId);
  }
}

/** Worker 1: answers the other workers' OBS calls with its own OBS. */
export function answerObsCalls(peers: Server, obs: ObsApi, drives: boolean): void {
  peers.on(OBS_CALL, (call: ObsCall, ack: (answer: ObsAnswer) => void) => {
    if (!drives) return ack(null);
    run(obs, call).then(
      (value) => ack({ value: value ?? null }),
      () => ack(null),
    );
  });
}

/** A worker other than 1: every OBS route is asked of worker 1 (the adapter's request, 5 s timeout). */
export function obsThroughWorkerOne(peers: Server): ObsApi {
  const ask = <T>(call: ObsCall) =>
    new Promise<T>((resolve, reject) =>
      peers.serverSideEmit(OBS_CALL, call, (error: Error | null, answers: ObsAnswer[]) => {
        const answer = answers?.find((a) => a !== null);
        if (error || !answer) return reject(error ?? new Error('worker 1 did not answer for OBS'));
        resolve((answer.value ?? undefined) as T);
      }),
    );
  return {
    status: () => ask({ op: 'status' }),
    drivenBy: (hallId) => ask({ op: 'drivenBy', hallId }),
    isConfigured: (hallId) => ask({ op: 'isConfigured', hallId }),
    setMode: (hallId, mode, actor) => ask({ op: 'setMode', hallId, mode, actor }),
    reconnect: (hallId) => ask({ op: 'reconnect', hallId }),
    recordings: (hallId) => ask({ op: 'recordings', hallId }),
  };
}
