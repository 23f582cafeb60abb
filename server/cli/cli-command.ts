/** A `lectern` subcommand. */
export interface CliCommand {
  name: string;
  /** One line for `lectern --help`. */
  summary: string;
  /** The command's own help: synopsis and every flag. */
  usage: string;
  run(args: string[]): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
