#!/usr/bin/env node
import { BackupError } from './backup/sqlite-backup.js';
import { backupCommand, restoreCommand } from './backup/backup.commands.js';
import { ProgramError } from './program/program-file.js';
import { UsageError, type CliCommand } from './cli/cli-command.js';
import { configCommand } from './cli/config.command.js';
import { exportCommand } from './cli/export.command.js';
import { importCommand } from './cli/import.command.js';
import { serveCommand } from './cli/serve.command.js';
import { VERSION } from './version.js';

const commands: CliCommand[] = [serveCommand, importCommand, exportCommand, backupCommand, restoreCommand, configCommand];

function overview(): string {
  const rows = [
    ...commands.map((c) => [c.name, c.summary] as const),
    ['help', "this help, or a command's flags (lectern help COMMAND)"] as const,
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return `lectern ${VERSION}: live now/next for conference halls and hybrid streams

Usage: lectern <command> [flags]      (from a checkout: npm run lectern -- <command> [flags])

Commands:
${rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`).join('\n')}

${commands.map((c) => c.usage).join('\n\n')}
`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = commands.find((c) => c.name === rest[0]);
    console.log(topic ? topic.usage : overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`lectern: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    await command.run(rest);
    return -1;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`lectern ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ProgramError || error instanceof BackupError) {
      console.error(`lectern ${name}: ${error.message}`);
      return 1;
    }
    console.error(`lectern ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// -1: the command keeps running (the server); otherwise exit with the code.
if (code >= 0) process.exitCode = code;
