// Writes docs/config-reference.md from the config schema (every key path, type, default, variable, description).
import { writeFileSync } from 'node:fs';
import { configReferenceMarkdown } from '../server/config/config.reference.js';

writeFileSync(new URL('../docs/config-reference.md', import.meta.url), configReferenceMarkdown());
