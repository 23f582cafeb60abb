import { UsageError } from '../cli/cli-command.js';

/** A token bucket: `burst` at once, at least `perSecond` sustained. */
export interface BucketLimit {
  /** Requests (or events) per second a client may keep up. */
  perSecond: number;
  /** Requests (or events) a client may send at once, after a quiet moment (≥ perSecond). */
  burst: number;
}

/**
 * The public question endpoint's limits (`POST …/questions`): questions per window per device (a request without
 * a device id counts at this rate for its address), and per address (many viewers share a venue's address).
 */
export interface QuestionLimits {
  perDevice: number;
  perAddress: number;
  /** The window both count in (s); 60 in production. Tests shorten it to see a recovery without waiting. */
  windowSeconds: number;
}

/** What `lectern serve` throttles, and how much (docs/config.md, docs/guarantees.md "Throttling"). */
export interface RateLimits {
  /** Commands and other write requests per token (chair or director), over HTTP and its sockets together. */
  token: BucketLimit;
  /** Write requests per client address that carry no valid token (public write endpoints, wrong tokens). */
  address: BucketLimit;
  /** Events per socket connection (any event: watch, ping, command). */
  socket: BucketLimit;
  /** Largest socket.io frame a client may send, in bytes; a larger one drops that socket. */
  maxFrameBytes: number;
  /** Audience questions (on top of `address`, which every tokenless write takes from). */
  questions: QuestionLimits;
}

/** Defaults a real chair, console or screen never meets. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  token: { perSecond: 20, burst: 40 },
  address: { perSecond: 5, burst: 20 },
  socket: { perSecond: 50, burst: 100 },
  maxFrameBytes: 100_000,
  questions: { perDevice: 3, perAddress: 30, windowSeconds: 60 },
};

/** The `lectern serve` flags for the limits (for `parseArgs`), with the environment variable of each. */
export const LIMIT_FLAGS = {
  'token-rate': { type: 'string', env: 'LECTERN_TOKEN_RATE' },
  'token-burst': { type: 'string', env: 'LECTERN_TOKEN_BURST' },
  'address-rate': { type: 'string', env: 'LECTERN_ADDRESS_RATE' },
  'address-burst': { type: 'string', env: 'LECTERN_ADDRESS_BURST' },
  'socket-rate': { type: 'string', env: 'LECTERN_SOCKET_RATE' },
  'socket-burst': { type: 'string', env: 'LECTERN_SOCKET_BURST' },
  'max-frame-bytes': { type: 'string', env: 'LECTERN_MAX_FRAME_BYTES' },
  'question-rate': { type: 'string', env: 'LECTERN_QUESTION_RATE' },
  'question-address-rate': { type: 'string', env: 'LECTERN_QUESTION_ADDRESS_RATE' },
  'question-window': { type: 'string', env: 'LECTERN_QUESTION_WINDOW' },
} as const;
type LimitFlag = keyof typeof LIMIT_FLAGS;

/** The `parseArgs` options of the limit flags. */
export const LIMIT_OPTIONS = Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' }])) as Record<
  LimitFlag,
  { type: 'string' }
>;

/** The usage lines of the limit flags. */
export const LIMIT_USAGE = `  --token-rate N    commands a second per token (sustained)   env LECTERN_TOKEN_RATE, default 20
  --token-burst N   commands at once per token                env LECTERN_TOKEN_BURST, default 40
  --address-rate N  write requests a second per address
                    without a valid token                    env LECTERN_ADDRESS_RATE, default 5
  --address-burst N ... at once                              env LECTERN_ADDRESS_BURST, default 20
  --socket-rate N   socket events a second per connection    env LECTERN_SOCKET_RATE, default 50
  --socket-burst N  ... at once                              env LECTERN_SOCKET_BURST, default 100
  --max-frame-bytes N  largest socket frame a client may send env LECTERN_MAX_FRAME_BYTES, default 100000
  --question-rate N audience questions per device a window    env LECTERN_QUESTION_RATE, default 3
  --question-address-rate N  ... per address a window        env LECTERN_QUESTION_ADDRESS_RATE, default 30
  --question-window S  the window of both, in seconds         env LECTERN_QUESTION_WINDOW, default 60`;

/** The limits from the flags (else their environment variables, else the defaults); a bad number is a UsageError. */
export function rateLimitsFrom(
  values: Partial<Record<LimitFlag, string | undefined>>,
  env: Record<string, string | undefined>,
): RateLimits {
  const read = (flag: LimitFlag, fallback: number, min: number): number => {
    const text = values[flag] ?? env[LIMIT_FLAGS[flag].env];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < min) throw new UsageError(`--${flag}: "${text}" is not a whole number ≥ ${min}`);
    return n;
  };
  const bucket = (kind: 'token' | 'address' | 'socket'): BucketLimit => {
    const fallback = DEFAULT_RATE_LIMITS[kind];
    const perSecond = read(`${kind}-rate`, fallback.perSecond, 1);
    const burst = read(`${kind}-burst`, Math.max(fallback.burst, perSecond), 1);
    if (burst < perSecond) throw new UsageError(`--${kind}-burst (${burst}) must be at least --${kind}-rate (${perSecond})`);
    return { perSecond, burst };
  };
  return {
    token: bucket('token'),
    address: bucket('address'),
    socket: bucket('socket'),
    maxFrameBytes: read('max-frame-bytes', DEFAULT_RATE_LIMITS.maxFrameBytes, 1000),
    questions: {
      perDevice: read('question-rate', DEFAULT_RATE_LIMITS.questions.perDevice, 1),
      perAddress: read('question-address-rate', DEFAULT_RATE_LIMITS.questions.perAddress, 1),
      windowSeconds: read('question-window', DEFAULT_RATE_LIMITS.questions.windowSeconds, 1),
    },
  };
}
