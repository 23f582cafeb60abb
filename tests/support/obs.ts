import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import OBSWebSocket, { EventSubscription, OBSWebSocketError } from 'obs-websocket-js';
import { tempDir } from './server.js';

/** The OBS binary the tests drive (Debian's obs-studio 29). */
export const OBS_BINARY = process.env.LECTERN_OBS ?? '/usr/bin/obs';
const XVFB_RUN = '/usr/bin/xvfb-run';

/** A real OBS Studio, headless under Xvfb, with its own HOME and websocket port. */
export interface TestObs {
  /** ws://127.0.0.1:PORT */
  url: string;
  port: number;
  password: string;
  /** Its private HOME (recordings land here). */
  home: string;
  /** A second websocket client, as an operator or an observer would use (closed by `stop`). */
  client(): Promise<OBSWebSocket>;
  /** Freezes OBS (SIGSTOP): its port stays open and its connections too, but it answers nothing. */
  freeze(): void;
  /** Lets a frozen OBS go on (SIGCONT). */
  thaw(): void;
  /** Kills OBS (SIGKILL: a crash, as far as Lectern can tell) and its Xvfb. */
  kill(): Promise<void>;
  /** Starts OBS again with the same HOME and port, and waits for its websocket. */
  restart(): Promise<void>;
  /** Stops OBS and its Xvfb; idempotent. */
  stop(): Promise<void>;
  /** What OBS and Xvfb printed. */
  output(): string;
}

/** A TCP port that was free a moment ago, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function globalIni(port: number, password: string): string {
  return `[General]
FirstRun=true
EnableAutoUpdates=false
ConfirmOnExit=false

[Basic]
Profile=Untitled
ProfileDir=Untitled
SceneCollection=Untitled
SceneCollectionFile=Untitled

[OBSWebSocket]
FirstLoad=false
ServerEnabled=true
ServerPort=${port}
AlertsEnabled=false
AuthRequired=true
ServerPassword=${password}
`;
}

/**
 * The profile: a small, slow canvas (CPU is scarce in CI), and a recording encoder of its own ("Small" quality
 * in simple output mode). With the default "same as stream" quality OBS shares the encoder and silently ignores
 * PauseRecord.
 */
const BASIC_INI = `[General]
Name=Untitled

[Output]
Mode=Simple

[SimpleOutput]
RecQuality=Small
RecFormat=mkv
VBitrate=300
ABitrate=64
Preset=ultrafast
RecEncoder=x264_lowcpu

[Video]
BaseCX=640
BaseCY=360
OutputCX=640
OutputCY=360
FPSType=1
FPSInt=10
`;

