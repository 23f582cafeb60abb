// Writes docs/config.schema.json from the zod schema (npm run docs:config-schema).
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../server/config/config.json-schema.js';

writeFileSync(new URL('../docs/config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
