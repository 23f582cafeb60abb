import { createHmac } from 'node:crypto';

/**
 * The `X-Lectern-Signature` value: `sha256=` and the hex HMAC-SHA256, with the receiver's secret, of
 * "<X-Lectern-Timestamp>.<body>" (the timestamp in the signed text, so an old delivery cannot be replayed as new).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
