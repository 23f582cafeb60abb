import { ConfigFileError, readConfigFile } from '../config/config.file.js';
import { UsageError, type CliCommand } from './cli-command.js';

/** `lectern config check FILE`: exit 0, or 1 with every problem by key path (and line). */
export const configCommand: CliCommand = {
  name: 'config',
  summary: 'check a config file (lectern config check FILE)',
  usage: `lectern config check FILE

  Validates a config file (YAML or JSON; docs/config.md): exits 0 when it is good, else 1 and prints every
  problem with its key path (and its line).`,
  async run(args) {
    const [sub, file, ...extra] = args;
    if (sub !== 'check' || !file || extra.length > 0) throw new UsageError('give: config check FILE');
    try {
      await readConfigFile(file);
      console.log(`${file}: good`);
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      console.error(error.message);
      process.exitCode = 1;
    }
  },
};
