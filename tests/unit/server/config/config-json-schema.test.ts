import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../../server/config/config.json-schema.js';

describe('docs/config.schema.json', () => {
  it('is the one generated from the zod schema (run npx tsx scripts/config-schema.ts)', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../../../docs/config.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });
});