/** Resolves once something accepts TCP connections on the port. */
async function waitForPort(port: number, timeoutMs: number, alive: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`OBS exited before its websocket listened:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(150);
  }
  throw new Error(`OBS did not listen on ${port} in ${timeoutMs / 1000} s:\n${output()}`);
}

/** The pids of a process's children. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The pid of the `obs` process that `xvfb-run` (pid) started. */
function findObsPid(xvfbRunPid: number): number | undefined {
  const queue = [xvfbRunPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const child of childrenOf(pid)) {
      if (commandName(child) === 'obs') return child;
      queue.push(child);
    }
  }
  return undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts a real OBS (`xvfb-run obs --multi`) with a private HOME whose global.ini enables obs-websocket on a free
 * port with a password, and waits until the websocket answers requests. Fails (never skips) when OBS is missing.
 */
export async function startObs(options: { password?: string; port?: number } = {}): Promise<TestObs> {
  for (const file of [OBS_BINARY, XVFB_RUN]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: install Debian's obs-studio obs-plugins xvfb xauth libgl1-mesa-dri (see .ci/run)`);
    }
  }
  const home = tempDir('lectern-obs-');
  const port = options.port ?? (await freePort());
  const password = options.password ?? `obs-test-${Math.random().toString(36).slice(2, 12)}`;
  const configDir = join(home, '.config/obs-studio');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'global.ini'), globalIni(port, password));
  mkdirSync(join(configDir, 'basic/profiles/Untitled'), { recursive: true });
  writeFileSync(join(configDir, 'basic/profiles/Untitled/basic.ini'), BASIC_INI);

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const clients: OBSWebSocket[] = [];

  const launch = async () => {
    const proc = spawn(
      XVFB_RUN,
      ['-a', '-s', '-screen 0 1280x720x24', OBS_BINARY, '--multi', '--disable-shutdown-check', '--disable-updater'],
      {
        cwd: home,
        env: { ...process.env, HOME: home, LIBGL_ALWAYS_SOFTWARE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    child = proc;
    proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const alive = () => proc.exitCode === null && proc.signalCode === null;
    await waitForPort(port, 40_000, alive, () => output);
    // The port opens before OBS has loaded its scenes: wait until a request is answered (not 207 "not ready").
    const probe = await connectClient(`ws://127.0.0.1:${port}`, password);
    await probe.disconnect();
  };

  const kill = async () => {
    for (const client of clients.splice(0)) await client.disconnect().catch(() => undefined);
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const obsPid = findObsPid(proc.pid!);
    if (obsPid) process.kill(obsPid, 'SIGKILL');
    // xvfb-run stops its Xvfb once OBS is gone; if it does not within 5 s, end the group it leads.
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };

  const signalObs = (signal: NodeJS.Signals) => {
    const obsPid = child?.pid ? findObsPid(child.pid) : undefined;
    if (!obsPid) throw new Error('OBS is not running');
    process.kill(obsPid, signal);
  };

  await launch();
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    home,
    async client() {
      const client = await connectClient(`ws://127.0.0.1:${port}`, password);
      clients.push(client);
      return client;
    },
    freeze: () => signalObs('SIGSTOP'),
    thaw: () => signalObs('SIGCONT'),
    kill,
    async restart() {
      await kill();
      await launch();
    },
    stop: kill,
    output: () => output,
  };
}

/** Connects a websocket client and waits until OBS answers requests (it says 207 while it is still loading). */
export async function connectClient(url: string, password: string, timeoutMs = 30_000): Promise<OBSWebSocket> {
  const client = new OBSWebSocket();
  await client.connect(url, password, { rpcVersion: 1, eventSubscriptions: EventSubscription.All });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.call('GetVersion');
      return client;
    } catch (error) {
      if (!(error instanceof OBSWebSocketError) || error.code !== 207 || Date.now() > deadline) {
        await client.disconnect();
        throw error;
      }
      await sleep(200);
    }
  }
}

/** Creates scenes (skipping those that exist) and text inputs (text_ft2_source_v2) in the first scene given. */
export async function createScenes(
  client: OBSWebSocket,
  scenes: readonly string[],
  textInputs: readonly string[] = [],
): Promise<void> {
  const { scenes: existing } = await client.call('GetSceneList');
  const names = new Set(existing.map((scene) => String(scene.sceneName)));
  for (const sceneName of scenes) if (!names.has(sceneName)) await client.call('CreateScene', { sceneName });
  const { inputs } = await client.call('GetInputList');
  const inputNames = new Set(inputs.map((input) => String(input.inputName)));
  for (const inputName of textInputs) {
    if (inputNames.has(inputName)) continue;
    await client.call('CreateInput', {
      sceneName: scenes[0]!,
      inputName,
      inputKind: 'text_ft2_source_v2',
      inputSettings: { text: '' },
    });
  }
}

/** The program scene OBS shows now. */
export async function programScene(client: OBSWebSocket): Promise<string> {
  const { currentProgramSceneName } = await client.call('GetCurrentProgramScene');
  return currentProgramSceneName;
}

/** Polls until `read` gives a value `accept` likes; answers it. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(
    `${what} not reached in ${timeoutMs} ms; last value ${JSON.stringify(last)}${lastError ? `, last error ${String(lastError)}` : ''}`,
  );
}
