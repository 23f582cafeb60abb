import { readFile } from 'node:fs/promises';
import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { Server as SocketServer } from 'socket.io';
import type { Health, LecternServer, Program } from '../shared/index.js';
import { authRoutes } from './auth/auth.routes.js';
import { AuthService } from './auth/auth.service.js';
import { SocketBroadcaster, broadcastLiveChanges } from './broadcast/broadcaster.js';
import { DisplayRegistry } from './displays/display-registry.js';
import { displaysRoutes } from './displays/displays.routes.js';
import { rehearsalClock, type Clock } from './clock.js';
import { errorHandler, sendError } from './http/errors.js';
import { securityHeaders } from './http/security.js';
import { mountWeb } from './http/web.js';
import { LiveService } from './live/live.service.js';
import { liveRoutes } from './live/live.routes.js';
import { allHallsRoutes } from './live/all-halls.routes.js';
import { logRoutes } from './live/log.routes.js';
import { loadObsConfig, parseObsConfig, type ObsConfigFile } from './obs/obs.config.js';
import { obsRoutes } from './obs/obs.routes.js';
import { ObsService } from './obs/obs.service.js';
import { SqliteObsStore, type ObsStore } from './obs/obs.store.js';
import { decodeProgramBytes, importProgram, type ImportResult } from './program/import/index.js';
import { DEMO_PROGRAM_PATH, loadProgramFile } from './program/program-file.js';
import { exportRoutes } from './program/export.routes.js';
import { programRoutes } from './program/program.routes.js';
import { programEditRoutes } from './program/program-edits.routes.js';
import type { ClusterHooks } from './cluster/hooks.js';
import { createSocketApp } from './socket/socket-app.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './limits/limits.config.js';
import { createThrottles, redisBackend, type LimiterBackend } from './limits/throttle.js';
import { throttleWrites } from './limits/throttle.middleware.js';
import { attachRedisNode, nodeReadiness, obsLeases, type RedisNode } from './cluster/redis-node.js';
import { openRedisStore } from './cluster/wait-for-redis.js';
import { readyzHandler } from './http/readyz.js';
import { RedisStore } from './store/redis/redis-store.js';
import { SqliteStore } from './store/sqlite-store.js';
import { SqliteQuestionStore } from './store/sqlite-question-store.js';
import { RedisObsStore } from './store/redis/redis-obs-store.js';
import { RedisQuestionStore } from './store/redis/redis-question-store.js';
import { QuestionLimiter } from './questions/questions.limiter.js';
import { QuestionsService } from './questions/questions.service.js';
import { questionsRoutes } from './questions/questions.routes.js';
import { broadcastQuestionChanges } from './questions/questions.broadcast.js';
import type { Store } from './store/store.js';
import { VERSION } from './version.js';
import { instrumentBroadcaster, instrumentStore, observeCommands, observeObsLinks } from './observability/instrument.js';
import { logger, type Logger } from './observability/logger.js';
import { LecternMetrics } from './observability/metrics.js';
import { metricsRoutes } from './observability/metrics.routes.js';
import { openApiRoutes } from './http/openapi/document.js';
import type { Webhook } from './config/webhooks.schema.js';
import { resolveReceivers } from './webhooks/webhook-receivers.js';
import { WebhookService } from './webhooks/webhooks.service.js';
import { webhooksRoutes } from './webhooks/webhooks.routes.js';
import { claimOvertimeIn } from './webhooks/overtime-claim.js';
import { askEveryProcess } from './cluster/ask-every-process.js';
import { DEFAULT_SCREEN_CONFIG, type ScreenConfig } from '../shared/screens.js';
import { logoOrigins, screenConfigRoutes, withStreamLanguages } from './displays/screen-config.routes.js';

