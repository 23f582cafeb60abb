import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/**
 * Fields that may hold a secret, wherever they sit in a log record: pino replaces their values with
 * `[redacted]` before the line is written.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
];

/** A Lectern bearer token (`lct_d_…` director, `lct_c_…` chair) inside any text. */
const TOKEN_IN_TEXT = /lct_[a-z]_[A-Za-z0-9_-]{8,}/g;

/** Replaces every bearer token in a text with `lct_[redacted]`: a message string is no path for redact. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_IN_TEXT, 'lct_[redacted]');
}

export interface LoggerOptions {
  /** Readable lines (pino-pretty) instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
  /** pino level; default env LECTERN_LOG_LEVEL, else `info`. */
  level?: string;
  /** Where lines go (tests); default stdout. */
  destination?: DestinationStream;
}

/**
 * The server's logger: one JSON object a line when stdout is not a terminal (journald, a log shipper), readable
 * lines on one. Secrets are redacted by field name, and tokens scrubbed from message strings.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const readable = options.pretty ?? process.stdout.isTTY === true;
  const destination =
    options.destination ??
    (readable
      ? pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level ?? process.env.LECTERN_LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubTokens(arg) : arg)) as Parameters<typeof method>);
        },
      },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

/** The process's logger (created on first use, so a CLI command that never logs never opens it). */
let shared: Logger | undefined;
export function logger(): Logger {
  shared ??= createLogger();
  return shared;
}
