import { parseArgs } from 'node:util';
import { startLectern, type ServeOptions } from '../app.js';
import { loadEffectiveConfig } from '../config/config.load.js';
import { serveOptionsOf } from '../config/config.serve.js';
import { announceWorkerReady, clusterRole, parseWorkers } from '../cluster/workers.js';
import { logger } from '../observability/logger.js';
import { announceStart } from '../observability/start-banner.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { LIMIT_USAGE } from '../limits/limits.config.js';
import { SERVE_FLAGS } from './serve.flags.js';
import { metricsTokenOf } from '../observability/metrics.config.js';

/** `--clock-rate R`: a rehearsal clock that runs fast; refused without a rehearsal `--clock ISO`. */
function clockRateOf(text: string | undefined, clock: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const rate = Number(text);
  if (!Number.isFinite(rate) || rate < 1 || rate > 1000)
    throw new UsageError(`--clock-rate: "${text}" is not a number from 1 to 1000`);
  if (clock === undefined || clock === 'real') throw new UsageError('--clock-rate is for rehearsals only: give --clock ISO too');
  return rate;
}

/** `lectern serve`: the server, with its flags (and the environment variables that stand for them). */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the Lectern server',
  usage: `lectern serve [--config FILE] [--port 8080] [--host 0.0.0.0] [--data ./data] [--program FILE]
              [--clock ISO|real] [--clock-rate R] [--public-url URL] [--obs FILE] [--redis URL] [--dev]
              [--token-rate N] [--token-burst N] [--address-rate N] [--address-burst N]
              [--socket-rate N] [--socket-burst N] [--max-frame-bytes N]
              [--question-rate N] [--question-address-rate N] [--question-window S]
              [--workers N|auto]

  --config FILE     a config file (YAML or JSON, docs/config.md): its
                    values under LECTERN_... variables, under these
                    flags; every key has its variable: LECTERN_ + key
                    path in UPPER_SNAKE, __ between levels
  --port N          port to listen on (0: any free port)        env LECTERN_PORT, default 8080
  --host ADDR       address to listen on; 0.0.0.0 lets screens
                    on the venue LAN reach it                    env LECTERN_HOST, default 0.0.0.0
  --data DIR        folder for the SQLite store (created)        env LECTERN_DATA, default ./data
  --program FILE    load this program at start (Lectern JSON, frab XML,
                    pretalx JSON, CSV or printed text: told by its
                    content; for a zone or hall map, run lectern import);
                    replaces the stored one when it differs      default: stored, else the demo event
  --clock ISO       rehearsal: run server time from this instant
                    (e.g. 2025-10-02T09:00, read in the event's zone
                    unless it carries an offset); kept with the
                    data, so a restart resumes it. "real" returns
                    to real time. Commands made under it are
                    marked as rehearsal in the log.
  --clock-rate R    rehearsal only, with --clock ISO: server time
                    runs R times as fast (1-1000; e.g. 60: an hour
                    a minute) for soaks and tests; not kept with
                    the data. Screens count at real speed between
                    clock syncs.
  --public-url URL  origin for the links Lectern prints and
                    answers (chair panel links)                  env LECTERN_PUBLIC_URL
  --obs FILE        drive OBS Studio: each hall's websocket,
                    password source and scene map (JSON, see
                    docs/obs.md)                                 env LECTERN_OBS_CONFIG
  --webhooks FILE   send webhooks: a YAML or JSON list of
                    { url, events, secretEnv | secretFile }, in
                    place of the config file's webhooks
                    (docs/webhooks.md)                      env LECTERN_WEBHOOKS_FILE
  --redis URL       one node of many: keep live state, log, tokens
                    and program in this Redis (redis://HOST:PORT;
                    run it with appendfsync always, docs/scale.md)
                    instead of the SQLite in --data              env LECTERN_REDIS_URL
  --dev             serve the pages through Vite (hot reload)
${LIMIT_USAGE}
  --workers N|auto  N processes share the port (auto: one per
                    core); see docs/scale.md                     env LECTERN_WORKERS, default 1

  env LECTERN_DIRECTOR_TOKEN  the director token; without it one is generated
                              on first start, stored hashed and shown once: on a
                              terminal it is printed; otherwise it is written to
                              DATA/director-token (0600) and the log says so.
  env LECTERN_METRICS_TOKEN   /metrics needs this bearer token (default: public;
                              the config's metrics.tokenEnv / tokenFile move it).
  env LECTERN_LOG_LEVEL       trace, debug, info (default), warn, error.
  Logs: JSON lines when stdout is not a terminal, readable lines on one.`,
  async run(args) {
    const { values } = parseArgs({ args, options: SERVE_FLAGS, strict: true, allowPositionals: false });
    const env = process.env;
    const config = await loadEffectiveConfig({ configFile: values.config, flags: values, env });
    const metricsToken = await metricsTokenOf(config.metrics, env);
    const clockRate = clockRateOf(values['clock-rate'], values.clock);
    const options: ServeOptions = {
      ...serveOptionsOf(config),
      dev: values.dev ?? false,
      ...(values.clock ? { clock: values.clock } : {}),
      ...(clockRate !== undefined ? { clockRate } : {}),
      ...(metricsToken ? { metricsToken } : {}),
      ...(env.LECTERN_DIRECTOR_TOKEN ? { directorToken: env.LECTERN_DIRECTOR_TOKEN } : {}),
    };
    const { publicUrl, redisUrl } = config;
    const workers = parseWorkers(String(config.workers))!;
    const started = workers > 1 ? await clusterRole(options, workers) : options;
    if (!started) return; // the primary of --workers N: it runs no Lectern itself
    const log = logger();
    const server = await startLectern({ ...started, log });
    announceStart(log, {
      server,
      dataDir: options.dataDir,
      ...(options.programFile ? { programFile: options.programFile } : {}),
      ...(started.cluster ? { workers } : {}),
      ...(redisUrl ? { redis: true } : {}),
      ...(clockRate ? { clockRate } : {}),
      base: publicUrl?.replace(/\/+$/, '') ?? server.url,
      terminal: process.stdout.isTTY === true,
      print: (text) => process.stdout.write(text),
    });
    const stop = async (signal: string) => {
      log.info({ signal }, `${signal}: stopping Lectern`);
      // Every acknowledged command is already committed: a close that hangs (a stuck connection, OBS not
      // answering) must not keep the process, so after a few seconds it exits anyway.
      setTimeout(() => {
        log.warn('Lectern did not stop within 5 s; exiting (every acknowledged command is saved)');
        process.exit(0);
      }, 5000).unref();
      await server.close();
      process.exit(0);
    };
    announceWorkerReady(server.port);
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  },
};
