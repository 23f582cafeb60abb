import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, ReceiverQueue, retryDelay, type DeliveryResult } from '../../../../server/webhooks/receiver-queue.js';
import { shownUrl } from '../../../../server/webhooks/webhook-receivers.js';
import { webhookSignature } from '../../../../server/webhooks/webhook-signature.js';

/** A queue whose fetch answers from a list (a status, or an Error for a network failure), recording each call. */
function queueWith(answers: (number | Error)[], policy: Partial<typeof DEFAULT_POLICY> = {}, secret?: string) {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const results: DeliveryResult[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw Object.assign(new TypeError('fetch failed'), { cause: answer });
    return new Response(null, { status: answer });
  }) as typeof globalThis.fetch;
  const queue = new ReceiverQueue(
    {
      url: 'https://hooks.example.org/x?key=k',
      shownUrl: shownUrl('https://hooks.example.org/x?key=k'),
      events: new Set(['message']),
      ...(secret ? { secret } : {}),
    },
    { ...DEFAULT_POLICY, baseDelayMs: 1, wallNow: () => 1_000, userAgent: 'Lectern/test', fetch, ...policy },
    (result) => results.push(result),
  );
  return { queue, calls, results };
}
const delivery = (n: number) => ({ id: `d${n}`, event: 'message' as const, body: `{"n":${n}}` });
const settle = (results: DeliveryResult[], count: number) => expect.poll(() => results.length).toBe(count);

describe('ReceiverQueue', () => {
  it('signs with the secret over "<timestamp>.<body>" and sends the event, delivery and timestamp headers', async () => {
    const { queue, calls, results } = queueWith([204], {}, 's3cret');
    queue.enqueue(delivery(1));
    await settle(results, 1);
    expect(calls[0]!.headers).toMatchObject({
      'x-lectern-event': 'message',
      'x-lectern-delivery': 'd1',
      'x-lectern-timestamp': '1000',
      'x-lectern-signature': webhookSignature('s3cret', '1000', '{"n":1}'),
    });
    expect(webhookSignature('s3cret', '1000', '{"n":1}')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(queue.status()).toMatchObject({ url: 'https://hooks.example.org/x', signed: true, delivered: 1, lastStatus: 204 });
  });

  it('retries network errors, 5xx and 429, then delivers; keeps the order of the queue', async () => {
    const { queue, calls, results } = queueWith([
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      503,
      429,
      200,
      200,
    ]);
    queue.enqueue(delivery(1));
    queue.enqueue(delivery(2));
    await settle(results, 2);
    expect(results).toEqual(['delivered', 'delivered']);
    expect(calls.map((c) => c.headers['x-lectern-delivery'])).toEqual(['d1', 'd1', 'd1', 'd1', 'd2']);
    expect(calls[0]!.headers['x-lectern-signature']).toBeUndefined();
  });

  it('gives up after maxAttempts (failed), and at once on a 4xx', async () => {
    const many = queueWith([500, 500, 500, 500, 500, 500, 500]);
    many.queue.enqueue(delivery(1));
    await settle(many.results, 1);
    expect(many.results).toEqual(['failed']);
    expect(many.calls).toHaveLength(6);
    expect(many.queue.status()).toMatchObject({ failed: 1, lastStatus: 500, lastError: 'HTTP 500', queued: 0 });
    const refused = queueWith([404]);
    refused.queue.enqueue(delivery(1));
    await settle(refused.results, 1);
    expect(refused.results).toEqual(['failed']);
    expect(refused.calls).toHaveLength(1);
  });

  it('a full queue drops its oldest waiting delivery (counted)', async () => {
    const { queue, calls, results } = queueWith([], { maxQueued: 2 });
    for (const n of [1, 2, 3, 4]) queue.enqueue(delivery(n));
    await settle(results, 4);
    // d1 went out at once; d2 was pushed out by d4.
    expect(calls.map((c) => c.headers['x-lectern-delivery'])).toEqual(['d1', 'd3', 'd4']);
    expect(queue.status()).toMatchObject({ delivered: 3, dropped: 1 });
  });

  it('waits base·2^(n−1), half of it random', () => {
    expect(retryDelay(1, 1000, () => 0)).toBe(500);
    expect(retryDelay(1, 1000, () => 1)).toBe(1000);
    expect(retryDelay(3, 1000, () => 0.5)).toBe(3000);
  });
});
