import { z } from 'zod';

/** The events a webhook can ask for (issue 12, "Webhooks"). */
export const WEBHOOK_EVENTS = ['item.started', 'phase.changed', 'overtime', 'message', 'hall.held'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. LECTERN_WEBHOOK_SECRET');

/**
 * One webhook of the config file's `webhooks` list: where to send, which events, and where its signing secret
 * is (an environment variable or a file; never the secret itself). Written once here, for the config file
 * and for the delivery (branch w12hook).
 */
export const WebhookSchema = z
  .strictObject({
    /** The receiver, e.g. https://hooks.example.org/lectern. */
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+\S*$/, 'an http(s) URL, e.g. https://hooks.example.org/lectern')
      .describe('The receiver, e.g. https://hooks.example.org/lectern'),
    /** The events it wants (at least one). */
    events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .min(1, 'at least one event')
      .describe(`The events it wants: ${WEBHOOK_EVENTS.join(', ')}`),
    /** The environment variable holding the HMAC secret. */
    secretEnv: EnvNameSchema.optional().describe('The environment variable holding the HMAC secret'),
    /** A file holding the HMAC secret (trailing newline ignored). */
    secretFile: z
      .string()
      .min(1)
      .optional()
      .describe('A file holding the HMAC secret, trailing newline ignored (relative to the config file)'),
  })
  .refine((hook) => !(hook.secretEnv && hook.secretFile), {
    message: 'give secretEnv or secretFile, not both',
    path: ['secretFile'],
  });
export type Webhook = z.infer<typeof WebhookSchema>;

/** The config file's `webhooks` section. */
export const WebhooksSchema = z.array(WebhookSchema).default([]);
export type Webhooks = z.infer<typeof WebhooksSchema>;
