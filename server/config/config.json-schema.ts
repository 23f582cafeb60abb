import { z } from 'zod';
import { LecternConfigSchema } from './config.schema.js';

/** The config file's JSON Schema (docs/config.schema.json), generated from the zod schema: what a file may say. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LecternConfigSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
}
