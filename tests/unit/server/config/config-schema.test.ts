import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../../server/config/config.schema.js';
import { WebhookSchema } from '../../../../server/config/webhooks.schema.js';

const scenes = { talk: 'Talk', qa: 'QA', break: 'Break', hold: 'Hold', idle: 'Soon', ended: 'End' };

describe('the config schema', () => {
  it('fills the defaults the flags have', () => {
    const checked = checkConfig({});
    expect(checked.ok && checked.config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      data: './data',
      workers: 1,
      limits: { token: { rate: 20, burst: 40 }, questions: { perDevice: 3 } },
      webhooks: [],
    });
  });

  it('names every problem by its key path', () => {
    const checked = checkConfig({
      port: 70000,
      limits: { token: { rate: 10, burst: 5 } },
      obs: { halls: { namba: { url: 'http://x', scenes, privacyScene: 'Slate' } } },
      webhooks: [{ url: 'https://h.example.org', events: ['nope'] }],
      colour: 'red',
    });
    expect(checked.ok).toBe(false);
    const paths = checked.ok ? [] : checked.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['port', 'limits.token.burst', 'obs.halls.namba.url', 'webhooks[0].events[0]', '(file)']),
    );
  });

  it('refuses a literal secret, naming its key', () => {
    const checked = checkConfig({
      obs: { halls: { namba: { url: 'ws://10.0.0.21:4455', password: 'hunter2', scenes, privacyScene: 'Slate' } } },
      webhooks: [{ url: 'https://h.example.org', events: ['message'], secret: 's3cret' }],
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.path)).toEqual(['obs.halls.namba.password', 'webhooks[0].secret']);
    expect(checked.problems[0]!.message).toMatch(/passwordEnv or passwordFile/);
    expect(JSON.stringify(checked.problems)).not.toContain('hunter2');
  });

  it('takes a secret by its source', () => {
    const checked = checkConfig({
      obs: { halls: { namba: { url: 'ws://10.0.0.21:4455', passwordEnv: 'OBS_PW', scenes, privacyScene: 'Slate' } } },
      webhooks: [{ url: 'https://h.example.org', events: ['item.started', 'hall.held'], secretFile: '/run/secrets/hook' }],
    });
    expect(checked.ok).toBe(true);
  });

  it('a webhook gives one secret source, not two', () => {
    const both = WebhookSchema.safeParse({ url: 'https://h.example.org', events: ['overtime'], secretEnv: 'A', secretFile: 'b' });
    expect(both.success).toBe(false);
  });
});
