import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configKeys } from '../../../../server/config/config.keys.js';
import { configReferenceMarkdown } from '../../../../server/config/config.reference.js';

describe('docs/config-reference.md', () => {
  it('is the one generated from the schema (run npx tsx scripts/config-reference.ts)', () => {
    const committed = readFileSync(new URL('../../../../docs/config-reference.md', import.meta.url), 'utf8');
    expect(committed).toBe(configReferenceMarkdown());
  });

  it('has every key path, with its variable, type and default', () => {
    const keys = Object.fromEntries(configKeys().map((key) => [key.path, key]));
    expect(keys['limits.token.rate']).toMatchObject({ env: 'LECTERN_LIMITS__TOKEN__RATE', type: 'integer', default: 20 });
    expect(keys['publicUrl']).toMatchObject({ env: 'LECTERN_PUBLIC_URL', type: 'string' });
    expect(keys['obs.halls.<hall>.passwordEnv']?.env).toBe('LECTERN_OBS__HALLS__<HALL>__PASSWORD_ENV');
    expect(keys['webhooks[].secretFile']?.env).toBe('LECTERN_WEBHOOKS__<N>__SECRET_FILE');
    expect(keys['obs.halls.<hall>.url']?.required).toBe(true);
  });
});
