import { parseArgs } from 'node:util';
import { ConfigFileError, readConfigFile, resolveFilePaths } from '../config/config.file.js';
import { loadEffectiveConfig } from '../config/config.load.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { SERVE_FLAGS } from './serve.flags.js';

/** Prints a config's problems (never a secret: the config holds none) and makes the exit code 1. */
function refuse(error: unknown): void {
  if (!(error instanceof ConfigFileError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

/** `lectern config check FILE` and `lectern config print [--config FILE] [serve's flags]`. */
export const configCommand: CliCommand = {
  name: 'config',
  summary: 'check a config file, or print the effective config (lectern config check FILE | print)',
  usage: `lectern config check FILE
lectern config print [--config FILE] [any lectern serve flag]

  check: validates a config file (YAML or JSON; docs/config.md): exits 0 when it is good, else 1 and prints
  every problem with its key path (and its line).
  print: writes the effective config lectern serve would run with (schema defaults, the file, the LECTERN_...
  variables, the flags; --obs FILE as the obs section) as JSON to stdout, and nothing else; secrets appear only
  by their source (passwordEnv, secretFile...); paths are absolute. The output is a config file: lectern config check accepts it.
  A bad file, variable or flag: exit 1, every problem on stderr.`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'check') {
      const [file, ...extra] = rest;
      if (!file || extra.length > 0) throw new UsageError('give: config check FILE');
      try {
        await readConfigFile(file);
        console.log(`${file}: good`);
      } catch (error) {
        refuse(error);
      }
      return;
    }
    if (sub === 'print') {
      const { values } = parseArgs({ args: rest, options: SERVE_FLAGS, strict: true, allowPositionals: false });
      try {
        const config = await loadEffectiveConfig({ configFile: values.config, flags: values, env: process.env });
        // Paths not from the file (defaults, variables, flags) are the working folder's: written absolute, the
        // printed file means the same wherever it is put.
        process.stdout.write(`${JSON.stringify(resolveFilePaths(config, process.cwd()), null, 2)}\n`);
      } catch (error) {
        refuse(error);
      }
      return;
    }
    throw new UsageError('give: config check FILE, or config print [--config FILE]');
  },
};