/** Everything `lectern serve` can be told. */
export interface ServeOptions {
  port: number;
  host: string;
  /** Folder for the SQLite store (created if missing). */
  dataDir: string;
  /** A program file to load (replaces the stored program when it differs). */
  programFile?: string;
  /** Rehearsal clock: an ISO instant to run server time from, or "real" to return to real time. */
  clock?: string;
  /** Rehearsal only (with `clock`): server time runs this many times as fast as real time (a soak's day in minutes). */
  clockRate?: number;
  /** Origin for links Lectern prints and answers (chair panel URLs), e.g. https://lectern.example.org. */
  publicUrl?: string;
  /** Serve the pages through Vite's dev server instead of the built assets. */
  dev: boolean;
  /** The director token (else stored, else generated and printed once). */
  directorToken?: string;
  /** OBS connections and scene maps (JSON, docs/obs.md); without it (or `obs`) Lectern drives no OBS. */
  obsConfigFile?: string;
  /**
   * The config's `obs` section (`lectern serve --config`, or the `--obs` file read into it): used when
   * `obsConfigFile` is not given. Its passwordFile paths are already absolute.
   */
  obs?: ObsConfigFile;
  /** Flood protection (docs/config.md, "Limits"); default DEFAULT_RATE_LIMITS. */
  limits?: RateLimits;
  /** Where the throttles count: memory (default), or the multi-node mode's Redis. */
  limiterBackend?: LimiterBackend;
  /** Set in a worker of `--workers N` (server/cluster/): its adapter, its wiring to the others, its connections. */
  cluster?: ClusterHooks;
  /** One node of many on this Redis (`redis://HOST:PORT`): live state, log, tokens and program live there. */
  redisUrl?: string;
  /** Where the server logs (default: the process logger, JSON unless stdout is a terminal). */
  log?: Logger;
  /** What the screens read (GET /api/v1/screens/config); default DEFAULT_SCREEN_CONFIG. Also the OBS text language. */
  screens?: ScreenConfig;
  /** When set, `/metrics` needs `Authorization: Bearer <metricsToken>` (from env LECTERN_METRICS_TOKEN). */
  metricsToken?: string;
  /** Where to send webhooks (docs/webhooks.md): from the config file's `webhooks`, or `--webhooks FILE`. */
  webhooks?: Webhook[];
}

/** A running Lectern server. */
export interface RunningLectern {
  /** Base URL it listens on (with the real port). */
  url: string;
  port: number;
  live: LiveService;
  auth: AuthService;
  clock: Clock;
  obs: ObsService;
  metrics: LecternMetrics;
  questions: QuestionsService;
  webhooks: WebhookService;
  /** The director token, when it was generated by this start (to print once). */
  generatedDirectorToken?: string;
  /** Things the operator should know about this start (printed by `lectern serve`). */
  warnings: string[];
  /** How `--program` was read: its format, the zone it was read in and why, what the import decided. */
  programImport?: ImportResult;
  close(): Promise<void>;
}

const CLOCK_OFFSET_KEY = 'clockOffsetMs';

/** The clock offset to run with: from `--clock`, else the one kept with the data (a rehearsal resumes). */
async function resolveClockOffset(store: Store, clockOption: string | undefined, timeZone: string): Promise<number> {
  if (clockOption === undefined) return Number((await store.getMeta(CLOCK_OFFSET_KEY)) ?? 0) || 0;
  let offset = 0;
  if (clockOption !== 'real') {
    const instant = DateTime.fromISO(clockOption, { zone: timeZone, setZone: true });
    if (!instant.isValid)
      throw new Error(`--clock: "${clockOption}" is not an ISO date-time (e.g. 2025-10-02T09:00+09:00) or "real"`);
    offset = instant.toMillis() - Date.now();
  }
  await store.setMeta(CLOCK_OFFSET_KEY, String(offset));
  return offset;
}

/**
 * A `--clock` that lands before commands already made on this data (the same rehearsal command run again after a
 * crash) turns time back: running countdowns would look too long. Say so.
 */
function clockWarnings(clockOption: string | undefined, live: LiveService, now: number, zone: string): string[] {
  if (clockOption === undefined || clockOption === 'real') return [];
  const lastCommandAt = Math.max(0, ...live.getProgram().halls.map((hall) => live.state(hall.id).updatedAt));
  if (lastCommandAt <= now) return [];
  const at = DateTime.fromMillis(lastCommandAt, { zone }).toFormat('ccc d LLL HH:mm:ss');
  return [
    `--clock ${clockOption} is earlier than the last command on this data (${at}): halls that run show too-long countdowns. ` +
      'To resume a rehearsal where it was, start without --clock (the offset is kept with the data).',
  ];
}

/** A program file in any format the importers read (told by its content); the demo and stored programs are JSON. */
async function loadAnyProgramFile(path: string): Promise<ImportResult> {
  return importProgram(decodeProgramBytes(await readFile(path)), { format: 'auto' });
}

