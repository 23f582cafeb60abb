import { describe, expect, it } from 'vitest';
import type { WebhookReceiverStatus } from '../../../../shared/index.js';
import { addUpReceivers } from '../../../../server/webhooks/webhook-status.js';

const receiver = (patch: Partial<WebhookReceiverStatus>): WebhookReceiverStatus => ({
  url: 'https://hooks.example.org/lectern',
  events: ['item.started', 'overtime'],
  signed: true,
  queued: 0,
  delivered: 0,
  failed: 0,
  dropped: 0,
  lastStatus: null,
  lastError: null,
  lastAttemptAt: null,
  lastSuccessAt: null,
  ...patch,
});

describe('addUpReceivers (GET /api/v1/webhooks over every worker or node)', () => {
  it("adds up each receiver's counts; the last attempt is the latest of any process", () => {
    const one = receiver({ delivered: 3, queued: 1, lastStatus: 204, lastAttemptAt: 1000, lastSuccessAt: 1000 });
    const two = receiver({
      delivered: 2,
      failed: 1,
      dropped: 4,
      lastStatus: 500,
      lastError: 'HTTP 500',
      lastAttemptAt: 2000,
      lastSuccessAt: 900,
    });
    expect(addUpReceivers([[one], [two]])).toEqual([
      receiver({
        delivered: 5,
        failed: 1,
        dropped: 4,
        queued: 1,
        lastStatus: 500,
        lastError: 'HTTP 500',
        lastAttemptAt: 2000,
        lastSuccessAt: 1000,
      }),
    ]);
  });

  it('keeps receivers apart by URL and events; a process that has not sent yet changes nothing', () => {
    const other = receiver({
      url: 'http://127.0.0.1:9/hook',
      events: ['message'],
      delivered: 1,
      lastAttemptAt: 5,
      lastSuccessAt: 5,
    });
    const idle = receiver({});
    const busy = receiver({ delivered: 7, lastStatus: 204, lastAttemptAt: 10, lastSuccessAt: 10 });
    expect(
      addUpReceivers([
        [busy, other],
        [idle, receiver({ url: other.url, events: ['message'] })],
      ]),
    ).toEqual([busy, other]);
  });
});
