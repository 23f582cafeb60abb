import type { LecternConfig } from '../config/config.schema.js';

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

/** The `lectern serve` flags for the limits, with the environment variable of each (an alias) and its config key path. */
export const LIMIT_FLAGS = {
  'token-rate': { env: 'LECTERN_TOKEN_RATE', path: ['limits', 'token', 'rate'] },
  'token-burst': { env: 'LECTERN_TOKEN_BURST', path: ['limits', 'token', 'burst'] },
  'address-rate': { env: 'LECTERN_ADDRESS_RATE', path: ['limits', 'address', 'rate'] },
  'address-burst': { env: 'LECTERN_ADDRESS_BURST', path: ['limits', 'address', 'burst'] },
  'socket-rate': { env: 'LECTERN_SOCKET_RATE', path: ['limits', 'socket', 'rate'] },
  'socket-burst': { env: 'LECTERN_SOCKET_BURST', path: ['limits', 'socket', 'burst'] },
  'max-frame-bytes': { env: 'LECTERN_MAX_FRAME_BYTES', path: ['limits', 'maxFrameBytes'] },
  'question-rate': { env: 'LECTERN_QUESTION_RATE', path: ['limits', 'questions', 'perDevice'] },
  'question-address-rate': { env: 'LECTERN_QUESTION_ADDRESS_RATE', path: ['limits', 'questions', 'perAddress'] },
  'question-window': { env: 'LECTERN_QUESTION_WINDOW', path: ['limits', 'questions', 'windowSeconds'] },
} as const satisfies Record<string, { env: string; path: string[] }>;
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

/** The limits of an effective config (`limits`, docs/config.md) as the throttles take them. */
export function rateLimitsOf(limits: LecternConfig['limits']): RateLimits {
  const bucket = (b: { rate: number; burst: number }): BucketLimit => ({ perSecond: b.rate, burst: b.burst });
  return {
    token: bucket(limits.token),
    address: bucket(limits.address),
    socket: bucket(limits.socket),
    maxFrameBytes: limits.maxFrameBytes,
    questions: { ...limits.questions },
  };
}