/** Starts the HTTP and socket server with its store, program and clock. */
export async function startLectern(options: ServeOptions): Promise<RunningLectern> {
  const log = options.log ?? logger();
  const metrics = new LecternMetrics();
  let listenPort = options.port;
  let store: Store;
  if (options.redisUrl) {
    const opened = await openRedisStore(options.redisUrl, { port: options.port, host: options.host }, (message) =>
      log.info({ component: 'redis' }, message),
    );
    store = instrumentStore(opened.store, metrics);
    listenPort = opened.port;
  } else store = instrumentStore(new SqliteStore(options.dataDir), metrics);
  let redisNode: RedisNode | undefined;
  let obsStore: ObsStore | undefined;
  let questions: QuestionsService | undefined;
  let forgetGeneratedToken: (() => Promise<void>) | undefined;
  let webhooks: WebhookService | undefined;
  try {
    // Secrets are read now, once: a webhook whose secret is missing stops the start (never logged).
    const receivers = await resolveReceivers(options.webhooks ?? [], process.env);
    const screens = options.screens ?? DEFAULT_SCREEN_CONFIG;
    const obsConfig = withStreamLanguages(
      options.obsConfigFile
        ? await loadObsConfig(options.obsConfigFile)
        : options.obs
          ? await parseObsConfig(options.obs, 'obs (config)', process.env, process.cwd())
          : undefined,
      screens,
    );
    const programImport = options.programFile ? await loadAnyProgramFile(options.programFile) : undefined;
    const fileProgram: Program | undefined = programImport?.program;
    const stored = await store.loadProgram();
    const loadDemo = () => loadProgramFile(DEMO_PROGRAM_PATH);
    const zone = (fileProgram ?? stored?.program ?? (await loadDemo())).event.timeZone;
    const clock = rehearsalClock(await resolveClockOffset(store, options.clock, zone), options.clockRate);
    const live = await LiveService.open(store, clock, loadDemo, fileProgram);
    const auth = new AuthService(store, clock);
    const { generated } = await auth.initDirectorToken(options.directorToken);
    if (generated) forgetGeneratedToken = () => auth.forgetGeneratedDirectorToken();
    // Nodes on Redis share the OBS records (mode, recordings, chapters), so a node taking a lease over goes on.
    obsStore = store instanceof RedisStore ? new RedisObsStore(store.redis, store.prefix) : new SqliteObsStore(options.dataDir);
    // Nodes on Redis: each hall's OBS is driven by the node that holds its lease (docs/scale.md).
    const lease =
      store instanceof RedisStore && obsConfig
        ? obsLeases(store, (message) => log.info({ component: 'obs-lease' }, message))
        : undefined;
    const obs = new ObsService({
      config: obsConfig,
      live,
      store: obsStore,
      now: () => clock.now(),
      log: (message) => log.info({ component: 'obs' }, message),
      ...(lease ? { lease } : {}),
    });

    const limits = options.limits ?? DEFAULT_RATE_LIMITS;
    // On Redis, every node counts a token's requests together; one process (or --workers, see docs/scale.md) in memory.
    const limiterBackend =
      options.limiterBackend ?? (store instanceof RedisStore ? redisBackend(store.redis, store.prefix) : undefined);
    const throttles = createThrottles(limits, limiterBackend, (message, error) =>
      log.warn({ component: 'limits', err: error }, message),
    );
    // Questions live beside the live state: in Redis for nodes on Redis (one queue for every node), else SQLite.
    const questionsLog = log.child({ component: 'questions' });
    questions = new QuestionsService(
      store instanceof RedisStore ? new RedisQuestionStore(store.redis, store.prefix) : new SqliteQuestionStore(options.dataDir),
      live,
      clock,
      new QuestionLimiter(limits.questions, questionsLog, limiterBackend),
      questionsLog,
    );
    const questionService = questions;
    live.lookUpInputsWith((hallId, command) => questionService.inputsFor(hallId, command));
    const app = express();
    const httpServer: HttpServer = createServer(app);
    const io: LecternServer = new SocketServer(httpServer, {
      maxHttpBufferSize: limits.maxFrameBytes,
      pingInterval: 10_000,
      pingTimeout: 8_000,
      serveClient: false,
      ...(options.cluster ? { adapter: options.cluster.adapter } : {}),
    });
    if (store instanceof RedisStore)
      redisNode = await attachRedisNode(io, store, live, auth, (message) => log.info({ component: 'redis' }, message));
    const broadcaster = instrumentBroadcaster(new SocketBroadcaster(io), metrics);
    // Each process sends the events of the commands it applied; overtime (no command) is looked for by one process
    // of `--workers N` (worker 1), and on Redis by every node, the first to claim an event in Redis sending it.
    webhooks = new WebhookService({
      receivers,
      live,
      clock,
      log: log.child({ component: 'webhooks' }),
      watchesOvertime: store instanceof RedisStore || (options.cluster?.index ?? 1) === 1,
      ...(store instanceof RedisStore ? { claimOvertime: claimOvertimeIn(store.redis, store.prefix) } : {}),
      onResult: (result) => metrics.webhookDeliveries.inc({ result }),
    });
    const webhookService = webhooks;
    metrics.watchWebhooks(() => webhookService.status());
    const displays = new DisplayRegistry(clock, (delta) => broadcaster.displaysChanged(delta));

    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    app.use(securityHeaders({ dev: options.dev, imageOrigins: logoOrigins(screens) }));
    app.use('/api', throttleWrites(auth, throttles));
    // The program upload reads its own raw body (a file in any format), so it comes before the JSON parser.
    app.use(programRoutes(live, auth));
    // Commands and edits are small; program files go through the upload route above, which has its own limit.
    app.use(express.json({ limit: '256kb' }));
    app.get('/healthz', (_req, res) => {
      const body: Health = {
        ok: true,
        version: VERSION,
        serverTime: clock.now(),
        clockOffsetMs: clock.offsetMs,
        programRevision: live.getProgramRevision(),
      };
      res.json(body);
    });
    app.get(
      '/readyz',
      readyzHandler(store, () => nodeReadiness(store, obs)),
    );
    app.use(metricsRoutes(metrics, options.metricsToken, options.cluster?.metrics(metrics.registry)));
    app.use(openApiRoutes());
    app.use(screenConfigRoutes(screens));
    app.use(programEditRoutes(live, store, auth));
    app.use(allHallsRoutes(live, auth));
    app.use(exportRoutes(live, auth, store, clock));
    app.use(liveRoutes(live, auth));
    app.use(questionsRoutes(questions, live, auth, clock));
    app.use(logRoutes(live, store, auth));
    app.use(displaysRoutes(displays, live, auth));
    app.use(authRoutes(auth, live, options.publicUrl));
    app.use(webhooksRoutes(webhooks, auth));
    app.use(obsRoutes(options.cluster ? options.cluster.obsApi(io, obs) : obs, auth));
    app.use('/api', (_req, res) => sendError(res, 404, 'not_found', 'no such API endpoint'));

    // The broadcaster listens first: screens hear of a change before OBS (subscribed in obs.start) acts on it.
    displays.reachThrough(io);
    // A director's list of screens and the webhook deliveries are every worker's or node's, not only this one's.
    if (options.cluster || store instanceof RedisStore) {
      const peerScreens = askEveryProcess(io, 'lectern:list-displays', () => displays.list());
      displays.setPeers(async () => (await peerScreens()).flat());
      webhooks.setPeers(askEveryProcess(io, 'lectern:webhook-status', () => webhookService.status()));
    }
    options.cluster?.wire({ io, live, auth, log });
    broadcastLiveChanges(live, broadcaster);
    observeCommands(live, log, metrics);
    webhooks.start();
    // Under --workers the OBS gauges are worker 1's, which drives OBS: the workers' metrics are added up.
    const drivesObs = (options.cluster?.index ?? 1) === 1;
    metrics.watch({ displays: () => displays.list(), obs: () => (drivesObs ? obs.status() : { halls: [] }) });
    broadcastQuestionChanges(io, questions);
    createSocketApp(io, { live, auth, clock, displays, throttles, questions });
    obs.onStatus((status) => broadcaster.obsChanged(status));
    observeObsLinks(obs, log);
    const closeWeb = await mountWeb(app, { dev: options.dev, httpServer });
    app.use(errorHandler);

    let port: number;
    if (options.cluster) port = await options.cluster.listen(io, listenPort, options.host);
    else {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(listenPort, options.host, () => resolve());
      });
      port = (httpServer.address() as AddressInfo).port;
    }
    await obs.start();
    const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
    return {
      url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
      port,
      live,
      auth,
      clock,
      obs,
      metrics,
      questions,
      webhooks,
      ...(generated ? { generatedDirectorToken: generated } : {}),
      warnings: [...clockWarnings(options.clock, live, clock.now(), zone)],
      ...(programImport ? { programImport } : {}),
      async close() {
        webhookService.close();
        displays.close();
        await obs.close();
        await closeWeb();
        // Closes the sockets and the HTTP server under them. A browser that keeps a request open would hold the
        // HTTP server's close forever: after a short grace its connections are cut.
        const cut = setTimeout(() => httpServer.closeAllConnections(), 1500);
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        clearTimeout(cut);
        await redisNode?.close();
        await obsStore?.close();
        await questions?.close();
        await store.close();
      },
    };
  } catch (error) {
    // The caller prints a generated token only after a successful start: a failed one must not keep it.
    webhooks?.close();
    await forgetGeneratedToken?.();
    await redisNode?.close();
    await obsStore?.close();
    await questions?.close();
    await store.close();
    throw error;
  }
}
