import { expect } from 'vitest';
import type { CommandLogPage, LoggedCommand } from '../../shared/index.js';
import { api, command } from './http.js';

// Chairs pressing during a fault (kill -9, a dead node, Redis away), and the check that follows: every command a
// server acknowledged is in its hall's log exactly once. Used by the fault suite, the workers and the Redis tests.

/** A command a server acknowledged (200), by the banner text that names it. */
export interface Ack {
  hallId: string;
  text: string;
  revision: number;
}

/**
 * One chair pressing `message` as fast as the server answers, until `stop.now` or the server goes away (a press
 * cut off there was never acknowledged). Answers what was acknowledged. Without `token`, the director's.
 */
export async function burstUntilGone(
  url: string,
  chair: { hallId: string; name: string; token?: string },
  stop: { now: boolean },
): Promise<Ack[]> {
  const acks: Ack[] = [];
  for (let n = 0; !stop.now; n++) {
    const text = `${chair.name} press ${n}`;
    try {
      const body = { type: 'message', text, commandId: `${chair.name}-${n}-burst` };
      const answer = await command(url, chair.hallId, body, chair.token);
      if (answer.status === 200) acks.push({ hallId: chair.hallId, text, revision: answer.body.revision });
    } catch {
      return acks;
    }
  }
  return acks;
}

/**
 * Every acknowledged command is in its hall's log once, with the revision its answer named, and the log's
 * revisions run 1, 2, 3, … (none skipped, none twice).
 */
export async function expectEveryAckOnce(url: string, acks: readonly Ack[], hallIds: readonly string[]): Promise<void> {
  for (const hallId of hallIds) {
    const log = await fullLog(url, hallId);
    const texts = log.map((e) => (e.command.type === 'message' ? e.command.text : ''));
    for (const ack of acks.filter((a) => a.hallId === hallId)) {
      expect(
        texts.filter((t) => t === ack.text),
        ack.text,
      ).toHaveLength(1);
      expect(log.find((e) => e.command.type === 'message' && e.command.text === ack.text)?.revision).toBe(ack.revision);
    }
    expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => i + 1));
  }
}

/** A chair for a burst: the hall it runs and its token. */
export interface BurstChair {
  name: string;
  hallId: string;
  token: string;
}

/** What a burst of chairs' commands met. */
export interface BurstResult {
  /** Every command a node acknowledged (200), with the banner text that names it. */
  acknowledged: Ack[];
  /** Answers by status other than 200 (each retry counted), e.g. { 503: 12, 502: 1 }. */
  refused: Record<string, number>;
  /** Bodies of the 503 answers, to check their error code. */
  unavailableErrors: Set<string>;
}

/**
 * Chairs sending `message` commands (a unique text each, with a commandId) over HTTP to `base()` as fast as the
 * answers come, `gapMs` apart. A command that is not acknowledged is sent again with the same commandId, as a
 * chair panel does, until it is or the burst has stopped. `stop()` waits for every chair's last command.
 */
export function startChairBurst(
  base: () => string,
  chairs: readonly BurstChair[],
  gapMs = 30,
): { result: BurstResult; stop(): Promise<BurstResult> } {
  const result: BurstResult = { acknowledged: [], refused: {}, unavailableErrors: new Set() };
  let running = true;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const loops = chairs.map(async (chair) => {
    for (let n = 1; running; n++) {
      const text = `${chair.name} #${n}`;
      const commandId = `${chair.name}-${n}`;
      // After stop, the command under way still gets a few tries, so one that was applied is found acknowledged.
      for (let tries = 0; running || tries < 20; tries++) {
        const answer = await fetch(`${base()}/api/v1/halls/${chair.hallId}/commands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
          body: JSON.stringify({ type: 'message', text, commandId }),
          signal: AbortSignal.timeout(5000),
        }).then(
          async (response) => ({
            status: response.status,
            body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
          }),
          () => ({ status: 0, body: {} as Record<string, unknown> }),
        );
        if (answer.status === 200) {
          result.acknowledged.push({ hallId: chair.hallId, text, revision: Number(answer.body.revision) });
          break;
        }
        result.refused[answer.status] = (result.refused[answer.status] ?? 0) + 1;
        if (answer.status === 503) result.unavailableErrors.add(String(answer.body.error));
        await sleep(100);
      }
      await sleep(gapMs);
    }
  });
  return {
    result,
    async stop() {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}

/** A hall's whole command log from a node (paged), as the director reads it. */
export async function fullLog(base: string, hallId: string): Promise<LoggedCommand[]> {
  const entries: LoggedCommand[] = [];
  let after = 0;
  for (;;) {
    const page = await api<CommandLogPage>(base, `/api/v1/halls/${hallId}/log?after=${after}&limit=200`);
    if (page.status !== 200) throw new Error(`log of ${hallId}: ${page.status} ${JSON.stringify(page.body)}`);
    entries.push(...page.body.entries);
    if (page.body.entries.length < 200 || page.body.lastSeq === null) return entries;
    after = page.body.lastSeq;
  }
}

/** Every acknowledged command of a burst that is not in its hall's log exactly once (empty: none lost or doubled). */
export async function missingOrDoubled(base: string, result: BurstResult): Promise<string[]> {
  const texts = new Map<string, number>();
  for (const hallId of new Set(result.acknowledged.map((a) => a.hallId))) {
    for (const entry of await fullLog(base, hallId)) {
      if (entry.command.type === 'message') texts.set(entry.command.text, (texts.get(entry.command.text) ?? 0) + 1);
    }
  }
  return result.acknowledged.filter((a) => texts.get(a.text) !== 1).map((a) => `${a.text} ×${texts.get(a.text) ?? 0}`);
}
