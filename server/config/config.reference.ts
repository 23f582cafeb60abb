import { configKeys, type ConfigKey } from './config.keys.js';

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function defaultText(key: ConfigKey): string {
  if (key.default === undefined || (typeof key.default === 'object' && key.default !== null && !Array.isArray(key.default)))
    return '';
  return `\`${cell(JSON.stringify(key.default))}\``;
}

/** docs/config-reference.md: every key path of the config file with its type, default, variable and description. */
export function configReferenceMarkdown(): string {
  const rows = configKeys().map(
    (key) =>
      `| \`${key.path}\` | ${cell(key.type)}${key.required ? ', required' : ''} | ${defaultText(key)} | ${key.env ? `\`${key.env}\`` : ''} | ${cell(key.description)} |`,
  );
  return `# Config reference

Generated from the config schema (\`server/config/\`) by \`npx tsx scripts/config-reference.ts\`; a unit test fails
when this file is stale. How the file, the \`LECTERN_…\` variables and the flags combine: [config](config.md#the-config-file).
\`<hall>\` is a hall id (in a variable: upper case, \`_\` for \`-\`); \`[]\` is an entry of a list (in a variable:
its index, \`LECTERN_WEBHOOKS__0__URL\`). A section's default is its keys' defaults.

| Key | Type | Default | Environment | Description |
|---|---|---|---|---|
${rows.join('\n')}
`;
}
