import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './net.js';
import { tempDir } from './server.js';

/** Debian's nginx. */
export const NGINX = '/usr/sbin/nginx';

/** nginx on 127.0.0.1 in front of Lectern. */
export interface TestNginx {
  /** e.g. http://127.0.0.1:41237 (for a site: https://127.0.0.1:<its first port>) */
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** The process around a test's `http { … }` content: its own pid, logs and temp folders in `dir`. */
function mainConfig(dir: string, http: string): string {
  return `worker_processes 1;
daemon off;
master_process on;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp/body')};
  proxy_temp_path ${join(dir, 'tmp/proxy')};
  fastcgi_temp_path ${join(dir, 'tmp/fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp/uwsgi')};
  scgi_temp_path ${join(dir, 'tmp/scgi')};
${http}
}
`;
}

/**
 * The config a deployment would use (docs/scale.md): round robin over the nodes, the websocket upgrade passed
 * through, a node that refuses connections skipped at once.
 */
function balancerFor(port: number, upstreamPorts: readonly number[]): string {
  return `  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream lectern {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://lectern;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout http_502;
    }
  }`;
}

/** Runs nginx in the foreground with `http` as its http block until `ready()` says yes. */
async function runNginx(dir: string, http: string, ready: () => Promise<boolean>): Promise<Omit<TestNginx, 'url' | 'port'>> {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, mainConfig(dir, http));
  let output = '';
  const child: ChildProcess = spawn(NGINX, ['-c', configFile, '-p', dir, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output}`);
    if (await ready()) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

/** Starts nginx balancing over `upstreamPorts` on a free port; ready once a node answers /healthz through it. */
export async function startNginx(upstreamPorts: readonly number[]): Promise<TestNginx> {
  const port = await freePort();
  const dir = tempDir('lectern-nginx-');
  const running = await runNginx(dir, balancerFor(port, upstreamPorts), () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    ),
  );
  return { url: `http://127.0.0.1:${port}`, port, ...running };
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx with `site` (server blocks, as a conf.d file holds) in its http block, in its own folder `dir`;
 * ready once `port` (a TLS port: nothing is fetched) accepts connections.
 */
export async function startNginxSite(dir: string, site: string, port: number): Promise<TestNginx> {
  const running = await runNginx(dir, site, () => listening(port));
  return { url: `https://127.0.0.1:${port}`, port, ...running };
}
