import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../cli/cli-command.js';
import { backupDataDir, restoreDataDir, type BackupSummary } from './sqlite-backup.js';

function describe(summary: BackupSummary): string {
  const halls = summary.halls.map((hall) => `${hall.hallId} at revision ${hall.revision}`).join(', ') || 'no hall state yet';
  return `program revision ${summary.programRevision ?? 'none'}, ${summary.commands} logged commands, ${halls}`;
}

/** `lectern backup`: one consistent SQLite copy of a data folder, taken while the server runs. */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'copy the data folder to one SQLite file while the server runs',
  usage: `lectern backup --data DIR --out FILE

  --data DIR        the server's data folder            env LECTERN_DATA, default ./data
  --out FILE        the backup: one SQLite database (mode 0600), written whole
                    or not at all; a consistent moment even mid-event (SQLite's
                    online backup API: every acknowledged command up to it)

  Restore it with lectern restore FILE --data DIR.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' } }, strict: true });
    if (!values.out) throw new UsageError('where to? (--out FILE)');
    const dataDir = values.data ?? process.env.LECTERN_DATA ?? './data';
    const summary = await backupDataDir(dataDir, values.out);
    console.error(`Backed up ${dataDir} to ${values.out} (${summary.bytes} bytes): ${describe(summary)}`);
  },
};

/** `lectern restore`: a backup into a data folder (new or empty, or replaced with --force). */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'make a data folder from a backup (lectern backup)',
  usage: `lectern restore FILE --data DIR [--force]

  FILE              a backup written by lectern backup
  --data DIR        the data folder to create (0700; the database 0600)
                    env LECTERN_DATA, default ./data
  --force           replace the data of a folder that is not empty
                    (stop the server that uses it first)

  Checks the backup (a sound Lectern database) before it touches DIR. Then start
  lectern serve --data DIR: every hall resumes where the backup left it.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { data: { type: 'string' }, force: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('which backup? (lectern restore FILE --data DIR)');
    const dataDir = values.data ?? process.env.LECTERN_DATA ?? './data';
    const summary = await restoreDataDir(positionals[0]!, dataDir, values.force ?? false);
    console.error(`Restored ${positionals[0]} into ${dataDir}: ${describe(summary)}`);
  },
};
